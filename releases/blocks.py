"""StreamField blocks of a press release body. One template per block under
templates/releases/blocks/."""

import copy
import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail_localize.segments import StringSegmentValue

from core.front_cache import tag_response, translation_tag
from core.image_blocks import CreditedImageBlock, CreditedImageChooserBlock
from core.public import public_pages
from core.rich_text import RICH_TEXT_FEATURES

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
VIMEO_ID = re.compile(r"^\d{4,12}$")


def parse_video_url(url):
    """(provider, id) for a YouTube or Vimeo URL, or None. No network: the player is built
    from the id, so nothing is fetched from the host before the reader asks for it."""
    if not url:
        return None
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parsed.path.strip("/")
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if path == "watch":
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        elif path.split("/")[0] in {"embed", "shorts", "live", "v"} and "/" in path:
            video_id = path.split("/")[1]
        if video_id and YOUTUBE_ID.match(video_id):
            return "youtube", video_id
    elif host == "youtu.be":
        video_id = path.split("/")[0]
        if YOUTUBE_ID.match(video_id):
            return "youtube", video_id
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video_id = path.split("/")[-1]
        if VIMEO_ID.match(video_id):
            return "vimeo", video_id
    return None


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "releases/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    # ImageBlock asks for alt text (or an explicit "decorative" tick) in the admin; this one
    # loads the image's rights (credit, licence) with it.
    image = CreditedImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to show the image's own credit."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "releases/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=255)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Photos"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Photo gallery")
        template = "releases/blocks/gallery.html"


class InfographicBlock(blocks.StructBlock):
    image = CreditedImageChooserBlock(label=_("Infographic"))
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    text_alternative = blocks.RichTextBlock(
        label=_("Text alternative"),
        features=RICH_TEXT_FEATURES + ["h3"],
        help_text=_("Everything the infographic says, for readers who cannot see it."),
    )
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Infographic")
        template = "releases/blocks/infographic.html"


class PhotoReportBlock(blocks.StructBlock):
    """A photo report of the photo library (the photos app, named by its model's name: releases
    does not import it) shown in the release: its photos with their credits and a link to it.
    Shown only while the report is live and public."""

    report = blocks.PageChooserBlock(label=_("Photo report"), page_type="photos.PhotoReportPage")
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=255, help_text=_("Defaults to the report's.")
    )
    limit = blocks.IntegerBlock(
        label=_("Photos shown"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("The first photos of the report; all of them when empty."),
    )

    class Meta:
        icon = "image"
        label = _("Photo report")
        template = "releases/blocks/photo_report.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        report = value.get("report")
        request = (parent_context or {}).get("request")
        shown = None
        if report is not None and public_pages(type(report)).filter(pk=report.pk).exists():
            shown = report
            # The release shows the report: republishing the report purges the release too.
            tag_response(request, translation_tag(report.translation_key))
        context["report"] = shown
        photos = shown.photo_items() if shown is not None else []
        context["photos"] = photos[: value["limit"]] if value.get("limit") else photos
        return context


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    url = blocks.URLBlock(
        label=_("YouTube or Vimeo URL"),
        required=False,
        help_text=_("Shown behind a click-to-load button: nothing loads from the host before."),
    )
    file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("An uploaded MP4 or WebM file.")
    )
    captions = DocumentChooserBlock(
        label=_("Captions"),
        required=False,
        help_text=_(
            "A WebVTT file (.vtt) with the captions of the video file, in the language of the "
            "release. A video with speech needs captions to be accessible."
        ),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=RICH_TEXT_FEATURES
    )
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "releases/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("url") and not value.get("file"):
            errors["url"] = ValidationError(_("Give a YouTube or Vimeo URL or a video file."))
        elif value.get("url") and parse_video_url(value["url"]) is None:
            errors["url"] = ValidationError(_("Only YouTube and Vimeo video URLs are supported."))
        video_file = value.get("file")
        if video_file and video_file.file_extension.lower() not in {"mp4", "webm"}:
            errors["file"] = ValidationError(_("The video file must be an MP4 or WebM file."))
        captions = value.get("captions")
        if captions and not video_file:
            errors["captions"] = ValidationError(
                _("Captions go with an uploaded video file; YouTube and Vimeo keep their own.")
            )
        elif captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = ValidationError(_("The captions must be a WebVTT (.vtt) file."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = parse_video_url(value.get("url"))
        return context


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Attachment")
        template = "releases/blocks/attachment.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "releases/blocks/quote.html"


class ReleaseTableBlock(TableBlock):
    """A table whose caption and cells the translation editor offers (wagtail-localize knows
    no TableBlock): one text per non-empty cell, the layout copied from the source."""

    def get_translatable_segments(self, value):
        value = value or {}
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("table_caption", value["table_caption"]))
        for row, cells in enumerate(value.get("data") or []):
            for column, cell in enumerate(cells or []):
                if cell and str(cell).strip():
                    segments.append(StringSegmentValue(f"cell-{row}-{column}", str(cell)))
        return segments

    def restore_translated_segments(self, value, segments):
        value = copy.deepcopy(dict(value or {}))
        for segment in segments:
            text = segment.render_text()
            if segment.path == "table_caption":
                value["table_caption"] = text
            elif segment.path.startswith("cell-"):
                _cell, row, column = segment.path.split("-")
                value["data"][int(row)][int(column)] = text
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "releases/blocks/table.html"


class ReleaseBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="releases/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    infographic = InfographicBlock()
    photo_report = PhotoReportBlock()
    video = VideoBlock()
    attachment = AttachmentBlock()
    quote = QuoteBlock()
    table = ReleaseTableBlock()


class RelatedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("External URL"), required=False)

    class Meta:
        icon = "link"
        label = _("Related link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or give a URL, not both."))}
            )
        return value
