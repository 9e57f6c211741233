"""Step 3 of sending a batch (see claims.py): recording, in bulk, which claimed dispatches the
ESP accepted or refused."""

import logging

from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from .arrays import pg_array
from .claims import drop_empty_dispatches
from .models import Delivery, Dispatch

logger = logging.getLogger(__name__)


MARK_SENT_SQL = """
    UPDATE {dispatch} AS dispatch SET state = %s, sent_at = %s, message_id = sent.message_id
    FROM unnest(%s::bigint[], %s::text[]) AS sent(subscriber_id, message_id)
    WHERE dispatch.subscriber_id = sent.subscriber_id AND dispatch.claim = %s
          AND dispatch.state = %s
"""


class Marks:
    """Step 3, written in bulk: which subscribers' claimed dispatches were sent (with the ESP's
    message id) or refused."""

    def __init__(self, claim_key):
        self.claim_key = claim_key
        self.sent = {}
        self.failed = []
        self.gone = []

    def flush(self):
        if not self.sent and not self.failed and not self.gone:
            return
        pending = Dispatch.objects.filter(claim=self.claim_key, state=Dispatch.State.PENDING)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Without waiting for the disk: a mark lost in a crash of the database server
                # (not of the worker) leaves dispatches the ESP accepted PENDING, so a retry
                # sends them again — the at-least-once window of claims.py, never a lost release.
                # The claim, which must not be lost, keeps the synchronous commit.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            if self.gone:
                # Unpublished since claimed: drop the claim, it goes out if it comes back.
                stale = Q()
                for subscriber_id, page_id in self.gone:
                    stale |= Q(subscriber_id=subscriber_id, page_id=page_id)
                Delivery.objects.filter(
                    dispatch__claim=self.claim_key, dispatch__state=Dispatch.State.PENDING
                ).filter(stale).delete()
                drop_empty_dispatches(self.claim_key)
            if self.sent:
                self.mark_sent(pending)
            if self.failed:
                pending.filter(subscriber_id__in=self.failed).update(state=Dispatch.State.FAILED)
        self.sent, self.failed, self.gone = {}, [], []

    def mark_sent(self, pending):
        """Two paths, like claims.insert_claims and for the same measured reason: on
        PostgreSQL one statement from arrays, several times faster than the ORM's CASE WHEN
        per subscriber (bench/claim_paths.py)."""
        if connection.vendor == "postgresql":
            mark_sent_postgresql(self.claim_key, self.sent, timezone.now())
        else:
            mark_sent_orm(pending, self.sent, timezone.now())


def mark_sent_postgresql(claim_key, sent, now):
    """`sent`: {subscriber id: ESP message id} of the claim's pending dispatches."""
    with connection.cursor() as cursor:
        cursor.execute(
            MARK_SENT_SQL.format(dispatch=connection.ops.quote_name(Dispatch._meta.db_table)),
            [
                Dispatch.State.SENT,
                now,
                pg_array(sent),
                [mid[:255] for mid in sent.values()],
                claim_key,
                Dispatch.State.PENDING,
            ],
        )


def mark_sent_orm(pending, sent, now):
    message_ids = Case(
        *(When(subscriber_id=pk, then=Value(mid[:255])) for pk, mid in sent.items()),
        default=Value(""),
    )
    pending.filter(subscriber_id__in=list(sent)).update(
        state=Dispatch.State.SENT, sent_at=now, message_id=message_ids
    )


def flush_marks(marks):
    """`marks.flush()`, on a new database connection if the current one dropped (a database
    restart or failover, a killed backend): otherwise the retry would send again what the ESP
    accepted since the last marks."""
    try:
        marks.flush()
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise  # the caller's transaction is lost with the connection: its retry resumes
        logger.warning("subscriptions: database connection lost, writing the marks again")
        connection.close()
        marks.flush()
