"""WebSub: a published release is announced to the hub (WEBSUB_HUB_URL) for every feed that
shows it without a filter: its language's listing and each of its publishers' feeds, RSS and
Atom. Aggregators subscribed there hear of it at once instead of polling. The ping is a task
queued in the publishing transaction (core.outbox): a hub or broker outage delays it, never
loses it, and a retry pings again (a hub takes a repeated ping as a refetch)."""

import requests
from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.signals import page_published

from core.outbox import enqueue_on_commit
from core.task_retry import RetryingTask
from releases.loading import loading_reason
from releases.models import NewsIndexPage, PressReleasePage

PING_ERRORS = (OSError, requests.RequestException)


def topics(release):
    """The absolute URLs of the unfiltered feeds that show `release`."""
    index = NewsIndexPage.objects.filter(locale_id=release.locale_id).first()
    if index is None:
        return []
    listing = index.get_full_url()
    if not listing:
        return []
    urls = [listing + index.reverse_subpage(name) for name in ("rss_feed", "atom_feed")]
    root = index.get_site().root_url
    with translation.override(release.locale.language_code):
        for publisher in release.publishers():
            for name in ("releases:publisher_rss", "releases:publisher_atom"):
                urls.append(root + reverse(name, args=[publisher.slug]))
    return urls


@shared_task(name="api.websub.ping_hub", base=RetryingTask, retry_on=PING_ERRORS)
def ping_hub(urls):
    """`hub.mode=publish` for each topic URL (one request each: not every hub takes several)."""
    hub = settings.WEBSUB_HUB_URL
    if not hub:
        return
    for url in urls:
        response = requests.post(hub, data={"hub.mode": "publish", "hub.url": url}, timeout=10)
        response.raise_for_status()


def release_published(sender, instance, **kwargs):
    # Loaded content (the demo, the archive import) is no news to announce.
    if settings.WEBSUB_HUB_URL and instance.live and not loading_reason():
        urls = topics(instance)
        if urls:
            enqueue_on_commit(ping_hub, urls)


def connect():
    page_published.connect(release_published, sender=PressReleasePage, dispatch_uid="api-websub")
