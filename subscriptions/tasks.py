"""Celery tasks: beat starts digest rounds at the times set in the admin; a round fans out into
batch tasks that any number of workers run in parallel; a published release alerts the
immediate subscribers. All idempotent (see claims.py): the outbox (core.outbox) may hand a
task over twice. Retries follow the shared policy of core.task_retry."""

import logging

from celery import shared_task
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from core.outbox import enqueue_on_commit
from core.task_retry import RetryingTask
from releases.query import live_releases

from . import conf, sending, updates
from .emails import confirmation_email
from .models import (
    Delivery,
    DigestBatch,
    DigestRound,
    DigestSettings,
    Dispatch,
    Subscriber,
    SubscriptionRequest,
)

logger = logging.getLogger(__name__)

# A batch resumes where it stopped whatever stopped it (the ESP, a time limit, the database).
BATCH_RETRY = {"base": RetryingTask, "retry_on": (Exception,)}


def delete_expired_requests():
    count, _detail = SubscriptionRequest.objects.filter(expires_at__lte=timezone.now()).delete()
    return count


def start_round(slot, manual=False, queue=True):
    """Create the round of `slot` and queue its batches once committed (unless `queue` is
    false: the caller runs them); None when that slot already has a round (another beat, an
    overlapping run)."""
    try:
        with transaction.atomic():
            digest_round = DigestRound.objects.create(slot=slot, manual=manual)
            # Immediate-alert subscribers too: the round catches up on alerts that never
            # went out (see sending.digest_batch).
            ids = list(Subscriber.objects.active().order_by("pk").values_list("pk", flat=True))
            batches = DigestBatch.objects.bulk_create(
                DigestBatch(round=digest_round, number=number, subscriber_ids=chunk)
                for number, chunk in enumerate(sending.chunks(ids, conf.batch_size()), 1)
            )
            digest_round.batches = len(batches)
            digest_round.subscribers = len(ids)
            if not batches:
                digest_round.finished_at = timezone.now()
            digest_round.save()
            if queue:
                enqueue_on_commit(purge_old_deliveries)
                for batch_id in digest_round.batch_set.order_by("number").values_list(
                    "pk", flat=True
                ):
                    enqueue_on_commit(send_digest_batch, batch_id)
    except IntegrityError:
        logger.info("subscriptions: the round of %s already exists", slot)
        return None
    logger.info("subscriptions: round %s started, %s batches", slot, len(batches))
    return digest_round


@shared_task(name="subscriptions.tasks.purge_old_deliveries")
def purge_old_deliveries(chunk_size=10_000):
    """Delete the sent and failed deliveries of releases that went live before the look-back
    window (plus a margin), in chunks; pending ones stay until they are sent. Queued by each
    round: a round adds a row per subscriber and release, this keeps the table bounded."""
    cutoff = timezone.now() - conf.lookback() - conf.delivery_retention()
    done = [Dispatch.State.SENT, Dispatch.State.FAILED]
    old = Delivery.objects.filter(dispatch__state__in=done, page__first_published_at__lt=cutoff)
    deleted = 0
    while ids := list(old.values_list("pk", flat=True)[:chunk_size]):
        deleted += Delivery.objects.filter(pk__in=ids).delete()[0]
    # The emails whose every delivery is gone (an update alert's row is its note's, kept).
    empty = Dispatch.objects.filter(state__in=done, deliveries__isnull=True).exclude(
        kind=Dispatch.Kind.UPDATE
    )
    while ids := list(empty.values_list("pk", flat=True)[:chunk_size]):
        Dispatch.objects.filter(pk__in=ids).delete()
    return deleted


@shared_task(name="subscriptions.tasks.start_due_digest_rounds", expires=55)
def start_due_digest_rounds():
    """Every minute: start the round of the latest digest time that has passed, unless it has
    one; and delete the subscription requests nobody confirmed in time."""
    delete_expired_requests()
    slot = DigestSettings.load().latest_slot()
    if slot is None or DigestRound.objects.filter(slot=slot).exists():
        return None
    digest_round = start_round(slot)
    return digest_round.pk if digest_round else None


