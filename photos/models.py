"""Photo reports: a section under each home page (/fr/photos/, ...) listing the reports, and
the report itself (an event, its date and place, the publisher and photographer, a licence,
a description and its photos in order). Images are shared by the translations of a report;
the texts are translated with wagtail-localize like every page."""

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.front_cache import tag_response, translation_tag
from core.image_rights import LICENCE_URLS, Licence
from core.navigation import NavigationSectionMixin
from core.pages import OwnPermissionRulesMixin, ViewRestrictionsInOneQueryMixin
from core.public import PublicPageManager
from releases.search import search_words
from releases.views import paginate

from .admin_forms import PhotoReportForm, undescribed_photos_message
from .forms import DATE_FROM, DATE_TO, PUBLISHER, TEXT, THEME, PhotoFilters
from .permissions import PhotoReportPermissionTester

PHOTOS_TAG_PREFIX = "photos-"
# The web copy of a photo: a JPEG of at most this many pixels on its long side (photos.downloads).
WEB_SIZE = 2048
ORIGINAL, WEB = "original", "web"
SIZES = (ORIGINAL, WEB)
# A search finds at most this many reports (more: the visitor adds a word or a filter).
MAX_SEARCH_RESULTS = 1000


def photos_tag(language_code):
    """The front cache tag of every list of photo reports of a language."""
    return f"{PHOTOS_TAG_PREFIX}{language_code}"


def report_purge_tags(page):
    """A report in every language (and the releases that embed it: they carry its tag), and
    the lists of its language."""
    return [translation_tag(page.translation_key), photos_tag(page.locale.language_code)]


class PhotoPermissionsMixin(OwnPermissionRulesMixin):
    """The photo pages answer to photos' own rules (photographers act for their publishers),
    not to the release rules every other page type asks (core.pages.HookedPermissionsMixin)."""

    permission_tester_class = PhotoReportPermissionTester


