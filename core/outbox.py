"""Work that must happen after a commit, kept in the database until a worker has done it.

A request (or a task) that must queue a Celery task calls `enqueue_on_commit(task, *args)`: an
`OutboxEntry` row is written in the caller's transaction, so the work exists exactly when the
data it is about does. Right after the commit the row is handed to the broker; if the broker is
down the error is logged and the request answers as usual. Beat's `dispatch_outbox`, every
minute, hands over again what is still waiting, once the broker is back.

"Done" means the task finished, not that the broker took the message: a message lost in a broker
crash (Redis without persistence, a purge) is handed over again after `OUTBOX_REDISPATCH_AFTER`
seconds. The tasks are idempotent (their sent-rows sit under unique constraints), so a second
copy sends nothing twice. A task that gives up (its retries exhausted) is marked failed with
its error; failed entries are listed in the admin (Reports → Undelivered work) with a retry.

Why not a library: django-celery-outbox, the maintained one, needs SELECT ... SKIP LOCKED (no
SQLite, which development and the test suite run on), a relay daemon of its own and sentry-sdk,
datadog and structlog; django-jaiminho pickles callables with dill. This is one table, an
on-commit hook and a beat task."""

import logging
import uuid
from datetime import timedelta
from functools import partial

from celery import current_app, current_task, shared_task
from celery.signals import task_failure, task_prerun, task_retry, task_success
from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Publishing from a request must not wait on a dead or hung broker: the row keeps the work.
# Without a socket timeout, kombu waits forever on a broker that accepts and never answers.
PUBLISH_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 1}
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# A row whose hand-over failed is tried again by the next sweep after this.
RETRY_HANDOVER_AFTER = timedelta(seconds=60)
# Left to the on-commit hand-over before the sweep takes a new row.
GRACE = timedelta(seconds=60)
ERROR_LENGTH = 2000


def redispatch_after():
    """How long a handed-over task may take to finish before it is handed over again; as long
    as the Redis visibility timeout, after which Redis itself redelivers an unacknowledged one."""
    return timedelta(seconds=getattr(settings, "OUTBOX_REDISPATCH_AFTER", 3600))


def max_handovers():
    return getattr(settings, "OUTBOX_MAX_HANDOVERS", 5)


def retention():
    return timedelta(days=getattr(settings, "OUTBOX_RETENTION_DAYS", 7))


