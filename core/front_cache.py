"""The front cache: Varnish (deploy/varnish/) or a CDN in front of gunicorn, purged by tag.

Responses opt in. A view (or the page being served) names what it shows with cache tags,
`tag_response(request, *tags)`; `FrontCacheMiddleware` then marks an anonymous GET/HEAD 200
answer without cookies shareable (`Cache-Control: public, s-maxage=…, stale-…`) and lists the
tags in the `xkey` header (the Varnish xkey vmod's; Cloudflare reads the same list from
`Cache-Tag`). Everything else (the admin, previews, forms with a CSRF token, links with a
token, a request carrying a session, errors, redirects) is marked `private, no-cache`, so that
neither Varnish nor a CDN stores it.

Tags, from the narrowest:
- `tk-<translation key>`: a page in every language (its language switcher names the others);
- `news-<language>`: every list of releases or meetings of a language (home, listing with any
  query string and its feeds, Council pages, publisher pages and feeds);
- `sitemap`: the sitemap;
- `all`: every tagged response (navigation, directory and taxonomy changes purge it).

A change purges its tags after its transaction commits, through the outbox (core.outbox), so
that a purge is never lost: the task retries a failed purge (core.task_retry) and logs it.
Purges go to the backends of Wagtail's `WAGTAILFRONTENDCACHE` setting (one entry per Varnish
host, or a CDN): a backend with `purge_tags` purges the tags; one without (Wagtail's
CloudFront backend) invalidates the whole site, the only tag-free purge that misses nothing.
Wagtail's `frontend_cache` app itself is not installed: its signal handlers purge page URLs
synchronously during the request, before the commit, without retry."""

import logging
import re
import time
from functools import partial
from urllib.error import HTTPError
from urllib.request import urlopen

import requests
from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

from .outbox import enqueue_on_commit
from .public import restricted_paths
from .task_retry import RetryingTask

logger = logging.getLogger(__name__)

ALL = "all"
TAG_PATTERN = re.compile(r"[a-z0-9-]+")
SITEMAP = "sitemap"
TAG_HEADERS = ("xkey", "Cache-Tag")
# Errors after which a purge is tried again: unreachable host, HTTP error, Cloudflare refusal.
PURGE_ERRORS = (OSError, requests.RequestException)

_TAGS = "_front_cache_tags"
_UNTIL = "_front_cache_until"
# How long the moment of a change is remembered per tag: past the longest render (gunicorn's
# timeout), so that a render that began before the change still finds it when it ends.
CHANGE_MEMORY = 120


def translation_tag(translation_key):
    return f"tk-{translation_key}"


def news_tag(language_code):
    return f"news-{language_code}"


def tag_response(request, *tags):
    """The response to `request` shows what `tags` name: it may be cached until they are purged
    (and is marked `all` too). Tags are lowercase letters, digits and hyphens: the purge turns
    them into a Varnish ban expression (deploy/varnish/default.vcl)."""
    if request is None:
        return
    for tag in tags:
        if not TAG_PATTERN.fullmatch(tag):
            raise ValueError(f"front cache tag {tag!r}: lowercase letters, digits and hyphens")
    found = getattr(request, _TAGS, None)
    if found is None:
        found = {ALL}
        setattr(request, _TAGS, found)
    found.update(tags)


def cache_until(request, moment):
    """The response must not be served from a cache after `moment` (a page's expiry)."""
    current = getattr(request, _UNTIL, None)
    if current is None or moment < current:
        setattr(request, _UNTIL, moment)


def cache_publicly(*tags):
    """Decorator of a function view whose anonymous answer may be cached, tagged `tags`."""

    def decorator(view):
        def wrapper(request, *args, **kwargs):
            tag_response(request, *tags)
            return view(request, *args, **kwargs)

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        wrapper.__wrapped__ = view
        return wrapper

    return decorator


def tag_page(page, request):
    """A Wagtail page being served (the `before_serve_page` hook): tagged with its translation
    key, unless a view restriction covers it (its form or redirect is never cached; the page
    is not either); its expiry bounds the cache's copy."""
    if any(page.path.startswith(path) for path in restricted_paths()):
        return
    tag_response(request, translation_tag(page.translation_key))
    if page.expire_at:
        cache_until(request, page.expire_at)


def page_purge_tags(page):
    """The tags to purge when `page` changes (published, unpublished, moved, deleted). A page
    class says which with `front_cache_purge_tags(page)` (callable on a plain Page of its type:
    deleted pages arrive so); any other page may be a link of every page's navigation."""
    model = page.specific_class or type(page)
    tags_for = getattr(model, "front_cache_purge_tags", None)
    return sorted(tags_for(page)) if tags_for else [ALL]


def news_page_purge_tags(page):
    """`front_cache_purge_tags` of the pages listed by language (releases, Council meetings):
    the page in every language, the lists of its language, the sitemap."""
    return [translation_tag(page.translation_key), news_tag(page.locale.language_code), SITEMAP]


def _lifetime(request, now):
    max_age = settings.FRONT_CACHE_MAX_AGE
    until = getattr(request, _UNTIL, None)
    if until is not None:
        max_age = min(max_age, int((until - now).total_seconds()))
    return max_age


def _change_key(tag):
    return f"front-cache:changed:{tag}"


def note_change(tags):
    """What `tags` name changes now (see `changed_since`)."""
    cache.set_many(dict.fromkeys(map(_change_key, tags), time.time()), CHANGE_MEMORY)


