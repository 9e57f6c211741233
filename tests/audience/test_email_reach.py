"""Email reach per release from the ESP's tracking webhooks (Postmark's format, as in
tests/subscriptions/test_webhooks_alerts.py): counted once per email and event type whatever
the retries, rolled up per release through the emails' Delivery rows; subscriptions' own
handling of bounces is unchanged."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from audience import email_reach
from audience.models import EmailEvent, EmailReach
from subscriptions.models import Dispatch, Frequency, Subscriber
from subscriptions.sending import alert_batch
from tests.conftest import POSTMARK_WEBHOOK_URL as WEBHOOK_URL

pytestmark = pytest.mark.django_db


def subscriber(email, publisher):
    now = timezone.now()
    made = Subscriber.objects.create(
        email=email,
        content_languages=["nl"],
        frequency=Frequency.IMMEDIATE,
        email_language="nl",
        confirmed_at=now - timezone.timedelta(days=1),
        consent_at=now,
        consent_text="I agree.",
        consent_language="nl",
    )
    made.publishers.set([publisher])
    return made


def event(record_type, message_id, email, **fields):
    """A Postmark tracking webhook body, as documented by Postmark."""
    body = {
        "RecordType": record_type,
        "MessageStream": "outbound",
        "MessageID": message_id,
        "Recipient": email,
        "Email": email,
        "Metadata": {},
        "Tag": "",
        "ServerID": 23,
    }
    if record_type == "Delivery":
        body.update({"DeliveredAt": "2026-11-27T09:00:01Z", "Details": "Test delivery"})
    elif record_type == "Open":
        body.update({"ReceivedAt": "2026-11-27T09:05:00Z", "FirstOpen": True, "Platform": "Web"})
    elif record_type == "Click":
        body.update(
            {
                "ReceivedAt": "2026-11-27T09:06:00Z",
                "ClickLocation": "HTML",
                "OriginalLink": "https://news.example.be/nl/nieuws/x/",
            }
        )
    elif record_type == "Bounce":
        body.update(
            {
                "ID": 4323372036854775807,
                "Type": "HardBounce",
                "TypeCode": 1,
                "Description": "The server was unable to deliver your message.",
                "BouncedAt": "2026-11-27T09:00:00Z",
            }
        )
    body.update(fields)
    return json.dumps(body)


def post(auth, body):
    return Client().post(
        WEBHOOK_URL, body, content_type="application/json", HTTP_AUTHORIZATION=auth
    )


def test_reach_per_release_from_webhooks(site_structure, factories, webhook_secret):
    publisher = factories.publisher()
    readers = [subscriber(f"reader{n}@example.org", publisher) for n in range(4)]
    release = factories.release(publisher=publisher)
    other = factories.release(publisher=publisher)
    assert len(alert_batch(release.pk, [s.pk for s in readers]).sent) == 4
    assert len(alert_batch(other.pk, [readers[0].pk]).sent) == 1
    ids = {
        d.subscriber_id: d.message_id
        for d in Dispatch.objects.filter(deliveries__page=release, state=Dispatch.State.SENT)
    }
    assert len(ids) == 4 and all(ids.values())
    first, second, third, bouncing = (ids[s.pk] for s in readers)

    for body in [
        event("Delivery", first, "reader0@example.org"),
        event("Delivery", first, "reader0@example.org"),  # the ESP retried the webhook
        event("Delivery", second, "reader1@example.org"),
        event("Delivery", third, "reader2@example.org"),
        event("Open", first, "reader0@example.org"),
        event("Open", first, "reader0@example.org", FirstOpen=False),  # opened again
        event("Open", second, "reader1@example.org"),
        event("Click", first, "reader0@example.org"),
        event("Bounce", bouncing, "reader3@example.org"),
        event("Delivery", "not-one-of-ours", "someone@example.org"),  # a confirmation email
    ]:
        assert post(webhook_secret, body).status_code == 200
    # Recorded once per email and type; nothing counted until the roll-up.
    assert EmailEvent.objects.count() == 8
    assert EmailReach.objects.count() == 0

    assert email_reach.roll_up() == 7
    reach = {(row.kind, row.event): row.count for row in EmailReach.objects.filter(page=release)}
    assert reach == {
        ("alert", "delivered"): 3,
        ("alert", "opened"): 2,
        ("alert", "clicked"): 1,
        ("alert", "bounced"): 1,
    }
    assert not EmailReach.objects.filter(page=other).exists()
    assert email_reach.sent_per_kind([release.pk, other.pk]) == {
        (release.pk, "alert"): 4,
        (other.pk, "alert"): 1,
    }
    # A second roll-up adds nothing; the unknown email waits (then is dropped after 2 days).
    assert email_reach.roll_up() == 0
    assert EmailEvent.objects.filter(counted=False).count() == 1
    EmailEvent.objects.filter(counted=False).update(
        received_at=timezone.now() - timezone.timedelta(days=3)
    )
    email_reach.roll_up()
    assert not EmailEvent.objects.filter(counted=False).exists()

    # subscriptions' receiver still suspends the bouncing address.
    readers[3].refresh_from_db()
    assert readers[3].state == Subscriber.State.SUSPENDED


def test_event_arriving_before_the_send_is_recorded_is_counted_later(
    site_structure, factories, webhook_secret
):
    publisher = factories.publisher()
    reader = subscriber("early@example.org", publisher)
    release = factories.release(publisher=publisher)
    alert_batch(release.pk, [reader.pk])
    dispatch = Dispatch.objects.get(subscriber=reader)
    sent_id = dispatch.message_id
    # The webhook comes while the dispatch is not marked sent yet.
    Dispatch.objects.filter(pk=dispatch.pk).update(state=Dispatch.State.PENDING, message_id="")
    post(webhook_secret, event("Delivery", sent_id, reader.email))
    assert email_reach.roll_up() == 0
    Dispatch.objects.filter(pk=dispatch.pk).update(state=Dispatch.State.SENT, message_id=sent_id)
    assert email_reach.roll_up() == 1
    assert EmailReach.objects.get(page=release, event="delivered").count == 1


def test_webhook_without_the_secret_records_nothing(site_structure, webhook_secret):
    assert post("", event("Delivery", "abc", "x@example.org")).status_code == 400
    assert not EmailEvent.objects.exists()
