from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from core.cache_events import cache_reconnected
from core.front_cache import ALL, purge_on_commit
from core.outbox import enqueue_on_commit
from directory.models import PressContact, Publisher

from .cards import forget_publishers_and_themes
from .loading import loading_reason
from .models import PressReleasePage, Theme
from .pdf import make_release_pdf


@receiver(cache_reconnected)
def forget_after_cache_outage(**kwargs):
    """The cache is back after an outage: a publisher or theme saved meanwhile (by any process)
    could not drop what was cached before it, which must not come back."""
    forget_publishers_and_themes()


@receiver(post_save)
@receiver(post_delete)
def forget_cached_publishers_and_themes(sender, **kwargs):
    # Any sender: the admin edits publishers through proxy models (organisations, government
    # members, the Council), which send their own class.
    if sender._meta.concrete_model in (Publisher, Theme):
        forget_publishers_and_themes()
        transaction.on_commit(forget_publishers_and_themes)


@receiver(post_save)
@receiver(post_delete)
def purge_front_cache_on_directory_change(sender, **kwargs):
    # Publishers, their press contacts and themes show on every release card, release page,
    # listing filter, publisher page and the contact points: the whole front cache goes.
    if sender._meta.concrete_model in (Publisher, PressContact, Theme):
        purge_on_commit([ALL])


@receiver(page_published, sender=PressReleasePage)
def make_pdf_after_publication(sender, instance, **kwargs):
    # Every published change has its PDF, made off the request once committed. Loaded content
    # (the demo's) is made on the first download instead.
    if not loading_reason():
        enqueue_on_commit(make_release_pdf, instance.pk)
