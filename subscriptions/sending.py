"""Who gets which release, and sending it exactly once.

The protocol, for a batch of subscribers (a digest batch, or the subscribers of an alert):

1. Claim, in one transaction: insert a PENDING Delivery row for each (subscriber, release
   version) to send, under the unique constraint (subscriber, page), marked with the batch's
   claim; a row already there (sent, or claimed by an overlapping round) is left alone. Pending
   rows whose claim is older than the lease (a batch that gave up) are taken over.
2. Send, one email per subscriber, with the rows this claim holds.
3. Mark those rows SENT (with the ESP's message id) once the backend accepted the email.

A retry of the batch (the worker died, the ESP failed) has the same claim: it finds the rows
that were not marked sent and sends them; the ones marked sent are not sent again. Nothing is
lost and nothing is doubled — except in one window: the ESP accepted an email and the worker
died before its rows were marked. The ESP call cannot be inside the database transaction and
ESPs have no common idempotency key, so the choice there is at-least-once: those emails go out
again, with the same Message-ID (mail clients recognise it as the same message). Losing a
release silently would be worse for a journalist than a rare duplicate.

Marks are written every MARK_EVERY emails, and always when the batch stops on an exception
(ESP error, soft time limit, warm shutdown): a batch stopped that way resends nothing. Only a
hard kill (SIGKILL, out of memory, power loss) can resend, at most MARK_EVERY emails. This keeps
the SQL queries of a batch constant instead of one per subscriber."""

import logging
from collections import defaultdict

from anymail.exceptions import AnymailRecipientsRefused
from django.core import mail
from django.db import connection, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from releases.query import live_releases

from . import conf, emails
from .models import Delivery, Frequency, Subscriber

logger = logging.getLogger(__name__)


def release_versions(since, page_ids=()):
    """Live release versions that went live at or after `since`, plus the live ones among
    `page_ids`, with what matching and rendering need. One query per relation."""
    queryset = live_releases()
    if page_ids:
        queryset = queryset.filter(Q(first_published_at__gte=since) | Q(pk__in=list(page_ids)))
    else:
        queryset = queryset.filter(first_published_at__gte=since)
    return list(
        queryset.select_related("publisher", "locale")
        .prefetch_related("co_publishers", "themes")
        .order_by("-published_at", "pk")
    )


def page_url(page):
    url = page.get_url() or ""
    return emails.absolute(url) if url.startswith("/") else url


class Catalogue:
    """The candidate release versions of a batch, indexed by language, publisher (main and
    co-publishers) and theme, so that matching a subscriber costs what they match, not the
    number of releases."""

    def __init__(self, pages):
        self.pages = {page.pk: page for page in pages}
        self.by_language = defaultdict(set)
        self.by_publisher = defaultdict(set)
        self.by_theme = defaultdict(set)
        for page in pages:
            self.by_language[page.locale.language_code].add(page.pk)
            self.by_publisher[page.publisher_id].add(page.pk)
            for co_publisher in page.co_publishers.all():
                self.by_publisher[co_publisher.pk].add(page.pk)
            for theme in page.themes.all():
                self.by_theme[theme.pk].add(page.pk)
        self._entries = {}
        # In a digest round: immediate-alert subscribers only get what went live before
        # this moment and has no delivery yet, i.e. alerts that never went out.
        self.alerts_before = None

    def matching(self, subscriber):
        """Ids of the versions matching the subscriber's choices and languages, that went
        live after they confirmed."""
        in_languages = set()
        for language in subscriber.content_languages:
            in_languages |= self.by_language.get(language, set())
        if not subscriber.everything:
            chosen = set()
            for publisher in subscriber.publishers.all():
                chosen |= self.by_publisher.get(publisher.pk, set())
            for theme in subscriber.themes.all():
                chosen |= self.by_theme.get(theme.pk, set())
            in_languages &= chosen
        latest = None
        if self.alerts_before and subscriber.frequency == Frequency.IMMEDIATE:
            latest = self.alerts_before
        return {
            pk
            for pk in in_languages
            if self.pages[pk].first_published_at >= subscriber.confirmed_at
            and (latest is None or self.pages[pk].first_published_at < latest)
        }

    def entry(self, page_id):
        if page_id not in self._entries:
            page = self.pages[page_id]
            self._entries[page_id] = emails.ReleaseEntry(
                page_id=page.pk,
                version=str(page.last_published_at),
                title=page.title,
                lead=page.lead,
                url=page_url(page),
                published_at=page.published_at,
                language=page.locale.language_code,
                publishers=[page.publisher, *page.co_publishers.all()],
            )
        return self._entries[page_id]


