from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from .query import VIEW_RESTRICTIONS_CACHE_KEY


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_view_restrictions(**kwargs):
    # Now, and again once committed: a request reading in between must not keep a stale list.
    cache.delete(VIEW_RESTRICTIONS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(VIEW_RESTRICTIONS_CACHE_KEY))
