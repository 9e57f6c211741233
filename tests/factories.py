"""Small builders for what tests need. Not the demo content: each test makes its own world."""

import io
import itertools
import json
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale

from directory.models import PressContact, Publisher
from photos.models import PhotoReportIndexPage, PhotoReportPage, PhotoReportPhoto
from releases.loading import loading
from releases.models import (
    CouncilIndexPage,
    CouncilMeetingPage,
    NewsIndexPage,
    PressReleasePage,
    Theme,
)

_seq = itertools.count(1)
YOUTUBE_ID = "dQw4w9WgXcQ"


def publisher(kind=Publisher.Kind.ORGANISATION, **fields):
    n = next(_seq)
    fields.setdefault("name", f"Federal Public Service {n}")
    fields.setdefault("slug", f"publisher-{n}")
    return Publisher.objects.create(kind=kind, **fields)


def government_member(**fields):
    n = next(_seq)
    fields.setdefault("name", f"Minister Number {n}")
    fields.setdefault("portfolio_en", f"Minister of Affairs {n}")
    return publisher(kind=Publisher.Kind.GOVERNMENT_MEMBER, **fields)


def council(**fields):
    fields.setdefault("name", "Council of Ministers")
    fields.setdefault("slug", "council-of-ministers")
    existing = Publisher.objects.filter(kind=Publisher.Kind.COUNCIL).first()
    return existing or publisher(kind=Publisher.Kind.COUNCIL, **fields)


def contact(publisher, **fields):
    n = next(_seq)
    fields.setdefault("name", f"Spokesperson {n}")
    fields.setdefault("email", f"spokesperson{n}@example.be")
    fields.setdefault("role", PressContact.Role.SPOKESPERSON)
    return PressContact.objects.create(publisher=publisher, **fields)


def theme(**fields):
    n = next(_seq)
    fields.setdefault("slug", f"theme-{n}")
    for code in ("fr", "nl", "de", "en"):
        fields.setdefault(f"name_{code}", f"Theme {n} {code}")
    return Theme.objects.create(**fields)