class BatchResult:
    def __init__(self):
        self.sent = set()
        self.failed = set()
        self.nothing = set()
        self.suppressed = set()


INSERT_CLAIMS_SQL = """
    INSERT INTO {table} (subscriber_id, page_id, translation_key, kind, round_id, state, claim,
                         claimed_at, sent_at, message_id)
    SELECT rows.subscriber_id, rows.page_id, rows.translation_key, %s, %s, %s, %s, %s, NULL, ''
    FROM unnest(%s::bigint[], %s::bigint[], %s::uuid[])
         AS rows(subscriber_id, page_id, translation_key)
    ON CONFLICT (subscriber_id, page_id) DO NOTHING
"""


def insert_claims(rows, kind, round, claim_key, now):
    """PENDING rows for (subscriber id, page id, translation key) triples, skipping pairs that
    already have a row. On PostgreSQL a single INSERT from arrays: a round claims millions of
    rows, and building a model instance per row would dominate its time."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        subscriber_ids, page_ids, keys = (list(column) for column in zip(*rows, strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                INSERT_CLAIMS_SQL.format(table=connection.ops.quote_name(Delivery._meta.db_table)),
                [
                    kind,
                    round.pk if round else None,
                    Delivery.State.PENDING,
                    claim_key,
                    now,
                    subscriber_ids,
                    page_ids,
                    keys,
                ],
            )
        return
    Delivery.objects.bulk_create(
        [
            Delivery(
                subscriber_id=subscriber_id,
                page_id=page_id,
                translation_key=key,
                kind=kind,
                round=round,
                claim=claim_key,
                claimed_at=now,
            )
            for subscriber_id, page_id, key in rows
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )


def claim(subscribers, catalogue, claim_key, kind, round=None):
    """Step 1: the rows this claim holds after the claim, as {subscriber id: [page id]}."""
    now = timezone.now()
    subscriber_ids = [s.pk for s in subscribers]
    with transaction.atomic():
        Delivery.objects.filter(
            subscriber_id__in=subscriber_ids,
            state=Delivery.State.PENDING,
            claimed_at__lt=now - conf.claim_lease(),
        ).exclude(claim=claim_key).update(claim=claim_key, claimed_at=now, round=round)
        existing = defaultdict(set)
        for subscriber_id, page_id in Delivery.objects.filter(
            subscriber_id__in=subscriber_ids, page_id__in=list(catalogue.pages)
        ).values_list("subscriber_id", "page_id"):
            existing[subscriber_id].add(page_id)
        new_rows = [
            (subscriber.pk, page_id, catalogue.pages[page_id].translation_key)
            for subscriber in subscribers
            for page_id in catalogue.matching(subscriber) - existing[subscriber.pk]
        ]
        # A row inserted meanwhile by an overlapping batch wins: this one is dropped.
        insert_claims(new_rows, kind, round, claim_key, now)
    held = defaultdict(list)
    for subscriber_id, page_id in Delivery.objects.filter(
        subscriber_id__in=subscriber_ids, state=Delivery.State.PENDING, claim=claim_key
    ).values_list("subscriber_id", "page_id"):
        held[subscriber_id].append(page_id)
    return held


class Marks:
    """Step 3, written in bulk: which subscribers' claimed rows were sent (with the ESP's
    message id) or refused."""

    def __init__(self, claim_key):
        self.claim_key = claim_key
        self.sent = {}
        self.failed = []
        self.gone = []

    def flush(self):
        if not self.sent and not self.failed and not self.gone:
            return
        pending = Delivery.objects.filter(claim=self.claim_key, state=Delivery.State.PENDING)
        with transaction.atomic():
            if self.gone:
                # Unpublished since claimed: drop the claim, it goes out if it comes back.
                stale = Q()
                for subscriber_id, page_id in self.gone:
                    stale |= Q(subscriber_id=subscriber_id, page_id=page_id)
                pending.filter(stale).delete()
            if self.sent:
                message_ids = Case(
                    *(
                        When(subscriber_id=pk, then=Value(mid[:255]))
                        for pk, mid in self.sent.items()
                    ),
                    default=Value(""),
                )
                pending.filter(subscriber_id__in=list(self.sent)).update(
                    state=Delivery.State.SENT, sent_at=timezone.now(), message_id=message_ids
                )
            if self.failed:
                pending.filter(subscriber_id__in=self.failed).update(state=Delivery.State.FAILED)
        self.sent, self.failed, self.gone = {}, [], []


def send_claimed(subscribers, held, catalogue, build_messages, claim_key, result):
    """Steps 2 and 3. `build_messages(subscriber, entries)` gives the emails for one
    subscriber. Raises on a transient failure, after recording what was sent: the batch is
    retried and resumes."""
    marks = Marks(claim_key)
    connection = mail.get_connection()
    try:
        with connection:
            for subscriber in subscribers:
                page_ids = held.get(subscriber.pk, [])
                live_ids = [pk for pk in page_ids if pk in catalogue.pages]
                marks.gone.extend(
                    (subscriber.pk, pk) for pk in page_ids if pk not in catalogue.pages
                )
                if not live_ids:
                    result.nothing.add(subscriber.pk)
                    continue
                messages = build_messages(subscriber, [catalogue.entry(pk) for pk in live_ids])
                try:
                    connection.send_messages(messages)
                except AnymailRecipientsRefused as error:
                    logger.warning("subscriptions: %s refused by the ESP: %s", subscriber.pk, error)
                    marks.failed.append(subscriber.pk)
                    result.failed.add(subscriber.pk)
                    continue
                status = getattr(messages[-1], "anymail_status", None)
                esp_id = (status.message_id if status else None) or ""
                marks.sent[subscriber.pk] = str(esp_id or messages[-1].extra_headers["Message-ID"])
                result.sent.add(subscriber.pk)
                if len(marks.sent) + len(marks.failed) >= conf.mark_every():
                    marks.flush()
    finally:
        # Also on the way out of an exception: what the ESP accepted is recorded.
        marks.flush()
    return result


def digest_batch(batch):
    """Send the digest of every subscriber of `batch` (a DigestBatch). Idempotent.

    Immediate-alert subscribers are in the rounds too, as a safety net: a release whose alert
    never went out (the broker was down when it was published) reaches them in the next
    digest instead of never."""
    result = BatchResult()
    subscribers = list(
        Subscriber.objects.active()
        .filter(pk__in=batch.subscriber_ids)
        .with_choices()
        .order_by("pk")
    )
    result.suppressed = set(batch.subscriber_ids) - {s.pk for s in subscribers}
    if not subscribers:
        return result
    since = timezone.now() - conf.lookback()
    claimed_before = Delivery.objects.filter(
        subscriber__in=[s.pk for s in subscribers], state=Delivery.State.PENDING
    ).values_list("page_id", flat=True)
    catalogue = Catalogue(release_versions(since, page_ids=set(claimed_before)))
    catalogue.alerts_before = timezone.now() - conf.alert_grace()
    held = claim(subscribers, catalogue, batch.claim, Delivery.Kind.DIGEST, round=batch.round)
    msgid_key = f"r{batch.round_id}"

    def build(subscriber, items):
        msgid = emails.message_id("digest", msgid_key, subscriber)
        return [emails.digest_email(subscriber, items, msgid)]

    return send_claimed(subscribers, held, catalogue, build, batch.claim, result)


def alert_subscriber_ids(page):
    """Active immediate-alert subscribers who may want `page` (language checked here, the
    rest when claiming). Ids only: the alert fans out in batches."""
    language = page.locale.language_code
    ids = []
    rows = (
        Subscriber.objects.active()
        .filter(frequency=Frequency.IMMEDIATE, confirmed_at__lte=page.first_published_at)
        .order_by("pk")
        .values_list("pk", "content_languages")
    )
    for pk, languages in rows.iterator(chunk_size=2000):
        if language in (languages or []):
            ids.append(pk)
    return ids


def alert_batch(page_id, subscriber_ids):
    """Send the alert for one release version to these subscribers. Idempotent."""
    result = BatchResult()
    since = timezone.now() - conf.lookback()
    pages = [p for p in release_versions(since, page_ids=[page_id]) if p.pk == page_id]
    if not pages:
        return result  # no longer live (or too old to alert about)
    subscribers = list(
        Subscriber.objects.active()
        .filter(pk__in=subscriber_ids, frequency=Frequency.IMMEDIATE)
        .with_choices()
        .order_by("pk")
    )
    result.suppressed = set(subscriber_ids) - {s.pk for s in subscribers}
    claim_key = f"alert:{page_id}"
    catalogue = Catalogue(pages)
    held = claim(subscribers, catalogue, claim_key, Delivery.Kind.ALERT)

    def build(subscriber, items):
        msgid = emails.message_id("alert", f"p{page_id}", subscriber)
        return [emails.alert_email(subscriber, items, msgid)]

    return send_claimed(subscribers, held, catalogue, build, claim_key, result)


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
