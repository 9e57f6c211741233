from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import Publisher
from newsportal.cache import cache_reconnected

from .cards import forget_publishers_and_themes
from .models import PressReleasePage, Theme
from .navigation import forget_navigation
from .query import VIEW_RESTRICTIONS_CACHE_KEY


def _forget_view_restrictions():
    cache.delete(VIEW_RESTRICTIONS_CACHE_KEY)
    # The cached links (home pages, sections) leave out restricted pages too.
    forget_navigation()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_view_restrictions(**kwargs):
    # Now, and again once committed: a request reading in between must not keep a stale list.
    _forget_view_restrictions()
    transaction.on_commit(_forget_view_restrictions)


@receiver(post_page_move)
def forget_view_restrictions_on_move(**kwargs):
    # A restricted page (or its ancestor) moved: its path, the cached list's entry, changed.
    forget_view_restrictions()


@receiver(cache_reconnected)
def forget_after_cache_outage(**kwargs):
    """The cache is back after an outage: a restriction, link or publisher saved meanwhile (by
    any process) could not drop what was cached before it, which must not come back."""
    _forget_view_restrictions()
    forget_publishers_and_themes()
    Site.clear_site_root_paths_cache()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
def forget_navigation_links(sender, **kwargs):
    # Releases, published by the hundred each day, are never navigation links; any other page
    # may be one or hold one (a deleted page arrives as a plain Page: forgotten too).
    if sender is not PressReleasePage:
        forget_navigation()
        transaction.on_commit(forget_navigation)


@receiver(post_save)
@receiver(post_delete)
def forget_cached_publishers_and_themes(sender, **kwargs):
    # Any sender: the admin edits publishers through proxy models (organisations, government
    # members, the Council), which send their own class.
    if sender._meta.concrete_model in (Publisher, Theme):
        forget_publishers_and_themes()
        transaction.on_commit(forget_publishers_and_themes)
