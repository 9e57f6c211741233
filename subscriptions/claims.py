"""Step 1 of sending a batch exactly once: claiming who gets which release version.

The protocol, for a batch of subscribers (a digest batch, or the subscribers of an alert):

1. Claim, in one transaction: insert a PENDING Dispatch row (the email) per subscriber,
   marked with the batch's claim, and a Delivery row pointing to it for each (subscriber,
   release version) to send, under the unique constraint (subscriber, page); a pair already
   there (sent, or claimed by an overlapping round) is left alone. Pending dispatches whose
   claim is older than the lease (a batch that gave up) are taken over.
2. Send, one email per subscriber, with the deliveries of the dispatches this claim holds.
3. Mark those dispatches SENT (with the ESP's message id) once the backend accepted the email:
   one row per email, whatever the number of releases it lists.

A retry of the batch (the worker died, the ESP failed) has the same claim: it finds the
dispatches that were not marked sent and sends them; the ones marked sent are not sent again.
Nothing is lost and nothing is doubled — except in one window: the ESP accepted an email and
the worker died before its dispatch was marked. The ESP call cannot be inside the database
transaction and ESPs have no common idempotency key, so the choice there is at-least-once:
those emails go out again, with the same Message-ID (mail clients recognise it as the same
message). Losing a release silently would be worse for a journalist than a rare duplicate.

Marks are written every MARK_EVERY emails, and always when the batch stops on an exception
(ESP error, soft time limit, warm shutdown): a batch stopped that way resends nothing. Only a
hard kill (SIGKILL, out of memory, power loss) can resend, at most MARK_EVERY emails. This keeps
the SQL queries of a batch constant instead of one per subscriber."""

from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone

from . import conf
from .arrays import pg_array
from .models import Delivery, Dispatch

INSERT_CLAIMS_SQL = """
    WITH dispatch AS (
        INSERT INTO {dispatch} (subscriber_id, kind, round_id, state, claim, claimed_at,
                                sent_at, message_id)
        SELECT subscriber_id, %s, %s, %s, %s, %s, NULL, ''
        FROM unnest(%s::bigint[]) AS subscriber_id
        RETURNING id, subscriber_id
    ), delivery AS (
        INSERT INTO {delivery} (subscriber_id, page_id, dispatch_id)
        SELECT rows.subscriber_id, rows.page_id, dispatch.id
        FROM unnest(%s::bigint[], %s::bigint[]) AS rows(subscriber_id, page_id)
             JOIN dispatch USING (subscriber_id)
        ON CONFLICT (subscriber_id, page_id) DO NOTHING
        RETURNING subscriber_id, page_id
    )
    -- What was inserted, one row per subscriber: cheaper to read than a row per pair.
    SELECT subscriber_id, string_agg(page_id::text, ',') FROM delivery GROUP BY subscriber_id
"""


def insert_claims(wanted, kind, round, claim_key, now):
    """A PENDING dispatch per subscriber of `wanted` ({subscriber id: [page id]}) and its
    Delivery rows, skipping pairs that already have a row. The pairs inserted, as (subscriber
    id, [page id]), or None when the database does not say.

    Two paths, kept because the difference was measured (bench/claim_paths.py, figures in
    bench/README.md): on PostgreSQL one statement from arrays, several times faster than
    building and bulk-inserting a model instance per row, which would dominate a round's
    time; elsewhere (SQLite: development and the suite without DATABASE_URL) the ORM. The
    suite runs on both databases, so both paths are tested."""
    if connection.vendor == "postgresql":
        return insert_claims_postgresql(wanted, kind, round, claim_key, now)
    return insert_claims_orm(wanted, kind, round, claim_key, now)


def insert_claims_postgresql(wanted, kind, round, claim_key, now):
    subscriber_ids, page_ids = [], []
    for subscriber_id, pairs in wanted.items():
        subscriber_ids.extend([subscriber_id] * len(pairs))
        page_ids.extend(pairs)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT_CLAIMS_SQL.format(
                dispatch=quote(Dispatch._meta.db_table),
                delivery=quote(Delivery._meta.db_table),
            ),
            [
                kind,
                round.pk if round else None,
                Dispatch.State.PENDING,
                claim_key,
                now,
                pg_array(wanted),
                pg_array(subscriber_ids),
                pg_array(page_ids),
            ],
        )
        return [
            (subscriber_id, [int(pk) for pk in page_ids.split(",")])
            for subscriber_id, page_ids in cursor.fetchall()
        ]


def insert_claims_orm(wanted, kind, round, claim_key, now):
    dispatches = Dispatch.objects.bulk_create(
        Dispatch(
            subscriber_id=subscriber_id, kind=kind, round=round, claim=claim_key, claimed_at=now
        )
        for subscriber_id in wanted
    )
    Delivery.objects.bulk_create(
        [
            Delivery(subscriber_id=dispatch.subscriber_id, page_id=page_id, dispatch=dispatch)
            for dispatch in dispatches
            for page_id in wanted[dispatch.subscriber_id]
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )
    return None  # bulk_create with ignore_conflicts does not say which rows went in


def drop_empty_dispatches(claim_key):
    """Pending dispatches of the claim left without deliveries (all their pairs taken by an
    overlapping batch, or unpublished since): there is nothing to send in them."""
    Dispatch.objects.filter(
        claim=claim_key, state=Dispatch.State.PENDING, deliveries__isnull=True
    ).delete()


def claim(subscribers, catalogue, claim_key, kind, round=None):
    """Step 1: the deliveries this claim holds after the claim, as {subscriber id: [page id]}."""
    now = timezone.now()
    subscriber_ids = [s.pk for s in subscribers]
    held = defaultdict(list)
    with transaction.atomic():
        Dispatch.objects.filter(
            subscriber_id__in=subscriber_ids,
            state=Dispatch.State.PENDING,
            claimed_at__lt=now - conf.claim_lease(),
        ).exclude(claim=claim_key).update(claim=claim_key, claimed_at=now, round=round)
        # What these subscribers already have among the candidates, and what this claim
        # holds from an earlier attempt (or took over just now). Two queries, each on its
        # index: (subscriber, page), and the claim.
        existing = defaultdict(set)
        for subscriber_id, page_id in Delivery.objects.filter(
            subscriber_id__in=subscriber_ids, page_id__in=list(catalogue.pages)
        ).values_list("subscriber_id", "page_id"):
            existing[subscriber_id].add(page_id)
        for subscriber_id, page_id in Delivery.objects.filter(
            subscriber_id__in=subscriber_ids,
            dispatch__claim=claim_key,
            dispatch__state=Dispatch.State.PENDING,
        ).values_list("subscriber_id", "page_id"):
            existing[subscriber_id].add(page_id)
            held[subscriber_id].append(page_id)
        wanted = {}
        for subscriber in subscribers:
            page_ids = catalogue.matching(subscriber) - existing[subscriber.pk]
            if page_ids:
                wanted[subscriber.pk] = list(page_ids)
        if not wanted:
            return held
        # A pair inserted meanwhile by an overlapping batch wins: this one is dropped.
        inserted = insert_claims(wanted, kind, round, claim_key, now)
        drop_empty_dispatches(claim_key)
    if inserted is None:
        held = defaultdict(list)
        for subscriber_id, page_id in Delivery.objects.filter(
            subscriber_id__in=subscriber_ids,
            dispatch__state=Dispatch.State.PENDING,
            dispatch__claim=claim_key,
        ).values_list("subscriber_id", "page_id"):
            held[subscriber_id].append(page_id)
    else:
        for subscriber_id, page_ids in inserted:
            held[subscriber_id].extend(page_ids)
    return held
