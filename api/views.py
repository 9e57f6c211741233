"""The endpoints of /api/v1/. Every list of releases starts from releases.query (the one
"live, public, not expired" rule, PressReleasePage.objects.public_live()); meetings from
CouncilMeetingPage.objects.public_live(). Responses are cached and purged like the pages
(core.front_cache tags), carry an ETag (ConditionalGetMiddleware: 304 on If-None-Match) and
the rate-limit headers (api.throttling)."""

from datetime import timedelta
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from core.front_cache import cache_until, news_tag, tag_response, translation_tag
from core.image_rights import credit_info
from directory.models import Publisher
from releases.cards import attach_card_relations, with_card_relations
from releases.feeds import absolute_body_html
from releases.forms import DATE_FROM, DATE_TO, PUBLISHER, SORT, TEXT, THEME, TYPE
from releases.models import CouncilMeetingPage, PressReleasePage, Theme
from releases.query import live_releases
from releases.templatetags.releases_tags import file_size, file_type

from . import serializers as s
from .errors import NotFound, Withdrawn, exception_handler
from .params import (
    CURSOR,
    LANGUAGE,
    PAGE,
    PAGE_SIZE,
    RELEASE_FILTERS,
    SINCE,
    Params,
    encode_cursor,
)
from .throttling import ClientRateThrottle, rate_limit_headers

# The image sizes a release's media come in (the feeds' enclosure is the larger one).
RENDITIONS = ("width-800", "width-1200")
ID_PARAM = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
ERRORS = {400: s.ErrorSerializer, 404: s.ErrorSerializer, 429: s.ErrorSerializer}


def _param(name, description, type=str, many=False, enum=None, example=None):
    # An example is the first request the contract test makes (tests/api/test_contract.py).
    examples = [OpenApiExample(name, value=example)] if example is not None else None
    return OpenApiParameter(
        name,
        type,
        OpenApiParameter.QUERY,
        description=description,
        many=many,
        enum=enum,
        examples=examples,
    )


LANGUAGE_PARAM = _param(
    LANGUAGE, "Only this language (default: all).", enum=settings.LANGUAGE_CODES
)
PAGE_PARAMS = [
    _param(PAGE, "Page number, from 1.", type={"type": "integer", "minimum": 1}),
    _param(
        PAGE_SIZE,
        "Items per page, 1 to 100 (default 20).",
        type={"type": "integer", "minimum": 1, "maximum": 100},
    ),
]
RELEASE_PARAMS = [
    LANGUAGE_PARAM,
    _param(PUBLISHER, "Publisher slug (repeatable: any of them).", many=True, example=["finance"]),
    _param(TYPE, "Type of publisher (repeatable).", many=True, enum=Publisher.Kind.values),
    _param(THEME, "Theme slug (repeatable: any of them).", many=True, example=["economy"]),
    _param(
        DATE_FROM,
        "Published on or after this day (YYYY-MM-DD).",
        type=OpenApiTypes.DATE,
        example="2025-01-01",
    ),
    _param(DATE_TO, "Published on or before this day (YYYY-MM-DD).", type=OpenApiTypes.DATE),
    _param(
        TEXT, 'Search text (web syntax on PostgreSQL: "a phrase", -word, OR).', example="budget"
    ),
    _param(
        SORT,
        "With q: `relevance`, or `date` (newest first, the default).",
        enum=["relevance", "date"],
    ),
    *PAGE_PARAMS,
    _param(
        SINCE,
        "Sync: releases first published at or after this date or date and time, oldest "
        "first, `next_cursor` to go on. Not with q or page.",
        type=OpenApiTypes.DATETIME,
    ),
    _param(CURSOR, "Sync: go on from a `next_cursor`. Not with q or page."),
]