def changed_since(tags, moment):
    """Whether something that `tags` name changed at or after `moment` (a `time.time()`).

    A render that began before a change may show the data as it was, and can reach the front
    cache after the change's purge has passed: a purge that arrives while Varnish is still
    storing a response (between its checks and the moment the object becomes findable) misses
    it. Such a response is never shared: the purge then has nothing to miss. Redis down: no
    answer (the cache fails soft), and the second purge (FRONT_CACHE_REPURGE_AFTER) remains."""
    stamps = cache.get_many([_change_key(tag) for tag in tags])
    skew = settings.FRONT_CACHE_CLOCK_SKEW
    return any(stamp >= moment - skew for stamp in stamps.values())


def _shareable(request, response):
    return (
        getattr(request, _TAGS, None)
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.cookies
        # A page that holds a CSRF token is one visitor's.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.has_header("Cache-Control")
    )


class FrontCacheMiddleware:
    """Marks the responses a shared cache may keep and tags them (see the module docstring).
    Placed above the middleware that set cookies or Cache-Control, so it sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.time()
        response = self.get_response(request)
        now = timezone.now()
        max_age = _lifetime(request, now) if _shareable(request, response) else 0
        if (
            max_age > 0
            and settings.WAGTAILFRONTENDCACHE
            and changed_since(getattr(request, _TAGS), started)
        ):
            max_age = 0
        if max_age > 0:
            # A page that expires is never served stale: no grace past its lifetime.
            expires = getattr(request, _UNTIL, None) is not None
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=max_age,
                stale_while_revalidate=0
                if expires
                else settings.FRONT_CACHE_STALE_WHILE_REVALIDATE,
                stale_if_error=0 if expires else settings.FRONT_CACHE_STALE_IF_ERROR,
            )
            tags = ",".join(sorted(getattr(request, _TAGS)))
            for header in TAG_HEADERS:
                response[header] = tags
            if not response.has_header("Last-Modified"):
                # Rendered now: a later change purges this copy, so it is valid since now.
                response["Last-Modified"] = http_date(now.timestamp())
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


# -- purging ---------------------------------------------------------------------------------


def purge_on_commit(tags):
    """Purge `tags` from every front cache once the current transaction commits, and again
    FRONT_CACHE_REPURGE_AFTER seconds later: a page rendered from the data as it was before the
    commit and stored after the first purge goes with the second. Nothing without a front
    cache (`make run`, most tests)."""
    if not settings.WAGTAILFRONTENDCACHE or not tags:
        return
    tags = sorted(set(tags))
    # Before the commit and once committed, before the purge is queued: a render that read
    # the data before the commit is not shared, whenever it ends (see `changed_since`).
    note_change(tags)
    transaction.on_commit(partial(note_change, tags))
    enqueue_on_commit(purge_tags, tags)
    if settings.FRONT_CACHE_REPURGE_AFTER:
        enqueue_on_commit(purge_tags, tags, countdown=settings.FRONT_CACHE_REPURGE_AFTER)


def purge_page_on_commit(page):
    """Purge what shows `page`; a page that will expire is purged again at its expiry, so
    that the lists that show it drop it then, not at the scheduler's next run."""
    tags = page_purge_tags(page)
    purge_on_commit(tags)
    expire_at = getattr(page, "expire_at", None)
    if settings.WAGTAILFRONTENDCACHE and expire_at and expire_at > timezone.now():
        delay = (expire_at - timezone.now()).total_seconds()
        enqueue_on_commit(purge_tags, tags, countdown=max(1, round(delay)))


def purge_backend(name, backend, tags):
    purge = getattr(backend, "purge_tags", None)
    if purge is not None:
        purge(tags)
    else:
        # A cache without tags (CloudFront): the whole site, one invalidation path.
        backend.purge_batch([settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/*"])
    logger.info("front cache %s: purged %s", name, " ".join(tags))


@shared_task(name="core.front_cache.purge_tags", base=RetryingTask, retry_on=PURGE_ERRORS)
def purge_tags(tags):
    """Purge `tags` from every configured front cache. A cache that fails is logged and the
    task retried (all of them again: a purge is idempotent)."""
    failed = None
    for name, backend in get_backends().items():
        try:
            purge_backend(name, backend, tags)
        except PURGE_ERRORS as error:
            logger.warning("front cache %s: could not purge %s: %r", name, " ".join(tags), error)
            failed = failed or error
    if failed is not None:
        raise failed


class XkeyVarnishBackend(HTTPBackend):
    """Wagtail's HTTP (Varnish) backend, plus purge by tag: `PURGE /` with an `xkey-purge`
    header, which deploy/varnish/default.vcl hands to `xkey.purge`. Unlike Wagtail's, its
    errors raise, so that the task retries. LOCATION: the Varnish host's URL; TIMEOUT in s."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge_tags(self, tags):
        request = PurgeRequest(
            url=f"{self.cache_scheme}://{self.cache_netloc}/",
            headers={"xkey-purge": " ".join(tags)},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
                response.read()
        except HTTPError as error:
            raise OSError(f"PURGE answered {error.code} {error.reason}") from error


class CloudflareTagBackend(CloudflareBackend):
    """Wagtail's Cloudflare backend, plus purge by tag (the `Cache-Tag` header the middleware
    sends; Cloudflare's purge by tag), raising on failure so that the task retries."""

    TAGS_PER_CALL = 30

    def purge_tags(self, tags):
        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        for start in range(0, len(tags), self.TAGS_PER_CALL):
            response = requests.post(
                self.cloudflare_purge_endpoint_url,
                json={"tags": list(tags[start : start + self.TAGS_PER_CALL])},
                headers=headers,
                timeout=30,
            )
            response.raise_for_status()
            if not response.json().get("success"):
                raise requests.RequestException(f"Cloudflare refused: {response.text[:500]}")
