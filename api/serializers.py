"""What the API answers, as DRF serializers: they write the JSON and, read by drf-spectacular,
the OpenAPI schema; the contract test (tests/api/test_contract.py) checks the one against the
other. Names and labels kept per language come as `{"fr": …, "nl": …, "de": …, "en": …}`;
those of a release are in the release's own language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from core.image_rights import Licence
from directory.models import Publisher


def _in_languages(read):
    """`{language: read()}` with each language active in turn."""
    values = {}
    for code in settings.LANGUAGE_CODES:
        with translation.override(code):
            values[code] = str(read())
    return values


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


PerLanguage = inline_serializer(
    "PerLanguage", {code: serializers.CharField() for code in settings.LANGUAGE_CODES}
)


def _fields_per_language(obj, prefix):
    return {code: getattr(obj, f"{prefix}_{code}") for code in settings.LANGUAGE_CODES}


class ThemeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.SerializerMethodField()

    @extend_schema_field(PerLanguage)
    def get_name(self, theme):
        return _fields_per_language(theme, "name")


class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    publisher_id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=["spokesperson", "press_officer"])
    position = serializers.SerializerMethodField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    mobile = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField(), source="language_list")

    @extend_schema_field(PerLanguage)
    def get_position(self, contact):
        return _fields_per_language(contact, "position")


class PublisherSerializer(serializers.Serializer):
    """A publisher with its names in every language, its portfolio (government members) and
    its active press contacts."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    type = serializers.ChoiceField(choices=Publisher.Kind.values, source="kind")
    name = serializers.SerializerMethodField()
    acronym = serializers.SerializerMethodField()
    portfolio = serializers.SerializerMethodField()
    name_with_portfolio = serializers.SerializerMethodField()
    is_active = serializers.BooleanField()
    in_office = serializers.BooleanField()
    term_start = serializers.DateField(allow_null=True)
    term_end = serializers.DateField(allow_null=True)
    website = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    urls = serializers.SerializerMethodField()
    contacts = ContactSerializer(many=True, source="active_contacts")

    @extend_schema_field(PerLanguage)
    def get_name(self, publisher):
        return _in_languages(lambda: publisher.display_name)

    @extend_schema_field(PerLanguage)
    def get_acronym(self, publisher):
        return _fields_per_language(publisher, "acronym")

    @extend_schema_field(PerLanguage)
    def get_portfolio(self, publisher):
        return _fields_per_language(publisher, "portfolio")

    @extend_schema_field(PerLanguage)
    def get_name_with_portfolio(self, publisher):
        return _in_languages(lambda: publisher.name_with_portfolio)

    @extend_schema_field(PerLanguage)
    def get_urls(self, publisher):
        """The publisher's page on the site, per language."""
        request = self.context["request"]
        return _in_languages(
            lambda: _absolute(request, reverse("releases:publisher", args=[publisher.slug]))
        )


class PublisherRefSerializer(serializers.Serializer):
    """A publisher as a release names it, in the release's language."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    type = serializers.ChoiceField(choices=Publisher.Kind.values, source="kind")
    name = serializers.CharField(source="display_name")
    name_with_portfolio = serializers.CharField()


class ThemeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class LocalizedSerializer(serializers.Serializer):
    """Written in the language of the object (a page's locale)."""

    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)


class PageSerializer(LocalizedSerializer):
    """A public page of the API: its id, title, language, public page and API detail, whose
    route a subclass names in `detail_route`."""

    detail_route = None

    id = serializers.IntegerField()
    title = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page):
        """The public page."""
        return page.get_full_url(request=self.context["request"])

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, page):
        request = self.context["request"]
        return _absolute(request, reverse(self.detail_route, args=[page.pk]))


class ReleaseSummarySerializer(PageSerializer):
    detail_route = "api:release-detail"

    lead = serializers.CharField()
    published_at = serializers.DateTimeField()
    first_published_at = serializers.DateTimeField()
    last_published_at = serializers.DateTimeField()
    publisher = PublisherRefSerializer()
    co_publishers = PublisherRefSerializer(many=True, source="card_co_publishers")
    themes = ThemeRefSerializer(many=True, source="card_themes")


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class MediaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["image", "infographic"])
    title = serializers.CharField()
    alt = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField(
        help_text="The block's credit, else the image's credit line or photographer."
    )
    copyright = serializers.CharField()
    licence = serializers.ChoiceField(
        choices=["", *Licence.values], help_text="Empty when unknown."
    )
    licence_url = serializers.CharField(help_text="The licence's text, for Creative Commons.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.DictField(child=RenditionSerializer())


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["attachment", "video", "captions"])
    title = serializers.CharField()
    url = serializers.URLField()
    file_type = serializers.CharField()
    file_size = serializers.IntegerField(allow_null=True)


class TranslationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    language = serializers.CharField()
    url = serializers.URLField()
    api_url = serializers.URLField()


class MeetingRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    meeting_date = serializers.DateField()
    url = serializers.URLField()
    api_url = serializers.URLField()


class UpdateNoteSerializer(serializers.Serializer):
    noted_at = serializers.DateTimeField()
    note = serializers.CharField()


class ReleaseDetailSerializer(ReleaseSummarySerializer):
    """A release in full: the body as the site renders it (HTML, absolute addresses), its
    images with renditions, its documents, its versions in other languages, contacts and
    Council meeting. Built by api.views.release_detail, which gathers these."""

    body_html = serializers.CharField()
    media = MediaSerializer(many=True)
    attachments = AttachmentSerializer(many=True)
    translations = TranslationSerializer(many=True)
    press_contacts = ContactSerializer(many=True)
    council_meeting = MeetingRefSerializer(allow_null=True)
    concerned_members = PublisherRefSerializer(many=True)
    updates = UpdateNoteSerializer(many=True, help_text="Updates and corrections, newest first.")
    updated_at = serializers.DateTimeField(
        source="changed_at",
        help_text="The later of the last publication and the newest update note.",
    )


class DecisionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    api_url = serializers.URLField()


class MeetingSerializer(PageSerializer):
    detail_route = "api:meeting-detail"

    meeting_date = serializers.DateField()
    decisions = DecisionRefSerializer(many=True, source="api_decisions")


class MeetingDetailSerializer(MeetingSerializer):
    intro_html = serializers.CharField()
    decisions = ReleaseSummarySerializer(many=True, source="api_decisions")


class PageListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class ReleaseListSerializer(serializers.Serializer):
    """A page of releases: newest first with `count`, `next` and `previous`; or, when syncing
    (`since` or `cursor`), oldest first with `next_cursor` (`count` and `previous` null)."""

    count = serializers.IntegerField(allow_null=True)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    next_cursor = serializers.CharField(allow_null=True)
    results = ReleaseSummarySerializer(many=True)


class MeetingListSerializer(PageListSerializer):
    results = MeetingSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.CharField())


class WithdrawnSerializer(ErrorSerializer):
    """410: the release was withdrawn (it stays at its URL with this notice)."""

    withdrawn_at = serializers.DateTimeField()
    reason = serializers.CharField()
