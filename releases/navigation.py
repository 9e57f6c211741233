"""The links every public page carries (header and footer), per site and language.

They change only when a section or content page is published, unpublished, moved or
deleted, yet cost five queries a page; so they are kept in the cache and dropped on those
events (see signals.py). Without a shared cache (no REDIS_URL) each process keeps its own
copy: the timeout bounds how long another process can show a stale link."""

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from newsportal.request_cache import request_cache

from .models import ContentPage, CouncilIndexPage, NewsIndexPage
from .query import live_pages

NAVIGATION_TIMEOUT = 300
_KEY = "releases:navigation:{site}:{language}"
_VERSION_KEY = "releases:navigation-version"
SECTIONS = {"news": NewsIndexPage, "council": CouncilIndexPage}


def section_page(section, language=None):
    """The news listing or Council section of `language` (default: the active one), when it
    is live, public and not expired."""
    language = language or translation.get_language()
    return live_pages(SECTIONS[section]).filter(locale__language_code=language).first()


def _key(site_id, language):
    # A version number in the key lets one write forget every site and language at once.
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    return f"{_KEY.format(site=site_id, language=language)}:{version}"


def forget_navigation():
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


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
    key = _key(site.pk if site else 0, language)
    links = cache.get(key)
    if links is None:
        sections = {name: section_page(name, language) for name in SECTIONS}
        links = {
            name: page.get_url(request=request) if page else "" for name, page in sections.items()
        }
        pages = live_pages(ContentPage).filter(locale__language_code=language)
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
    versions = live_pages(Page).filter(translation_key=translation_key)
    for version in versions.select_related("locale").only(
        "id", "url_path", "locale__language_code"
    ):
        url = version.get_url(request=request)
        if url:
            urls[version.locale.language_code] = url
    return urls
