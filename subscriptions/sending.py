"""Who gets which release, and sending it exactly once.

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

import logging
import time
from collections import defaultdict

from anymail.exceptions import AnymailRecipientsRefused
from django.core import mail
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, F, Lookup, Q, Value, When
from django.utils import timezone

from releases.query import live_releases

from . import conf, emails
from .models import Delivery, Dispatch, Frequency, Subscriber

logger = logging.getLogger(__name__)


class InIds(Lookup):
    """`field IN ids` for the hundreds of ids of a batch: on PostgreSQL one array parameter
    (`= ANY`), as Django's IN prepares and quotes every id in Python, a few milliseconds per
    query and several queries per batch."""

    lookup_name = "in_ids"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = [int(pk) for pk in self.rhs]
        if not ids:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, pg_array(ids)]
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]


def among(field, ids):
    """A filter: `field` (an integer column) is one of `ids`."""
    return InIds(F(field), list(ids))


def _candidates(since, page_ids=()):
    queryset = live_releases()
    if page_ids:
        return queryset.filter(Q(first_published_at__gte=since) | Q(pk__in=list(page_ids)))
    return queryset.filter(first_published_at__gte=since)


def release_versions(since, page_ids=()):
    """Live release versions that went live at or after `since`, plus the live ones among
    `page_ids`, with what matching and rendering need. One query per relation."""
    return list(
        _candidates(since, page_ids)
        .select_related("publisher", "locale")
        .prefetch_related("co_publishers", "themes")
        .order_by("-published_at", "pk")
    )


# The catalogue of the last batch this process ran, reused by the next one when the same
# versions are live (same pages, publication times and paths): the batches of a round all
# have the same candidates, and loading 300 pages with their relations is a good part of a
# batch. Checked with one light query per batch, so a release unpublished or republished
# between two batches is seen at once; kept at most CATALOGUE_TTL seconds, which bounds how
# long a renamed publisher keeps its old name in the emails.
CATALOGUE_TTL = 300
_last_catalogue = {}


def digest_catalogue(since, page_ids=()):
    versions = frozenset(
        _candidates(since, page_ids).values_list(
            "pk", "first_published_at", "last_published_at", "url_path"
        )
    )
    now = time.monotonic()
    cached = _last_catalogue.get("value")
    if cached and cached[0] == versions and now - cached[1] < CATALOGUE_TTL:
        return cached[2]
    catalogue = Catalogue(release_versions(since, page_ids))
    if set(catalogue.pages) != {row[0] for row in versions}:
        return catalogue  # changed between the two queries: not kept
    _last_catalogue["value"] = (versions, now, catalogue)
    return catalogue


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
            for publisher_id in subscriber.publisher_ids:
                chosen |= self.by_publisher.get(publisher_id, set())
            for theme_id in subscriber.theme_ids:
                chosen |= self.by_theme.get(theme_id, set())
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
        entry = self._entries.get(page_id)
        if entry is None:
            page = self.pages[page_id]
            entry = self._entries[page_id] = emails.ReleaseEntry(
                page_id=page.pk,
                version=str(page.last_published_at),
                title=page.title,
                lead=page.lead,
                url=page_url(page),
                published_at=page.published_at,
                language=page.locale.language_code,
                publishers=[page.publisher, *page.co_publishers.all()],
            )
        return entry


# What matching and the emails read of a subscriber (loading the consent text and the rest
# for 500 subscribers a batch is wasted).
SENDING_FIELDS = (
    "public_id",
    "secret",
    "email",
    "state",
    "frequency",
    "everything",
    "content_languages",
    "email_language",
    "confirmed_at",
)


def with_choice_ids(subscribers):
    """Set `publisher_ids` and `theme_ids` on each subscriber: matching needs the ids only,
    read from the link tables (two queries, no model instance per choice)."""
    by_pk = {subscriber.pk: subscriber for subscriber in subscribers}
    for subscriber in subscribers:
        subscriber.publisher_ids, subscriber.theme_ids = [], []
    links = (
        (Subscriber.publishers.through, "publisher_id", "publisher_ids"),
        (Subscriber.themes.through, "theme_id", "theme_ids"),
    )
    for through, column, attribute in links:
        rows = through.objects.filter(among("subscriber_id", by_pk)).values_list(
            "subscriber_id", column
        )
        for subscriber_id, choice_id in rows:
            getattr(by_pk[subscriber_id], attribute).append(choice_id)
    return subscribers


class BatchResult:
    def __init__(self):
        self.sent = set()
        self.failed = set()
        self.nothing = set()
        self.suppressed = set()


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


def pg_array(numbers):
    """A PostgreSQL array literal of integers: psycopg adapts a list element by element,
    which costs more than the insert of the ~16,000 rows of a batch."""
    return "{" + ",".join(map(str, numbers)) + "}"


def insert_claims(wanted, kind, round, claim_key, now):
    """A PENDING dispatch per subscriber of `wanted` ({subscriber id: [page id]}) and its
    Delivery rows, skipping pairs that already have a row. The pairs inserted, as (subscriber
    id, [page id]), or None when the database does not say. On PostgreSQL a single statement from
    arrays: a round claims millions of rows, and building a model instance per row would
    dominate its time."""
    if connection.vendor == "postgresql":
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
    dispatches = Dispatch.objects.bulk_create(
        Dispatch(
            subscriber_id=subscriber_id, kind=kind, round=round, claim=claim_key, claimed_at=now
        )
        for subscriber_id in wanted
    )
    Delivery.objects.bulk_create(
        [
            Delivery(
                subscriber_id=dispatch.subscriber_id,
                page_id=page_id,
                dispatch=dispatch,
            )
            for dispatch in dispatches
            for page_id in wanted[dispatch.subscriber_id]
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )
    return None


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
            among("subscriber_id", subscriber_ids),
            state=Dispatch.State.PENDING,
            claimed_at__lt=now - conf.claim_lease(),
        ).exclude(claim=claim_key).update(claim=claim_key, claimed_at=now, round=round)
        # What these subscribers already have among the candidates, and what this claim
        # holds from an earlier attempt (or took over just now). Two queries, each on its
        # index: (subscriber, page), and the claim.
        existing = defaultdict(set)
        for subscriber_id, page_id in Delivery.objects.filter(
            among("subscriber_id", subscriber_ids), among("page_id", catalogue.pages)
        ).values_list("subscriber_id", "page_id"):
            existing[subscriber_id].add(page_id)
        for subscriber_id, page_id in Delivery.objects.filter(
            among("subscriber_id", subscriber_ids),
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
                # sends them again — the at-least-once window above, never a lost release.
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
        now = timezone.now()
        if connection.vendor == "postgresql":
            # One statement from arrays: the ORM's CASE WHEN per subscriber costs more Python
            # than the update itself.
            with connection.cursor() as cursor:
                cursor.execute(
                    MARK_SENT_SQL.format(
                        dispatch=connection.ops.quote_name(Dispatch._meta.db_table)
                    ),
                    [
                        Dispatch.State.SENT,
                        now,
                        pg_array(self.sent),
                        [mid[:255] for mid in self.sent.values()],
                        self.claim_key,
                        Dispatch.State.PENDING,
                    ],
                )
            return
        message_ids = Case(
            *(When(subscriber_id=pk, then=Value(mid[:255])) for pk, mid in self.sent.items()),
            default=Value(""),
        )
        pending.filter(subscriber_id__in=list(self.sent)).update(
            state=Dispatch.State.SENT, sent_at=now, message_id=message_ids
        )


def send_claimed(subscribers, held, catalogue, build_messages, claim_key, result):
    """Steps 2 and 3. `build_messages(subscriber, entries)` gives the emails for one
    subscriber. Raises on a transient failure, after recording what was sent: the batch is
    retried and resumes."""
    marks = Marks(claim_key)
    mark_every = conf.mark_every()
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
                entries = [catalogue.entry(pk) for pk in live_ids]
                messages = build_messages(subscriber, entries)
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
                if len(marks.sent) + len(marks.failed) >= mark_every:
                    marks.flush()
    finally:
        # Also on the way out of an exception: what the ESP accepted is recorded.
        flush_marks(marks)
    return result


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


def digest_batch(batch):
    """Send the digest of every subscriber of `batch` (a DigestBatch). Idempotent.

    Immediate-alert subscribers are in the rounds too, as a safety net: a release whose alert
    never went out (the broker was down when it was published) reaches them in the next
    digest instead of never."""
    result = BatchResult()
    subscribers = with_choice_ids(
        list(
            Subscriber.objects.active()
            .filter(among("pk", batch.subscriber_ids))
            .only(*SENDING_FIELDS)
            .order_by("pk")
        )
    )
    result.suppressed = set(batch.subscriber_ids) - {s.pk for s in subscribers}
    if not subscribers:
        return result
    since = timezone.now() - conf.lookback()
    # Releases claimed for them and not sent yet: sent even if older than the look-back.
    pending = Dispatch.objects.filter(
        among("subscriber_id", [s.pk for s in subscribers]), state=Dispatch.State.PENDING
    )
    claimed_before = (
        Delivery.objects.filter(dispatch__in=pending).values_list("page_id", flat=True).distinct()
    )
    catalogue = digest_catalogue(since, page_ids=set(claimed_before))
    catalogue.alerts_before = timezone.now() - conf.alert_grace()
    held = claim(subscribers, catalogue, batch.claim, Dispatch.Kind.DIGEST, round=batch.round)
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
    subscribers = with_choice_ids(
        list(
            Subscriber.objects.active()
            .filter(pk__in=subscriber_ids, frequency=Frequency.IMMEDIATE)
            .order_by("pk")
        )
    )
    result.suppressed = set(subscriber_ids) - {s.pk for s in subscribers}
    claim_key = f"alert:{page_id}"
    catalogue = Catalogue(pages)
    held = claim(subscribers, catalogue, claim_key, Dispatch.Kind.ALERT)

    def build(subscriber, items):
        msgid = emails.message_id("alert", f"p{page_id}", subscriber)
        return [emails.alert_email(subscriber, items, msgid)]

    return send_claimed(subscribers, held, catalogue, build, claim_key, result)


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
