"""What the site shell keeps in the cache (navigation links, view-restricted paths) is dropped
when the pages behind it change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache_events import cache_reconnected
from .front_cache import ALL, page_purge_tags, purge_on_commit, purge_page_on_commit
from .navigation import forget_navigation
from .public import forget_view_restrictions


def _forget_view_restrictions():
    forget_view_restrictions()
    # The cached links (home pages, sections) leave out restricted pages too.
    forget_navigation()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_view_restrictions_on_change(**kwargs):
    # Now, and again once committed: a request reading in between must not keep a stale list.
    _forget_view_restrictions()
    transaction.on_commit(_forget_view_restrictions)


@receiver(post_page_move)
def forget_view_restrictions_on_move(**kwargs):
    # A restricted page (or its ancestor) moved: its path, the cached list's entry, changed.
    forget_view_restrictions_on_change()


@receiver(cache_reconnected)
def forget_after_cache_outage(**kwargs):
    """The cache is back after an outage: a restriction or link saved meanwhile (by any
    process) could not drop what was cached before it, which must not come back."""
    _forget_view_restrictions()
    Site.clear_site_root_paths_cache()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_navigation_on_site_change(**kwargs):
    # A site's hostname or root page routes every request (core.routing) and every link.
    forget_navigation()
    transaction.on_commit(forget_navigation)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
def forget_navigation_links(sender, **kwargs):
    # A page class that is never a navigation link nor holds one says so (releases, published
    # by the hundred each day); any other page may be one or hold one (a deleted page arrives
    # as a plain Page: forgotten too).
    if not getattr(sender, "never_in_navigation", False):
        forget_navigation()
        transaction.on_commit(forget_navigation)


# -- the front cache (core.front_cache): what a change shows is purged once committed --------


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def purge_changed_page(sender, instance, **kwargs):
    purge_page_on_commit(instance)


@receiver(post_delete)
def purge_deleted_page(sender, instance, **kwargs):
    # Every class of the page's inheritance chain sends it: the plain Page's is enough.
    if sender is Page:
        purge_on_commit(page_purge_tags(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def purge_everything(**kwargs):
    # A restriction hides a page from every list and link; a site changes every URL.
    purge_on_commit([ALL])


@receiver(post_save, sender=get_image_model())
@receiver(post_save, sender=get_document_model())
def purge_on_media_edit(created=False, **kwargs):
    # A new image or document is on no page yet; an edited one (title, file, focal point) may
    # be on any page, whose renditions and links change.
    if not created:
        purge_on_commit([ALL])