class ApiPolicy:
    """What every view of the API is: anonymous, read-only, rate limited per client (every
    response carries the client's rate-limit headers), errors in the API's JSON. Set on the
    views, not in REST_FRAMEWORK: Wagtail's admin and wagtail-localize's editor are DRF views
    too, with sessions, parsers and errors of their own."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    parser_classes = ()
    throttle_classes = (ClientRateThrottle,)

    def get_exception_handler(self):
        return exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for name, value in rate_limit_headers(request).items():
            response[name] = value
        return response


class SchemaView(ApiPolicy, SpectacularAPIView):
    pass


class ReferenceView(ApiPolicy, SpectacularSwaggerSplitView):
    """Swagger UI, its assets from the site (drf-spectacular-sidecar) and its initialisation
    script a file of its own; the template moves the inline styles to a file too (the site's
    Content-Security-Policy allows neither)."""

    template_name = "api/swagger_ui.html"
    title = "newsportal API"


class PublicView(ApiPolicy, GenericAPIView):
    """Anonymous, read-only JSON."""

    pagination_class = None
    renderer_classes = (JSONRenderer,)

    def tag(self, *tags):
        """The response shows what `tags` name (core.front_cache; the Django request)."""
        tag_response(self.request._request, *tags)

    def absolute(self, url):
        return self.request.build_absolute_uri(url)

    def page_links(self, number, size, count):
        """`next` and `previous` of page `number` (404 past the last page)."""
        last = max(1, -(-count // size))
        if number > last:
            raise NotFound(gettext("This list has no such page."))
        return (
            self._with(page=number + 1) if number < last else None,
            self._with(page=number - 1) if number > 1 else None,
        )

    def _with(self, drop=(), **changes):
        """This request's URL with the parameters `changes` set and those of `drop` removed."""
        params = [
            (name, value)
            for name, values in self.request.query_params.lists()
            for value in values
            if name not in changes and name not in drop
        ]
        params += [(name, value) for name, value in changes.items()]
        return self.absolute(f"{self.request.path}?{urlencode(params)}")


def _identifier(value):
    """A page id from the URL: any other text is not found (the route takes any text, so
    that every answer under /api/v1/ is JSON)."""
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        raise NotFound()
    return int(value)


class NotFoundView(PublicView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise NotFound()


def _news_tags(locale):
    codes = [locale.language_code] if locale else settings.LANGUAGE_CODES
    return [news_tag(code) for code in codes]


class ReleaseList(PublicView):
    serializer_class = s.ReleaseListSerializer

    @extend_schema(
        operation_id="list_releases",
        summary="Releases",
        description=(
            "The live releases matching the filters of the news listing, newest first "
            "(`page`), or oldest first from a date (`since`, then `cursor`) to sync the "
            "archive without skipping or repeating any."
        ),
        parameters=RELEASE_PARAMS,
        responses={200: s.ReleaseListSerializer, **ERRORS},
    )
    def get(self, request):
        params = Params(request, (*RELEASE_FILTERS, PAGE, PAGE_SIZE, SINCE, CURSOR))
        locale = params.locale()
        query = params.release_query()
        size = params.page_size()
        number = params.page()
        syncing = SINCE in request.query_params or CURSOR in request.query_params
        position = params.position() if syncing else None
        if syncing and (query.text or PAGE in request.query_params):
            params.errors.append(
                gettext("A sync (“since”, “cursor”) takes neither “q” nor “page”.")
            )
        if query.relevance and locale is None:
            params.errors.append(gettext("Sorting by relevance needs a “language”."))
        params.check()
        self.tag(*_news_tags(locale))
        if syncing:
            data = self._sync(query, locale, position, size)
        else:
            items, count = self._browse(query, locale)
            next_url, previous_url = self.page_links(number, size, count)
            start = (number - 1) * size
            data = {
                "count": count,
                "next": next_url,
                "previous": previous_url,
                "next_cursor": None,
                "results": items[start : start + size],
            }
        return Response(self.get_serializer(data).data)

    def _browse(self, query, locale):
        """What the listing pages through and its count. A search in every language is not
        one the listing makes (its search, facets and ranking are per language): its
        matches, each found in its own language, come newest first."""
        if query.text and locale is None:
            items = query.results(None)
            return items, min(items.count(), settings.SEARCH_MAX_RESULTS)
        items, count = query.listing(locale)
        return items, min(count, settings.SEARCH_MAX_RESULTS) if query.text else count

    def _sync(self, query, locale, position, size):
        """Oldest first on (first published at, id), a key that never changes: a release
        published meanwhile comes after every cursor already handed out. The newest
        API_SYNC_SETTLE_SECONDS are left for the next call (see the setting)."""
        moment, pk = position
        settled = timezone.now() - timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)
        releases = (
            query.filtered(locale)
            .filter(first_published_at__lte=settled)
            .filter(Q(first_published_at__gt=moment) | Q(first_published_at=moment, pk__gt=pk))
            .order_by("first_published_at", "pk")
        )
        results = with_card_relations(releases)[: size + 1]
        more = len(results) > size
        results = results[:size]
        if results:
            moment, pk = results[-1].first_published_at, results[-1].pk
        cursor = encode_cursor(moment, pk)
        return {
            "count": None,
            "next": self._with(drop=(SINCE,), cursor=cursor) if more else None,
            "previous": None,
            "next_cursor": cursor,
            "results": results,
        }


