"""The one place that says what the public may see of the page tree: live, public (no view
restriction) and not expired. Listings, feeds, publisher pages, navigation, the sitemap, the
digests and document downloads all start here, through `PublicPageQuerySet.public_live()`."""

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

VIEW_RESTRICTIONS_CACHE_KEY = "releases:view-restriction-paths"


def restricted_paths():
    """Tree paths under a view restriction (password, login, groups). Wagtail's `.public()`
    reads them on every call, several times a page; they change rarely, so they are cached
    and the cache is dropped whenever a restriction is saved or deleted (see core.signals)."""
    paths = cache.get(VIEW_RESTRICTIONS_CACHE_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        # Without a shared cache, the longest another process lists a newly restricted page.
        cache.set(VIEW_RESTRICTIONS_CACHE_KEY, paths, 300)
    return paths


def forget_view_restrictions():
    cache.delete(VIEW_RESTRICTIONS_CACHE_KEY)


class PublicPageQuerySet(PageQuerySet):
    def public_live(self):
        """Live pages with no view restriction whose expiry has not passed. (Not Wagtail's
        `public()`, which only leaves out restricted pages, and which Wagtail itself uses.)"""
        now = timezone.now()
        return self.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now)).unrestricted()

    def unrestricted(self):
        """The pages under no view restriction."""
        queryset = self
        for path in restricted_paths():
            queryset = queryset.exclude(path__startswith=path)
        return queryset


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def public_pages(model=Page):
    """`model.objects.public_live()` for any page model, Wagtail's `Page` included."""
    return PublicPageQuerySet(model).order_by("path").public_live()
