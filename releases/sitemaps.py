"""sitemap.xml: an index with a section per kind of page, every live public page in every
language, each with the hreflang alternates of its live translations.

Each sitemap page fetches its pages in one query and all their translations in one more,
however many URLs it holds."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from core.public import public_pages

from .models import PressReleasePage
from .models.press_release import not_withdrawn
from .query import live_releases

PAGE_FIELDS = ("id", "url_path", "translation_key", "last_published_at", "locale__language_code")


class LivePageSitemap(Sitemap):
    """Wagtail pages, paginated; subclasses say which ones in `items`."""

    limit = 5000

    def __init__(self):
        # Site root paths are looked up once per sitemap page, not once per URL.
        self._url_cache = SimpleNamespace()

    def _path(self, page):
        parts = page.get_url_parts(request=self._url_cache)
        return parts[2] if parts and parts[2] else None

    def _alternates(self, pages):
        """{translation_key: [(language_code, path), ...]} for the live versions of `pages`."""
        keys = {page.translation_key for page in pages}
        versions = (
            not_withdrawn(public_pages(Page))
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only(*PAGE_FIELDS)
        )
        found = {}
        for version in versions:
            path = self._path(version)
            if path:
                found.setdefault(version.translation_key, {})[version.locale.language_code] = path
        order = settings.LANGUAGE_CODES
        return {
            key: sorted(paths.items(), key=lambda item: order.index(item[0]))
            for key, paths in found.items()
        }

    def get_urls(self, page=1, site=None, protocol=None):
        protocol = self.get_protocol(protocol)
        domain = self.get_domain(site)
        base = f"{protocol}://{domain}"
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates(pages)
        urls = []
        for item in pages:
            path = self._path(item)
            if not path:
                continue
            versions = alternates.get(item.translation_key, [])
            url = {
                "item": item,
                "location": base + path,
                "lastmod": item.last_published_at,
                "changefreq": self.changefreq,
                "priority": None,
                "alternates": [],
            }
            if len(versions) > 1:
                url["alternates"] = [
                    {"lang_code": code, "location": base + other} for code, other in versions
                ]
                default = dict(versions).get(settings.LANGUAGE_CODE, versions[0][1])
                url["alternates"].append({"lang_code": "x-default", "location": base + default})
            urls.append(url)
        self.latest_lastmod = max((url["lastmod"] for url in urls if url["lastmod"]), default=None)
        return urls


class ReleaseSitemap(LivePageSitemap):
    """Releases and Council decisions, oldest first so that a sitemap page keeps its URLs."""

    changefreq = "monthly"

    def items(self):
        return live_releases().order_by("id").only(*PAGE_FIELDS).select_related("locale")


class SectionSitemap(LivePageSitemap):
    """Everything else in the page tree: homes, listings, Council meetings, content pages."""

    changefreq = "daily"

    def items(self):
        pages = public_pages(Page).filter(depth__gt=1).not_type(PressReleasePage)
        return pages.order_by("path").only(*PAGE_FIELDS).select_related("locale")


class ViewSitemap(Sitemap):
    """Public pages that are Django views (contact points, feeds), in every language."""

    changefreq = "weekly"
    i18n = True
    languages = settings.LANGUAGE_CODES
    alternates = True
    x_default = True
    url_names = ("directory:contact_points", "releases:feeds")

    def items(self):
        names = []
        for name in self.url_names:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": SectionSitemap, "releases": ReleaseSitemap, "views": ViewSitemap}