class OutboxEntry(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the broker")
        QUEUED = "queued", _("Handed to the broker")
        DONE = "done", _("Done")
        FAILED = "failed", _("Given up")

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    # The Celery task id of every hand-over: the worker's signals find the row by it.
    task_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    # When the sweep looks at the row again (while pending or queued).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    handed_over_at = models.DateTimeField(_("handed to the broker at"), null=True, blank=True)
    handovers = models.PositiveIntegerField(_("hand-overs"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"


def enqueue_on_commit(task, *args, countdown=None, **kwargs):
    """Record `task(*args, **kwargs)` in the current transaction and hand it to the broker once
    committed (at once outside a transaction). Arguments must be JSON; `countdown` delays the
    task by that many seconds."""
    now = timezone.now()
    not_before = now + timedelta(seconds=countdown) if countdown else None
    entry = OutboxEntry.objects.create(
        task_name=task.name,
        args=list(args),
        kwargs=kwargs,
        created_at=now,
        not_before=not_before,
        next_attempt_at=max(now, not_before or now) + GRACE,
    )
    transaction.on_commit(partial(hand_over_pk, entry.pk))
    return entry


def hand_over_pk(entry_pk):
    entry = OutboxEntry.objects.filter(
        pk=entry_pk, state__in=[OutboxEntry.State.PENDING, OutboxEntry.State.QUEUED]
    ).first()
    if entry is not None:
        hand_over([entry])


def _app():
    """The app of the task running (in a worker), else the current one."""
    return getattr(current_task, "app", None) or current_app


def _publish(entry, connection):
    options = {"task_id": str(entry.task_id), "retry_policy": PUBLISH_RETRY_POLICY}
    if entry.not_before and entry.not_before > timezone.now():
        options["eta"] = entry.not_before
    if connection is not None:
        options["connection"] = connection
    _app().tasks[entry.task_name].apply_async(entry.args, entry.kwargs, **options)


def hand_over(entries):
    """Hand `entries` to the broker; the number handed over. Stops at the first failure (the
    broker is down: the others would wait on it too) and leaves the rest to the next sweep.
    In eager mode (tests, development without a worker) the tasks run here and their errors
    propagate, as Celery's own `delay` does."""
    app = _app()
    if app.conf.task_always_eager:
        for entry in entries:
            _publish(entry, None)
            _handed_over(entry)
        return len(entries)
    done = 0
    connection = app.connection_for_write(
        transport_options=PUBLISH_TRANSPORT_OPTIONS, connect_timeout=1
    )
    try:
        for entry in entries:
            try:
                _publish(entry, connection)
            except Exception as error:
                # Logged, never raised: the row is the work, and the request must answer.
                logger.warning("outbox: could not hand %s to the broker: %r", entry, error)
                OutboxEntry.objects.filter(pk=entry.pk, state=entry.state).update(
                    next_attempt_at=timezone.now() + RETRY_HANDOVER_AFTER,
                    error=f"broker: {describe(error)}"[:ERROR_LENGTH],
                )
                break
            _handed_over(entry)
            done += 1
    finally:
        connection.release()
    return done


def _handed_over(entry):
    now = timezone.now()
    # Not over a row the worker already finished (a fast task, or eager mode).
    OutboxEntry.objects.filter(
        pk=entry.pk, state__in=[OutboxEntry.State.PENDING, OutboxEntry.State.QUEUED]
    ).update(
        state=OutboxEntry.State.QUEUED,
        handed_over_at=now,
        handovers=F("handovers") + 1,
        next_attempt_at=max(now, entry.not_before or now) + redispatch_after(),
    )


@shared_task(name="core.outbox.dispatch_outbox", expires=55)
def dispatch_outbox(limit=1000):
    """Beat, every minute: hand over again what waits for the broker or was handed over long
    ago and never finished; give up on what was handed over too often; purge old done rows."""
    now = timezone.now()
    due = OutboxEntry.objects.filter(
        state__in=[OutboxEntry.State.PENDING, OutboxEntry.State.QUEUED], next_attempt_at__lte=now
    )
    worn_out = due.filter(state=OutboxEntry.State.QUEUED, handovers__gte=max_handovers())
    given_up = worn_out.update(
        state=OutboxEntry.State.FAILED,
        finished_at=now,
        error=f"handed to the broker {max_handovers()} times and never finished",
    )
    claimed = []
    for entry in due.order_by("next_attempt_at", "pk")[:limit]:
        # A second sweep running at the same time skips the rows this one claimed.
        if OutboxEntry.objects.filter(
            pk=entry.pk, next_attempt_at=entry.next_attempt_at, state=entry.state
        ).update(next_attempt_at=now + RETRY_HANDOVER_AFTER):
            claimed.append(entry)
    handed = hand_over(claimed) if claimed else 0
    purged, _detail = OutboxEntry.objects.filter(
        state=OutboxEntry.State.DONE, finished_at__lt=now - retention()
    ).delete()
    return {"handed_over": handed, "waiting": len(claimed) - handed, "given_up": given_up,
            "purged": purged}  # fmt: skip


def retry_entry(entry):
    """An administrator's retry of a failed entry: handed over again once committed."""
    OutboxEntry.objects.filter(pk=entry.pk, state=OutboxEntry.State.FAILED).update(
        state=OutboxEntry.State.PENDING,
        handovers=0,
        finished_at=None,
        next_attempt_at=timezone.now() + GRACE,
    )
    transaction.on_commit(partial(hand_over_pk, entry.pk))


# What the worker says about the tasks, by task id. Celery logs a receiver's error and goes
# on, so a database hiccup here costs at most a re-dispatch.


def describe(error):
    """The error as an administrator reads it (anymail's exceptions have an empty repr)."""
    return f"{type(error).__name__}: {error}"[:ERROR_LENGTH]


def _entries(task_id):
    return OutboxEntry.objects.filter(task_id=task_id) if task_id else OutboxEntry.objects.none()


def _started(sender=None, task_id=None, **kwargs):
    # Running now: not handed over again while it may still be running.
    _entries(task_id).filter(state=OutboxEntry.State.QUEUED).update(
        next_attempt_at=timezone.now() + redispatch_after()
    )


def _succeeded(sender=None, **kwargs):
    _entries(sender.request.id).update(
        state=OutboxEntry.State.DONE, finished_at=timezone.now(), error=""
    )


def _retrying(sender=None, request=None, reason=None, **kwargs):
    when = getattr(reason, "when", None)
    now = timezone.now()
    if isinstance(when, (int, float)):
        when = now + timedelta(seconds=when)
    elif not hasattr(when, "tzinfo"):
        when = now
    _entries(getattr(request, "id", None)).filter(
        state__in=[OutboxEntry.State.PENDING, OutboxEntry.State.QUEUED]
    ).update(
        next_attempt_at=max(now, when) + redispatch_after(),
        error=describe(getattr(reason, "exc", None) or reason),
    )


def _failed(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    """Given up: the entry is marked failed, or (a task queued without the outbox) recorded as
    a failed entry, so that every abandoned task shows in the admin with a retry."""
    if task_id is None:
        return
    fields = {"state": OutboxEntry.State.FAILED, "finished_at": timezone.now(),
              "error": describe(exception)}  # fmt: skip
    if not _entries(task_id).update(**fields):
        OutboxEntry.objects.create(
            task_id=task_id,
            task_name=sender.name,
            args=list(args or []),
            kwargs=dict(kwargs or {}),
            **fields,
        )


def connect_signals():
    task_prerun.connect(_started, dispatch_uid="core-outbox-started")
    task_success.connect(_succeeded, dispatch_uid="core-outbox-succeeded")
    task_retry.connect(_retrying, dispatch_uid="core-outbox-retrying")
    task_failure.connect(_failed, dispatch_uid="core-outbox-failed")
