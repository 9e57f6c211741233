"""Update alerts: a change of a live release published with a new update note ("Updated on
<date>: <note>", releases.ReleaseUpdate) alerts the immediate subscribers who may have
received the release, once per note, with the subject "Update: <title>".

The same never-lose path as the release alerts: the publish records an UpdateAlert row and
queues the fan-out through the outbox in its own transaction; each batch claims an
UpdateDelivery per (subscriber, note) under a unique constraint with its Dispatch (the email)
before sending, and marks the dispatches sent after (claims.py describes the protocol and its
one at-least-once window). A republish without a new note finds every note recorded and
sends nothing."""

from django.db import IntegrityError, transaction

from releases.loading import loading_reason
from releases.models import ReleaseUpdate
from releases.query import live_releases

from . import emails
from .catalogue import Catalogue
from .models import Dispatch, UpdateAlert, UpdateDelivery
from .sending import BatchResult, immediate_subscribers, send_claimed


def new_notes(page):
    """The notes of the live release `page` no alert was queued for, each recorded now (in
    the caller's transaction). On the release's first publication its own alert says it all:
    its notes are recorded and nothing more is sent."""
    if not page.live or loading_reason():
        return []
    first_publication = page.first_published_at == page.last_published_at
    found = []
    for note in ReleaseUpdate.objects.filter(page_id=page.pk).order_by("noted_at", "pk"):
        try:
            with transaction.atomic():
                UpdateAlert.objects.create(note=note)
        except IntegrityError:
            continue  # recorded by an earlier publish
        if not first_publication:
            found.append(note)
    return found


def live_note(note_id):
    """The note with its release when that release is live (and not withdrawn), else None."""
    note = ReleaseUpdate.objects.filter(pk=note_id).first()
    if note is None:
        return None
    page = (
        live_releases()
        .filter(pk=note.page_id)
        .select_related("publisher", "locale")
        .prefetch_related("co_publishers", "themes")
        .first()
    )
    if page is None:
        return None
    note.page = page
    return note


def claim_updates(subscribers, page, note, claim_key):
    """Step 1 for an update: a PENDING Dispatch and an UpdateDelivery for each subscriber who
    matches the release and has none for this note. {subscriber id: [page id]} held by this
    claim, the form send_claimed reads."""
    ids = [subscriber.pk for subscriber in subscribers]
    with transaction.atomic():
        existing = set(
            UpdateDelivery.objects.filter(subscriber_id__in=ids, note=note).values_list(
                "subscriber_id", flat=True
            )
        )
        wanted = [
            subscriber.pk
            for subscriber in subscribers
            if subscriber.pk not in existing
            and subscriber.matches(page, set(subscriber.publisher_ids), set(subscriber.theme_ids))
        ]
        dispatches = Dispatch.objects.bulk_create(
            Dispatch(subscriber_id=pk, kind=Dispatch.Kind.UPDATE, claim=claim_key) for pk in wanted
        )
        UpdateDelivery.objects.bulk_create(
            [
                UpdateDelivery(subscriber_id=d.subscriber_id, note=note, dispatch=d)
                for d in dispatches
            ],
            ignore_conflicts=True,
        )
        # A pair inserted meanwhile by an overlapping run wins: this one's email is dropped.
        Dispatch.objects.filter(
            claim=claim_key, state=Dispatch.State.PENDING, update_deliveries__isnull=True
        ).delete()
    held = UpdateDelivery.objects.filter(
        subscriber_id__in=ids,
        note=note,
        dispatch__claim=claim_key,
        dispatch__state=Dispatch.State.PENDING,
    ).values_list("subscriber_id", flat=True)
    return {subscriber_id: [page.pk] for subscriber_id in held}


def update_batch(note_id, subscriber_ids):
    """Send the update alert of one note to these subscribers. Idempotent."""
    result = BatchResult()
    note = live_note(note_id)
    if note is None:
        return result  # the note was removed, or the release is no longer out
    page = note.page
    subscribers, result.suppressed = immediate_subscribers(subscriber_ids)
    claim_key = f"update:{note_id}"
    held = claim_updates(subscribers, page, note, claim_key)

    def build(subscriber, entries):
        msgid = emails.message_id("update", f"n{note_id}", subscriber)
        return [emails.update_email(subscriber, entries[0], note, msgid)]

    return send_claimed(subscribers, held, Catalogue([page]), build, claim_key, result)
