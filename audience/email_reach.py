"""Email reach per release: what the ESP's tracking webhooks report (anymail's `tracking`
signal) about the digests and alerts of subscriptions.

The webhook only records the event: one row per (message id, type), so an ESP resending the
same webhook counts once, and an email opened ten times counts one open. `roll_up` (Celery
beat) then finds the email (subscriptions' Dispatch, by its ESP message id) and the releases
it listed (its Delivery and UpdateDelivery rows), and adds one per release to `EmailReach`,
in the transaction that marks the events counted. An event whose email is not found yet (the
webhook came before the send was recorded) is tried again at the next roll-up, and dropped
after UNMATCHED_DAYS (it was no digest or alert: a confirmation email). Counted events are
deleted after KEEP_DAYS, past any ESP's retries: what stays is counts per release.

subscriptions' own receiver (bounces suspend the address) is left as it is."""

import logging
from datetime import timedelta

from anymail.signals import EventType, tracking
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from subscriptions.models import Delivery, Dispatch, UpdateDelivery

from .models import EmailEvent, EmailEventType, EmailReach

logger = logging.getLogger(__name__)

EVENTS = {
    EventType.DELIVERED: EmailEventType.DELIVERED,
    EventType.BOUNCED: EmailEventType.BOUNCED,
    EventType.REJECTED: EmailEventType.BOUNCED,
    EventType.OPENED: EmailEventType.OPENED,
    EventType.CLICKED: EmailEventType.CLICKED,
    EventType.COMPLAINED: EmailEventType.COMPLAINED,
}
ROLL_UP_BATCH = 1000
UNMATCHED_DAYS = 2
KEEP_DAYS = 30


def record_event(sender, event, esp_name, **kwargs):
    """anymail.signals.tracking: keep the event's type against its message id, once."""
    kind = EVENTS.get(event.event_type)
    message_id = str(event.message_id or "").strip()[:255]
    if kind is None or not message_id:
        return
    try:
        with transaction.atomic():
            EmailEvent.objects.create(message_id=message_id, event=kind)
    except IntegrityError:
        pass  # the ESP resent it, or the email was opened again: counted once


def connect():
    tracking.connect(record_event, dispatch_uid="audience-email-reach")


def roll_up(batch=ROLL_UP_BATCH):
    """Add the events not counted yet to EmailReach, `batch` at a time. Returns the number of
    events counted."""
    counted = 0
    while True:
        with transaction.atomic():
            events = list(
                EmailEvent.objects.filter(counted=False)
                .order_by("received_at", "pk")
                .select_for_update(
                    skip_locked=connection.features.has_select_for_update_skip_locked
                )[:batch]
            )
            if not events:
                break
            done = _count(events)
            counted += len(done)
        if len(events) < batch or not done:
            break
    _prune()
    return counted


def _count(events):
    """Add `events` whose email is known to EmailReach; mark them counted. The ids counted."""
    dispatches = dict(
        Dispatch.objects.filter(
            message_id__in={event.message_id for event in events}, state=Dispatch.State.SENT
        ).values_list("message_id", "pk")
    )
    dispatch_ids = set(dispatches.values())
    kinds = dict(Dispatch.objects.filter(pk__in=dispatch_ids).values_list("pk", "kind"))
    pages = {}
    for dispatch_id, page_id in Delivery.objects.filter(dispatch_id__in=dispatch_ids).values_list(
        "dispatch_id", "page_id"
    ):
        pages.setdefault(dispatch_id, set()).add(page_id)
    for dispatch_id, page_id in UpdateDelivery.objects.filter(
        dispatch_id__in=dispatch_ids
    ).values_list("dispatch_id", "note__page_id"):
        pages.setdefault(dispatch_id, set()).add(page_id)
    totals = {}
    done = []
    for event in events:
        dispatch_id = dispatches.get(event.message_id)
        if dispatch_id is None:
            continue
        done.append(event.pk)
        for page_id in pages.get(dispatch_id, ()):
            key = (page_id, kinds[dispatch_id], event.event)
            totals[key] = totals.get(key, 0) + 1
    add_reach(totals)
    EmailEvent.objects.filter(pk__in=done).update(counted=True)
    return done


def add_reach(totals):
    """Add `totals` ({(page id, dispatch kind, event): n}) to EmailReach (an upsert that adds)."""
    if not totals:
        return
    table = connection.ops.quote_name(EmailReach._meta.db_table)
    rows = list(totals.items())
    for start in range(0, len(rows), 500):
        batch = rows[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
        sql = (
            f"INSERT INTO {table} (page_id, kind, event, count) VALUES {values} "
            "ON CONFLICT (page_id, kind, event) "
            f"DO UPDATE SET count = {table}.count + excluded.count"
        )
        params = [
            value for (page_id, kind, event), n in batch for value in (page_id, kind, event, n)
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _prune():
    now = timezone.now()
    EmailEvent.objects.filter(
        counted=False, received_at__lt=now - timedelta(days=UNMATCHED_DAYS)
    ).delete()
    EmailEvent.objects.filter(
        counted=True, received_at__lt=now - timedelta(days=KEEP_DAYS)
    ).delete()


def sent_per_kind(page_ids):
    """{(page id, dispatch kind): emails sent listing it}: the deliveries whose email went out."""
    rows = (
        Delivery.objects.filter(page_id__in=page_ids, dispatch__state=Dispatch.State.SENT)
        .values_list("page_id", "dispatch__kind")
        .order_by()
    )
    counts = rows.annotate(n=Count("pk")).values_list("page_id", "dispatch__kind", "n")
    result = {(page_id, kind): n for page_id, kind, n in counts}
    updates = (
        UpdateDelivery.objects.filter(
            note__page_id__in=page_ids, dispatch__state=Dispatch.State.SENT
        )
        .values_list("note__page_id")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("note__page_id", "n")
    )
    for page_id, n in updates:
        key = (page_id, Dispatch.Kind.UPDATE)
        result[key] = result.get(key, 0) + n
    return result
