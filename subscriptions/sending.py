"""Sending a digest batch or an alert batch: who is in it, the send loop, the result. The
exactly-once protocol (claim, send, mark) is described in claims.py."""

import logging

from anymail.exceptions import AnymailRecipientsRefused
from django.core import mail
from django.utils import timezone

from . import conf, emails
from .catalogue import Catalogue, digest_catalogue, release_versions
from .claims import claim
from .marks import Marks, flush_marks
from .models import Delivery, Dispatch, Frequency, Subscriber

logger = logging.getLogger(__name__)


# What matching and the emails read of a subscriber (loading the consent text and the rest
# for every subscriber of a batch is wasted).
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
        rows = through.objects.filter(subscriber_id__in=list(by_pk)).values_list(
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


def digest_batch(batch):
    """Send the digest of every subscriber of `batch` (a DigestBatch). Idempotent.

    Immediate-alert subscribers are in the rounds too, as a safety net: a release whose alert
    never went out (the broker was down when it was published) reaches them in the next
    digest instead of never."""
    result = BatchResult()
    subscribers = with_choice_ids(
        list(
            Subscriber.objects.active()
            .filter(pk__in=batch.subscriber_ids)
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
        subscriber_id__in=[s.pk for s in subscribers], state=Dispatch.State.PENDING
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
    subscribers, result.suppressed = immediate_subscribers(subscriber_ids)
    claim_key = f"alert:{page_id}"
    catalogue = Catalogue(pages)
    held = claim(subscribers, catalogue, claim_key, Dispatch.Kind.ALERT)

    def build(subscriber, items):
        msgid = emails.message_id("alert", f"p{page_id}", subscriber)
        return [emails.alert_email(subscriber, items, msgid)]

    return send_claimed(subscribers, held, catalogue, build, claim_key, result)


def immediate_subscribers(subscriber_ids):
    """The active subscribers among `subscriber_ids` who chose immediate alerts (with their
    choices), and the ids left out (unsubscribed or changed to digests since)."""
    subscribers = with_choice_ids(
        list(
            Subscriber.objects.active()
            .filter(pk__in=subscriber_ids, frequency=Frequency.IMMEDIATE)
            .order_by("pk")
        )
    )
    return subscribers, set(subscriber_ids) - {s.pk for s in subscribers}


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