def finish_batch(batch, result):
    """Record the batch's counts and, when it is the last, the round's totals."""
    sent = set(
        Dispatch.objects.filter(
            subscriber_id__in=batch.subscriber_ids,
            claim=batch.claim,
            state=Dispatch.State.SENT,
        )
        .values_list("subscriber_id", flat=True)
        .distinct()
    )
    failed = result.failed - sent
    batch.sent = len(sent)
    batch.failed = len(failed)
    batch.suppressed = len(result.suppressed)
    batch.skipped = len(batch.subscriber_ids) - batch.sent - batch.failed - batch.suppressed
    batch.finished_at = timezone.now()
    batch.save(update_fields=["sent", "failed", "suppressed", "skipped", "finished_at"])
    with transaction.atomic():
        digest_round = DigestRound.objects.select_for_update().get(pk=batch.round_id)
        batches = DigestBatch.objects.filter(round=digest_round)
        totals = batches.aggregate(
            sent=Sum("sent"),
            skipped=Sum("skipped"),
            failed=Sum("failed"),
            suppressed=Sum("suppressed"),
        )
        for name, value in totals.items():
            setattr(digest_round, name, value or 0)
        digest_round.batches_done = batches.exclude(finished_at=None).count()
        if digest_round.batches_done >= digest_round.batches and not digest_round.finished_at:
            digest_round.finished_at = timezone.now()
        digest_round.save()


def run_digest_batch(batch_id):
    batch = DigestBatch.objects.select_related("round").filter(pk=batch_id).first()
    if batch is None:
        return None
    DigestBatch.objects.filter(pk=batch_id).update(attempts=F("attempts") + 1)
    result = sending.digest_batch(batch)
    finish_batch(batch, result)
    return {"sent": batch.sent, "skipped": batch.skipped, "failed": batch.failed}


@shared_task(
    name="subscriptions.tasks.send_digest_batch",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=conf.batch_time_limit(),
    **BATCH_RETRY,
)
def send_digest_batch(batch_id):
    """One batch of a round. A retry (or a redelivery after the worker died) resumes: what was
    marked sent is not sent again."""
    return run_digest_batch(batch_id)


@shared_task(name="subscriptions.tasks.send_release_alerts")
def send_release_alerts(page_id):
    """A release version went live: queue its alert to the immediate subscribers in batches."""
    page = live_releases().filter(pk=page_id).select_related("locale").first()
    if page is None or page.first_published_at is None:
        return 0
    if page.first_published_at < timezone.now() - conf.lookback():
        return 0  # an old release published again after an edit: not news
    return queue_in_batches(send_alert_batch, page_id, sending.alert_subscriber_ids(page))


def queue_in_batches(task, key, subscriber_ids):
    """`task(key, batch)` for each batch of `subscriber_ids`, recorded in one transaction; the
    number of subscribers. Run twice (handed over again), the batches are recorded twice: each
    is idempotent."""
    with transaction.atomic():
        for chunk in sending.chunks(subscriber_ids, conf.batch_size()):
            enqueue_on_commit(task, key, chunk)
    return len(subscriber_ids)


@shared_task(
    name="subscriptions.tasks.send_alert_batch",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=conf.batch_time_limit(),
    **BATCH_RETRY,
)
def send_alert_batch(page_id, subscriber_ids):
    return len(sending.alert_batch(page_id, subscriber_ids).sent)


@shared_task(name="subscriptions.tasks.send_update_alerts")
def send_update_alerts(note_id):
    """An update note went live with a change: queue its alert to the immediate subscribers
    who may have received the release, in batches (subscriptions.updates)."""
    note = updates.live_note(note_id)
    if note is None:
        return 0
    return queue_in_batches(send_update_batch, note_id, sending.alert_subscriber_ids(note.page))


@shared_task(
    name="subscriptions.tasks.send_update_batch",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=conf.batch_time_limit(),
    **BATCH_RETRY,
)
def send_update_batch(note_id, subscriber_ids):
    return len(updates.update_batch(note_id, subscriber_ids).sent)


@shared_task(name="subscriptions.tasks.send_confirmation", acks_late=True, base=RetryingTask)
def send_confirmation(request_id, token=None):
    """The double opt-in email; the only email sent to an address before it is confirmed.

    Sent once: the link's token is made, and the request marked sent, in the transaction that
    sends it; a second run finds the mark, a failed send rolls both back for the retry. (Only
    the token's hash is stored, so the token never waits in the outbox or the broker; `token`,
    from a message queued by an older version, is ignored.)"""
    with transaction.atomic():
        subscription_request = (
            SubscriptionRequest.objects.select_for_update()
            .filter(pk=request_id, expires_at__gt=timezone.now(), confirmation_sent_at=None)
            .first()
        )
        if subscription_request is None:
            return False
        token = subscription_request.renew_token()
        subscription_request.confirmation_sent_at = timezone.now()
        subscription_request.save(update_fields=["token_hash", "confirmation_sent_at"])
        confirmation_email(subscription_request, token).send()
    return True
