"""Hooks into the rest of the site: a published release alerts the immediate subscribers, and
so does a change published with a new update note; ESP
tracking webhooks (bounces, complaints) suspend addresses; erasing a subscriber erases their
pending requests too."""

import logging

from anymail.signals import EventType, tracking
from django.db.models.signals import post_delete
from wagtail.signals import page_published

from core.outbox import enqueue_on_commit
from releases.loading import loading_reason
from releases.models import PressReleasePage

from .models import Subscriber, SubscriptionRequest
from .tasks import send_release_alerts, send_update_alerts
from .updates import new_notes

logger = logging.getLogger(__name__)

SUSPENDING_EVENTS = {EventType.BOUNCED, EventType.REJECTED, EventType.COMPLAINED}


def release_published(sender, instance, **kwargs):
    # Loaded content (the demo's backdated releases) is no news: queuing an alert per page
    # made the worker's first minutes of `make run` a queue of 151 alerts to nobody.
    if instance.live and not loading_reason():
        # In the publishing transaction: a broker outage delays the alert, never loses it.
        enqueue_on_commit(send_release_alerts, instance.pk)


def release_updated(sender, instance, **kwargs):
    # A note published with a change: its alert, once (recorded in this transaction).
    for note in new_notes(instance):
        enqueue_on_commit(send_update_alerts, note.pk)


def tracking_event(sender, event, esp_name, **kwargs):
    """anymail.signals.tracking: suspend on a bounce, rejection or complaint; an unsubscribe
    reported by the ESP unsubscribes. Never mailed again until a new confirmation."""
    if event.event_type not in SUSPENDING_EVENTS | {EventType.UNSUBSCRIBED}:
        return
    email = (event.recipient or "").strip().lower()
    if not email:
        return
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        return
    reason = f"{esp_name}: {event.event_type}"
    if event.reject_reason:
        reason += f" ({event.reject_reason})"
    if event.event_type == EventType.UNSUBSCRIBED:
        if subscriber.state != Subscriber.State.UNSUBSCRIBED:
            subscriber.set_state(Subscriber.State.UNSUBSCRIBED, reason)
    elif subscriber.state == Subscriber.State.ACTIVE:
        subscriber.set_state(Subscriber.State.SUSPENDED, reason)
    logger.info("subscriptions: %s for subscriber %s", reason, subscriber.pk)


def erase_requests(sender, instance, **kwargs):
    SubscriptionRequest.objects.filter(email=instance.email).delete()


def connect():
    page_published.connect(release_published, sender=PressReleasePage, dispatch_uid="subs-alert")
    page_published.connect(release_updated, sender=PressReleasePage, dispatch_uid="subs-update")
    tracking.connect(tracking_event, dispatch_uid="subscriptions-tracking")
    post_delete.connect(erase_requests, sender=Subscriber, dispatch_uid="subscriptions-erase")
