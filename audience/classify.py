"""Which requests are counted, and as what: by the name of the URL they resolve to.

One table for the middleware (requests that reach Django) and `ingest_cache_log` (the ones
the front cache answered), so that both count a URL the same way. Page views are not in it:
they are counted by the release page's beacon (views.beacon), which reaches Django even when
the page came from the cache."""

import re
from typing import NamedTuple

from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

from .bots import is_bot
from .models import Kind


class Counted(NamedTuple):
    kind: str
    # Where the URL carries the id of the object (a keyword argument's name, or the index of
    # a positional one); None: the kind counts no object.
    object_arg: str | int | None = None
    # Counted per language (the URL's language prefix).
    per_language: bool = False
    # A keyword argument whose value names the counted thing along with the URL name (a
    # publisher's feed: its slug). Only answers 200 count, so only existing values are kept.
    name_arg: str | None = None


class Hit(NamedTuple):
    kind: str
    name: str = ""
    object_id: int = 0
    language: str = ""


# URL name (with its namespace) → what a request to it counts. The lead extends it as apps land:
# the photo library's downloads are named here already.
COUNTED_URLS = {
    "wagtaildocs_serve": Counted(Kind.DOCUMENT, object_arg=0),
    "releases:release_pdf": Counted(Kind.RELEASE_PDF, object_arg="page_id", per_language=True),
    "releases:publisher_rss": Counted(Kind.FEED, per_language=True, name_arg="slug"),
    "releases:publisher_atom": Counted(Kind.FEED, per_language=True, name_arg="slug"),
    "photos:photo_download": Counted(Kind.PHOTO, object_arg="image_id"),
    "photos:report_zip": Counted(Kind.PHOTO_REPORT, object_arg="page_id"),
}
# Every endpoint of the public API counts as an API request (its URL name says which).
COUNTED_NAMESPACES = {"api": Counted(Kind.API)}
# Not counted though under a counted namespace: the API's catch-all answers 404 anyway.
NOT_COUNTED = {"api:not-found"}
# The news listing's feeds are routes of a Wagtail page (…/actualites/rss/), served by
# `wagtail_serve`: told apart by their last path segment.
PAGE_FEEDS = {"rss": "news_rss", "atom": "news_atom"}
WAGTAIL_SERVE = "wagtail_serve"
_LAST_SEGMENT = re.compile(r"/([^/]+)/?$")

NAME_LENGTH = 100
# An id past this is no id of ours (and would overflow the column).
MAX_ID = 2**53


def hit_for(path, view_name, args=(), kwargs=None):
    """The Hit a successful GET of `path` (resolved to `view_name`, `args`, `kwargs`) counts,
    or None."""
    counted = COUNTED_URLS.get(view_name)
    name = ""
    if counted is None:
        if view_name == WAGTAIL_SERVE:
            match = _LAST_SEGMENT.search(path)
            feed = PAGE_FEEDS.get(match[1]) if match else None
            if feed is None:
                return None
            counted, name = Counted(Kind.FEED, per_language=True), feed
        elif view_name in NOT_COUNTED:
            return None
        else:
            namespace = view_name.partition(":")[0] if ":" in view_name else ""
            counted = COUNTED_NAMESPACES.get(namespace)
            if counted is None:
                return None
            name = view_name
    elif counted.object_arg is None:
        name = view_name
        if counted.name_arg:
            name = f"{view_name}/{(kwargs or {}).get(counted.name_arg, '')}"[:NAME_LENGTH]
    object_id = 0
    if counted.object_arg is not None:
        if isinstance(counted.object_arg, int):
            raw = args[counted.object_arg] if len(args) > counted.object_arg else None
        else:
            raw = (kwargs or {}).get(counted.object_arg)
        try:
            object_id = int(raw)
        except (TypeError, ValueError):
            return None
        if not 0 < object_id < MAX_ID:
            return None
    language = (get_language_from_path(path) or "") if counted.per_language else ""
    return Hit(str(counted.kind), name, object_id, language)


def hit_for_request(request):
    """The Hit of a request Django answered, or None (not counted, or from a bot)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    hit = hit_for(request.path_info, match.view_name, match.args, match.kwargs)
    if hit is None or is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return None
    return hit


def hit_for_path(path):
    """The Hit of a GET of `path` (no query string), as the middleware would count it."""
    # The language prefixes resolve under their own language only (i18n_patterns).
    try:
        with translation.override(get_language_from_path(path)):
            match = resolve(path)
    except Resolver404:
        return None
    return hit_for(path, match.view_name, match.args, match.kwargs)