def _image_entry(request, image, kind, caption="", credit="", title=None):
    renditions = image.get_renditions(*RENDITIONS)
    alt = "" if getattr(image, "decorative", False) else None
    if alt is None:
        alt = getattr(image, "contextual_alt_text", None) or image.default_alt_text
    rights = credit_info(image, credit)
    return {
        "id": image.pk,
        "kind": kind,
        "title": title or image.title,
        "alt": alt or "",
        "caption": caption or "",
        "credit": rights["credit"],
        "copyright": rights["copyright"],
        "licence": rights["licence_code"],
        "licence_url": rights["licence_url"],
        "width": image.width,
        "height": image.height,
        "renditions": {
            spec: {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
            for spec, rendition in renditions.items()
        },
    }


def _document_entry(request, document, kind, title=""):
    return {
        "id": document.pk,
        "kind": kind,
        "title": title or document.title,
        "url": request.build_absolute_uri(document.url),
        "file_type": file_type(document),
        "file_size": file_size(document),
    }


def body_files(release, request):
    """The images (with their renditions) and the documents of a release's body, in order."""
    media, attachments = [], []
    for block in release.body:
        kind, value = block.block_type, block.value
        if kind == "image" and value.get("image"):
            media.append(
                _image_entry(request, value["image"], "image", value["caption"], value["credit"])
            )
        elif kind == "gallery":
            for item in value["images"]:
                if item.get("image"):
                    media.append(
                        _image_entry(
                            request, item["image"], "image", item["caption"], item["credit"]
                        )
                    )
        elif kind == "infographic" and value.get("image"):
            media.append(
                _image_entry(
                    request,
                    value["image"],
                    "infographic",
                    credit=value["credit"],
                    title=value["title"],
                )
            )
        elif kind == "attachment" and value.get("document"):
            attachments.append(
                _document_entry(request, value["document"], "attachment", value["title"])
            )
        elif kind == "video":
            for field, label in (("file", "video"), ("captions", "captions")):
                if value.get(field):
                    attachments.append(
                        _document_entry(request, value[field], label, value["title"])
                    )
    return media, attachments


class ReleaseDetail(PublicView):
    serializer_class = s.ReleaseDetailSerializer

    @extend_schema(
        operation_id="get_release",
        summary="A release",
        description="404 when it is not public (draft, scheduled, expired, restricted); 410 "
        "with the date and reason when it was withdrawn.",
        parameters=[ID_PARAM],
        responses={200: s.ReleaseDetailSerializer, 410: s.WithdrawnSerializer, **ERRORS},
    )
    def get(self, request, pk):
        Params(request, ()).check()
        release = live_releases().select_related("locale").filter(pk=_identifier(pk)).first()
        if release is None:
            withdrawn = PressReleasePage.objects.public_withdrawn().filter(pk=_identifier(pk))
            withdrawn = withdrawn.select_related("locale").first()
            if withdrawn is not None:
                with translation.override(withdrawn.locale.language_code):
                    raise Withdrawn(withdrawn.withdrawn_at, withdrawn.withdrawal_reason)
            raise NotFound()
        language = release.locale.language_code
        self.tag(translation_tag(release.translation_key), news_tag(language))
        if release.expire_at:
            cache_until(request._request, release.expire_at)
        attach_card_relations([release])
        with translation.override(language):
            release.body_html = absolute_body_html(release, request._request)
            release.media, release.attachments = body_files(release, request)
        release.translations = self._translations(release)
        release.press_contacts = list(release.press_contacts.filter(is_active=True))
        release.concerned_members = list(release.concerned_members.all())
        release.council_meeting = self._meeting(release)
        release.updates = release.notes_newest_first()
        release.changed_at = max(
            [release.last_published_at or release.published_at]
            + [update.noted_at for update in release.updates[:1]]
        )
        response = Response(self.get_serializer(release).data)
        response["Last-Modified"] = http_date(release.changed_at.timestamp())
        return response

    def _translations(self, release):
        versions = live_releases().filter(translation_key=release.translation_key)
        versions = versions.exclude(pk=release.pk).select_related("locale")
        return [
            {
                "id": version.pk,
                "language": version.locale.language_code,
                "url": version.get_full_url(request=self.request),
                "api_url": self.absolute(reverse("api:release-detail", args=[version.pk])),
            }
            for version in versions.only("id", "url_path", "locale__language_code")
        ]

    def _meeting(self, release):
        """The Council meeting the release is a decision of, when that page is public."""
        parent_path = release.path[: -Page.steplen]
        meeting = CouncilMeetingPage.objects.public_live().filter(path=parent_path).first()
        if meeting is None:
            return None
        return {
            "id": meeting.pk,
            "title": meeting.title,
            "meeting_date": meeting.meeting_date,
            "url": meeting.get_full_url(request=self.request),
            "api_url": self.absolute(reverse("api:meeting-detail", args=[meeting.pk])),
        }


def _decision_refs(view, decisions):
    return [
        {
            "id": decision.pk,
            "title": decision.title,
            "url": decision.get_full_url(request=view.request),
            "api_url": view.absolute(reverse("api:release-detail", args=[decision.pk])),
        }
        for decision in decisions
    ]


class MeetingList(PublicView):
    serializer_class = s.MeetingListSerializer

    @extend_schema(
        operation_id="list_council_meetings",
        summary="Council of Ministers meetings",
        description="Newest first, each with its public decisions (releases).",
        parameters=[LANGUAGE_PARAM, *PAGE_PARAMS],
        responses={200: s.MeetingListSerializer, **ERRORS},
    )
    def get(self, request):
        params = Params(request, (LANGUAGE, PAGE, PAGE_SIZE))
        locale, number, size = params.locale(), params.page(), params.page_size()
        params.check()
        self.tag(*_news_tags(locale))
        meetings = CouncilMeetingPage.objects.public_live().select_related("locale")
        if locale is not None:
            meetings = meetings.filter(locale=locale)
        count = meetings.count()
        next_url, previous_url = self.page_links(number, size, count)
        start = (number - 1) * size
        page = list(meetings.order_by("-meeting_date", "-id")[start : start + size])
        self._attach_decisions(page)
        return Response(
            self.get_serializer(
                {"count": count, "next": next_url, "previous": previous_url, "results": page}
            ).data
        )

    def _attach_decisions(self, meetings):
        """Each meeting's public decisions, for the whole page in one query."""
        by_path = {meeting.path: [] for meeting in meetings}
        if meetings:
            children = live_releases().filter(
                reduce(or_, (Q(path__startswith=path) for path in by_path)),
                depth=meetings[0].depth + 1,
            )
            for decision in children.order_by("path").only("id", "path", "url_path", "title"):
                by_path.get(decision.path[: -Page.steplen], []).append(decision)
        for meeting in meetings:
            meeting.api_decisions = _decision_refs(self, by_path[meeting.path])


class MeetingDetail(PublicView):
    serializer_class = s.MeetingDetailSerializer

    @extend_schema(
        operation_id="get_council_meeting",
        summary="A Council of Ministers meeting",
        description="With its public decisions (releases) in full.",
        parameters=[ID_PARAM],
        responses={200: s.MeetingDetailSerializer, **ERRORS},
    )
    def get(self, request, pk):
        Params(request, ()).check()
        meeting = CouncilMeetingPage.objects.public_live().select_related("locale")
        meeting = meeting.filter(pk=_identifier(pk)).first()
        if meeting is None:
            raise NotFound()
        self.tag(translation_tag(meeting.translation_key), news_tag(meeting.locale.language_code))
        meeting.intro_html = expand_db_html(meeting.intro)
        meeting.api_decisions = with_card_relations(meeting.decisions())[:]
        return Response(self.get_serializer(meeting).data)


class PublisherList(PublicView):
    serializer_class = s.PublisherSerializer

    @extend_schema(
        operation_id="list_publishers",
        summary="Publishers",
        description="Every publisher (former ones too: the archive names them), with its "
        "active press contacts.",
        parameters=[_param(TYPE, "Only this type of publisher.", enum=Publisher.Kind.values)],
        responses={200: s.PublisherSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        params = Params(request, (TYPE,))
        kind = params.value(TYPE)
        if kind and kind not in Publisher.Kind.values:
            params.errors.append(
                gettext("Unknown type of publisher “%(value)s”; the types are: %(types)s.")
                % {"value": kind[:40], "types": ", ".join(Publisher.Kind.values)}
            )
        params.check()
        self.tag()
        publishers = Publisher.objects.with_active_contacts()
        if kind:
            publishers = publishers.filter(kind=kind)
        return Response(self.get_serializer(publishers, many=True).data)


class PublisherDetail(PublicView):
    serializer_class = s.PublisherSerializer

    @extend_schema(
        operation_id="get_publisher",
        summary="A publisher",
        description="By slug, with its active press contacts.",
        responses={200: s.PublisherSerializer, **ERRORS},
    )
    def get(self, request, slug):
        Params(request, ()).check()
        publisher = Publisher.objects.with_active_contacts().filter(slug=slug).first()
        if publisher is None:
            raise NotFound()
        self.tag()
        return Response(self.get_serializer(publisher).data)


class ThemeList(PublicView):
    serializer_class = s.ThemeSerializer

    @extend_schema(
        operation_id="list_themes",
        summary="Themes",
        description="The taxonomy of releases, named in every language.",
        responses={200: s.ThemeSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        Params(request, ()).check()
        self.tag()
        return Response(self.get_serializer(Theme.objects.all(), many=True).data)