def image(title="Photo", size=(64, 48), color=(0, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def photo(title="Photo", data=None, description="A described photo", **fields):
    """An image from the bytes `data` (a small JPEG by default), as uploaded: its metadata is
    read and its GPS and serial numbers removed (core.image_rights)."""
    if data is None:
        buffer = io.BytesIO()
        PILImage.new("RGB", (320, 200), (0, 90, 160)).save(buffer, "JPEG")
        data = buffer.getvalue()
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(io.BytesIO(data), name=f"{title}.jpg"),
        **fields,
    )


def photo_index(language="nl"):
    return PhotoReportIndexPage.objects.get(locale__language_code=language)


def photo_report(language="nl", publish=True, images=None, themes=(), **fields):
    """A photo report under the photo library of `language` with `images` (two photos by
    default), published unless `publish` is False."""
    parent = photo_index(language)
    n = next(_seq)
    fields.setdefault("title", f"Photo report number {n}")
    fields.setdefault("slug", f"photo-report-{n}")
    fields.setdefault("event", f"Event {n}")
    fields.setdefault("date", timezone.localdate() - timedelta(days=n))
    fields.setdefault("place", "Brussels")
    fields.setdefault("photographer", "Jan Janssens")
    if "publisher" not in fields:
        fields["publisher"] = publisher()
    fields.setdefault("live", publish)
    if images is None:
        images = [photo(f"Report {n} photo one"), photo(f"Report {n} photo two")]
    page = PhotoReportPage(locale=parent.locale, **fields)
    page.photos = [PhotoReportPhoto(image=image, sort_order=n) for n, image in enumerate(images)]
    parent.add_child(instance=page)
    page.themes.set(themes)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def news_index(language="nl"):
    return NewsIndexPage.objects.get(locale__language_code=language)


def council_index(language="nl"):
    return CouncilIndexPage.objects.get(locale__language_code=language)


def release(parent=None, language="nl", publish=True, themes=(), co_publishers=(), **fields):
    """A release under `parent` (default: the news listing of `language`), published unless
    `publish` is False."""
    parent = parent or news_index(language)
    n = next(_seq)
    fields.setdefault("title", f"Press release number {n}")
    fields.setdefault("slug", f"press-release-{n}")
    fields.setdefault("lead", f"The lead of release {n}.")
    # A second apart, newest last: a process that made thousands of releases before a test
    # still dates this one within the hour (minutes put them days back).
    fields.setdefault("published_at", timezone.now() - timedelta(seconds=n))
    if "publisher" not in fields:
        fields["publisher"] = publisher()
    # Wagtail's default is live=True: a draft must say it is not.
    fields.setdefault("live", publish)
    page = PressReleasePage(locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.themes.set(themes)
    page.co_publishers.set(co_publishers)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def publish_as_validated(page):
    """Publish a decision naming government members as if its validation were done: loaded
    content (releases.loading), which the publication guard lets through."""
    with loading("test fixture"):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def translation_of(page, language, **fields):
    """A translated copy of `page` in `language`, published."""
    locale = Locale.objects.get(language_code=language)
    copy = page.copy_for_translation(locale, copy_parents=True)
    for key, value in fields.items():
        setattr(copy, key, value)
    copy.save()
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def meeting(meeting_date=None, language="nl", publish=True, **fields):
    parent = council_index(language)
    meeting_date = meeting_date or timezone.localdate()
    fields.setdefault("title", f"Council of Ministers of {meeting_date:%d/%m/%Y}")
    fields.setdefault("slug", f"council-{meeting_date:%Y-%m-%d}-{next(_seq)}")
    fields.setdefault("live", publish)
    page = CouncilMeetingPage(meeting_date=meeting_date, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def document(title, name, content):
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def full_release_body():
    """A release body with every kind of block, as JSON, and the media it uses by name."""
    photo = image("Minister at the podium", size=(1600, 900))
    gallery_one = image("Gallery one")
    gallery_two = image("Gallery two")
    chart = image("Budget chart")
    pdf = document("Budget 2025 in figures", "budget.pdf", b"%PDF-1.4 " + b"x" * 2048)
    clip = document("Press conference", "press.mp4", b"\x00\x00\x00\x18ftypmp42" + b"0" * 100)
    captions = document("Captions", "press.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n")
    body = [
        {"type": "paragraph", "value": "<p>The government agreed on the <b>budget</b>.</p>"},
        {"type": "heading", "value": {"text": "What changes", "level": "h2"}},
        {"type": "heading", "value": {"text": "For families", "level": "h3"}},
        {
            "type": "image",
            "value": {
                "image": {
                    "image": photo.pk,
                    "alt_text": "The minister speaks",
                    "decorative": False,
                },
                "caption": "Press conference in Brussels",
                "credit": "Belga",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "Photos of the day",
                "images": [
                    {
                        "image": {
                            "image": gallery_one.pk,
                            "alt_text": "First",
                            "decorative": False,
                        },
                        "caption": "First photo",
                        "credit": "FPS Chancellery",
                    },
                    {
                        "image": {
                            "image": gallery_two.pk,
                            "alt_text": "Second",
                            "decorative": False,
                        },
                        "caption": "Second photo",
                        "credit": "",
                    },
                ],
            },
        },
        {
            "type": "infographic",
            "value": {
                "image": chart.pk,
                "title": "Where the money goes",
                "text_alternative": "<p>Health takes 40 percent of the budget.</p>",
                "credit": "FPS Budget",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "The announcement",
                "url": f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
                "file": None,
                "transcript": "<p>Good morning, today we announce the budget.</p>",
                "credit": "",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Recorded statement",
                "url": "",
                "file": clip.pk,
                "captions": captions.pk,
                "transcript": "",
                "credit": "Belga",
            },
        },
        {"type": "attachment", "value": {"document": pdf.pk, "title": ""}},
        {
            "type": "quote",
            "value": {"quote": "A fair budget.", "attribution": "The Prime Minister"},
        },
        {
            "type": "table",
            "value": {
                "data": [["Department", "Amount"], ["Health", "40"], ["Defence", "12"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Budget by department",
            },
        },
    ]
    return json.dumps(body), {
        "photo": photo,
        "gallery": [gallery_one, gallery_two],
        "chart": chart,
        "pdf": pdf,
        "clip": clip,
        "captions": captions,
    }