class PhotoReportIndexPage(
    ViewRestrictionsInOneQueryMixin, PhotoPermissionsMixin, NavigationSectionMixin, Page
):
    """The photo library of a language: the live reports, newest first, filterable by
    publisher, date and theme, and searchable (`reports`, with photos.forms)."""

    navigation_key = "photos"
    is_photo_library = True  # read by photos.permissions
    section_titles = {
        "fr": ("Photos", "photos"),
        "nl": ("Foto's", "fotos"),
        "de": ("Fotos", "fotos"),
        "en": ("Photos", "photos"),
    }

    intro = models.TextField(_("introduction"), blank=True)

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["photos.PhotoReportPage"]

    class Meta:
        verbose_name = _("photo library")

    def reports(self, filters):
        """The live, public reports of this section matching `filters` (photos.forms), newest
        first, with what their cards show."""
        reports = PhotoReportPage.objects.public_live().child_of(self)
        if PUBLISHER in filters:
            reports = reports.filter(publisher=filters[PUBLISHER])
        if THEME in filters:
            reports = reports.filter(themes=filters[THEME])
        if DATE_FROM in filters:
            reports = reports.filter(date__gte=filters[DATE_FROM])
        if DATE_TO in filters:
            reports = reports.filter(date__lte=filters[DATE_TO])
        if TEXT in filters:
            # Wagtail's search (title, event, description, place) finds the ids, from the
            # words of the text only (the search syntax of SQLite's FTS5 is no visitor's); the
            # filters above and "live, public" stay the ORM's.
            words = " ".join(search_words(filters[TEXT]))
            found = []
            if words:
                found = PhotoReportPage.objects.filter(locale=self.locale).search(
                    words, operator="and"
                )[:MAX_SEARCH_RESULTS]
            reports = reports.filter(pk__in=[report.pk for report in found])
        return (
            reports.order_by("-date", "-pk")
            .select_related("publisher")
            .prefetch_related(
                Prefetch(
                    "photos",
                    queryset=PhotoReportPhoto.objects.select_related(
                        "image", "image__rights"
                    ).order_by("sort_order", "pk"),
                )
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_response(request, photos_tag(self.locale.language_code))
        filters = PhotoFilters(request.GET)
        querystring = filters.querystring()
        page_obj, ignored = paginate(request, self.reports(filters.filters), querystring)
        context.update(
            {
                "filters": filters,
                "reports": page_obj.object_list,
                "page_obj": page_obj,
                "ignored": filters.ignored + ignored,
            }
        )
        return context


class PhotoReportPage(ViewRestrictionsInOneQueryMixin, PhotoPermissionsMixin, Page):
    event = models.CharField(_("event"), max_length=255)
    date = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    publisher = models.ForeignKey(
        "directory.Publisher",
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        related_name="photo_reports",
    )
    photographer = models.CharField(_("photographer"), max_length=255)
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.EDITORIAL
    )
    description = models.TextField(_("description"), blank=True)
    themes = ParentalManyToManyField("releases.Theme", verbose_name=_("themes"), blank=True)

    objects = PublicPageManager()

    base_form_class = PhotoReportForm
    front_cache_purge_tags = report_purge_tags
    is_photo_report = True  # read by photos.permissions

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("event"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("place")]),
                FieldPanel("publisher"),
                FieldRowPanel([FieldPanel("photographer"), FieldPanel("licence")]),
            ],
            heading=_("Report"),
        ),
        FieldPanel("description"),
        FieldPanel("themes"),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("event"),
        index.SearchField("description"),
        index.SearchField("place"),
        index.FilterField("date"),
        index.FilterField("publisher"),
        index.FilterField("expire_at"),
    ]
    parent_page_types = ["photos.PhotoReportIndexPage"]
    subpage_types = []
    override_translatable_fields = [
        SynchronizedField("date", overridable=False),
        SynchronizedField("publisher", overridable=False),
        SynchronizedField("photographer", overridable=False),
        SynchronizedField("licence", overridable=False),
        SynchronizedField("themes", overridable=False),
    ]

    class Meta:
        verbose_name = _("photo report")
        verbose_name_plural = _("photo reports")
        indexes = [models.Index(fields=["publisher", "-date"])]

    def clean(self):
        super().clean()
        if not self.live:
            return
        missing = [
            photo.image.title
            for photo in self.photos.all()
            if photo.image_id and not (photo.image.description or "").strip()
        ]
        if missing:
            raise ValidationError(undescribed_photos_message(missing))

    def photo_items(self):
        """The photos in order, each with its image and the image's rights: two queries."""
        return list(
            self.photos.select_related("image", "image__rights").order_by("sort_order", "pk")
        )

    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_response(request, photos_tag(self.locale.language_code))
        context["photos"] = self.photo_items()
        context["themes"] = list(self.themes.all())
        index_page = PhotoReportIndexPage.objects.public_live().filter(pk=self.get_parent().pk)
        context["index_page"] = index_page.first()
        context["zip_name"] = f"{self.slug}.zip"
        return context


class PhotoReportPhoto(Orderable):
    """A photo of a report: an image of the library, with a caption for this report."""

    page = ParentalKey(PhotoReportPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="photo_report_uses",
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the image's own caption."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    @property
    def rights(self):
        try:
            return self.image.rights
        except models.ObjectDoesNotExist:
            return None

    def file_name(self, size=ORIGINAL, number=None):
        """The downloaded file's name: `[<number>-]<title>[-2048].<ext>`, ASCII, no path."""
        image = self.image
        extension = os.path.splitext(image.file.name)[1][1:].lower() if size == ORIGINAL else ""
        stem = slugify(image.title)[:60] or f"photo-{image.pk}"
        if size == WEB:
            stem = f"{stem}-{WEB_SIZE}"
        if number is not None:
            stem = f"{number:03d}-{stem}"
        return f"{stem}.{extension or 'jpg'}"

    @property
    def original_name(self):
        return self.file_name(ORIGINAL)

    @property
    def web_name(self):
        return self.file_name(WEB)

    def web_dimensions(self):
        """The pixel size of the web copy, without making it."""
        width, height = self.image.width or 0, self.image.height or 0
        longest = max(width, height)
        if longest <= WEB_SIZE:
            return width, height
        scale = WEB_SIZE / longest
        return max(1, round(width * scale)), max(1, round(height * scale))

    @property
    def web_width(self):
        return self.web_dimensions()[0]

    @property
    def web_height(self):
        return self.web_dimensions()[1]

    @property
    def shown_caption(self):
        rights = self.rights
        return self.caption or (rights.caption if rights else "") or self.image.description
