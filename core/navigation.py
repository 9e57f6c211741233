"""The links every public page carries (header and footer), per site and language.

They change only when a section or content page is published, unpublished, moved or
deleted, yet cost five queries a page; so they are kept in the cache and dropped on those
events (see core.signals). Without a shared cache (no REDIS_URL) each process keeps its own
copy: the timeout bounds how long another process can show a stale link."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site, get_page_models

from .public import public_pages
from .request_cache import request_cache

NAVIGATION_TIMEOUT = 300
# The keys keep their old names: no cache entry changes meaning across a deployment.
_KEY = "releases:navigation:{site}:{language}"
_VERSION_KEY = "releases:navigation-version"


@functools.cache
def sections():
    """`{navigation_key: page class}` of the sections of the header (the news listing and the
    Council section, declared by releases), in the order their classes were defined."""
    return {
        model.navigation_key: model
        for model in get_page_models()
        if getattr(model, "navigation_key", None) not in (None, "homes")
    }


class NavigationSectionMixin:
    """For the pages of the header (home, news listing, Council): the URLs of their versions
    in each language, `{code: url}`, from the cached navigation instead of a query. The
    language switcher and the hreflang links ask for them on every page view.

    A page class with a `navigation_key` other than "homes" is a section of the navigation
    (see sections()); with `section_titles` (`{language: (title, slug)}`),
    ensure_site_structure creates it under each home page."""

    navigation_key = None
    section_titles = None

    def translation_urls(self, request):
        if self.navigation_key == "homes":
            return navigation(request)["homes"]
        urls = {
            code: navigation(request, code)[self.navigation_key]
            for code, _name in settings.LANGUAGES
        }
        return {code: url for code, url in urls.items() if url}


@functools.cache
def footer_page_types():
    """The page classes whose pages the footer links to (content pages)."""
    return [model for model in get_page_models() if getattr(model, "listed_in_footer", False)]


def section_page(section, language=None):
    """The section page `section` of `language` (default: the active one), when it is live,
    public and not expired."""
    language = language or translation.get_language()
    pages = sections()[section].objects.public_live()
    return pages.filter(locale__language_code=language).first()


def navigation_version(request=None):
    """The navigation's version, bumped by `forget_navigation`: a version number in the cache
    keys lets one write forget every site and language at once (core.routing keys by it too).
    Read once per `request`: its routing and its links use the same."""
    memo = request_cache(request, "_navigation_version")
    if "version" not in memo:
        memo["version"] = cache.get_or_set(_VERSION_KEY, _first_version, None)
    return memo["version"]


def _first_version():
    # Not 1: after the cache is emptied (a restart of Redis), a new version must not be one
    # that a process still holds routes for.
    return time.time_ns()


def _key(request, site_id, language):
    version = navigation_version(request)
    return f"{_KEY.format(site=site_id, language=language)}:{version}"


def forget_navigation():
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, _first_version(), None)


def navigation(request, language=None):
    """A dict: `news` and `council` (the section URLs, "" when missing), `content_pages`
    (title and URL of each live content page, in tree order) and `homes` (the URL of the
    site's home page in each language that has one, for the language switcher)."""
    language = language or translation.get_language()
    memo = request_cache(request, "_navigation")
    if language not in memo:
        memo[language] = _cached_navigation(request, language)
    return memo[language]


def _cached_navigation(request, language):
    site = Site.find_for_request(request) if request is not None else None
    key = _key(request, site.pk if site else 0, language)
    links = cache.get(key)
    if links is None:
        found = {name: section_page(name, language) for name in sections()}
        links = {
            name: page.get_url(request=request) if page else "" for name, page in found.items()
        }
        pages = public_pages(Page).type(*footer_page_types())
        pages = pages.filter(locale__language_code=language)
        links["content_pages"] = [
            {"title": page.title, "url": page.get_url(request=request)}
            for page in pages.order_by("path").only("id", "title", "url_path")
        ]
        links["homes"] = _home_urls(request, site)
        cache.set(key, links, NAVIGATION_TIMEOUT)
    return links


def _home_urls(request, site):
    """The live home page of each language: the translations of the site's root page."""
    if site is None:
        return {}
    root = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
    return live_version_urls(root, request)


def live_version_urls(translation_key, request=None):
    """`{language code: URL}` of the live, public pages that are translations of one another
    (`translation_key`: a value or a subquery giving one)."""
    urls = {}
    versions = public_pages(Page).filter(translation_key=translation_key)
    for version in versions.select_related("locale").only(
        "id", "url_path", "locale__language_code"
    ):
        url = version.get_url(request=request)
        if url:
            urls[version.locale.language_code] = url
    return urls
