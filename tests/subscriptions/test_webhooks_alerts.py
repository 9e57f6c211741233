"""ESP tracking webhooks suspend addresses; immediate alerts go out once per release version."""

import json

import pytest
from django.core import mail
from django.test import Client

from core.outbox import OutboxEntry
from releases.loading import loading
from subscriptions.models import Delivery, Subscriber
from subscriptions.tasks import send_release_alerts
from tests.conftest import POSTMARK_WEBHOOK_URL as WEBHOOK_URL

from .conftest import mails_to, parse, parts
from .test_flow import confirm_link, subscribe

pytestmark = pytest.mark.django_db


def postmark_event(email, record_type="Bounce", bounce_type="HardBounce"):
    """A Postmark tracking webhook body, as documented by Postmark."""
    event = {
        "RecordType": record_type,
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": bounce_type,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account does not exist.",
        "Email": email,
        "From": "news@news.example.be",
        "BouncedAt": "2026-11-27T09:00:00Z",
        "DumpAvailable": False,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "3 nieuwe persberichten",
    }
    if record_type == "SpamComplaint":
        event.update({"Type": "SpamComplaint", "TypeCode": 512})
    return json.dumps(event)


def post_webhook(auth, body):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.post(WEBHOOK_URL, body, content_type="application/json", **headers)


def test_bounce_webhook_suspends_and_nothing_is_sent_until_confirmed_anew(
    client,
    site_structure,
    factories,
    make_subscriber,
    webhook_secret,
    run_round,
    django_capture_on_commit_callbacks,
):
    publisher = factories.publisher()
    bouncing = make_subscriber(email_address="reporter@example.org", publishers=[publisher])
    other = make_subscriber(publishers=[publisher])

    # Without the secret nothing happens.
    assert post_webhook(None, postmark_event(bouncing.email)).status_code == 400
    bouncing.refresh_from_db()
    assert bouncing.state == Subscriber.State.ACTIVE

    assert post_webhook(webhook_secret, postmark_event(bouncing.email.upper())).status_code == 200
    bouncing.refresh_from_db()
    assert bouncing.state == Subscriber.State.SUSPENDED
    assert "Postmark" in bouncing.state_reason and "bounced" in bouncing.state_reason

    release = factories.release(publisher=publisher)
    assert run_round().sent == 1
    assert mails_to(bouncing.email) == [] and len(mails_to(other.email)) == 1

    # Subscribing again is a new double opt-in; once confirmed, mail flows again.
    mail.outbox.clear()
    subscribe(client, django_capture_on_commit_callbacks, organisations=[publisher.pk])
    bouncing.refresh_from_db()
    assert bouncing.state == Subscriber.State.SUSPENDED
    client.post(confirm_link("reporter@example.org"))
    bouncing.refresh_from_db()
    assert bouncing.state == Subscriber.State.ACTIVE
    # The release of the suspended time is not sent afterwards (confirmed anew after it).
    mail.outbox.clear()
    newer = factories.release(publisher=publisher)
    run_round()
    (message,) = mails_to(bouncing.email)
    text, _html = parts(parse(message))
    assert newer.title in text and release.title not in text


def test_complaint_webhook_suspends(site_structure, make_subscriber, webhook_secret):
    subscriber = make_subscriber(everything=True)
    body = postmark_event(subscriber.email, record_type="SpamComplaint")
    assert post_webhook(webhook_secret, body).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.SUSPENDED


def test_delivered_event_changes_nothing(site_structure, make_subscriber, webhook_secret):
    subscriber = make_subscriber(everything=True)
    body = json.dumps(
        {
            "RecordType": "Delivery",
            "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
            "Recipient": subscriber.email,
            "DeliveredAt": "2026-11-27T09:00:00Z",
            "Details": "Test delivery",
            "Tag": "",
            "ServerID": 23,
            "Metadata": {},
            "MessageStream": "outbound",
        }
    )
    assert post_webhook(webhook_secret, body).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.ACTIVE


def test_immediate_subscribers_get_one_alert_per_release_version(
    site_structure, factories, make_subscriber, django_capture_on_commit_callbacks
):
    minister = factories.government_member()
    immediate = make_subscriber(
        publishers=[minister], frequency="immediate", languages=["nl", "fr"], email_language="fr"
    )
    digest = make_subscriber(publishers=[minister])
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.release(publisher=minister, title="Urgent statement")
    (alert,) = mail.outbox
    parsed = parse(alert)
    assert parsed["To"] == immediate.email
    assert parsed["Subject"] == "Nouveau communiqué de presse : Urgent statement"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(parsed)
    assert "Urgent statement" in text and '<html lang="fr"' in html

    # Published again after an edit: no second alert.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(mail.outbox) == 1
    # Its French version is another alert.
    with django_capture_on_commit_callbacks(execute=True):
        factories.translation_of(page, "fr", title="Déclaration urgente")
    assert len(mail.outbox) == 2
    assert "Déclaration urgente" in mail.outbox[1].subject
    assert (
        Delivery.objects.filter(
            subscriber=immediate, dispatch__kind="alert", dispatch__state="sent"
        ).count()
        == 2
    )
    assert mails_to(digest.email) == []


def test_loaded_content_alerts_nobody(
    site_structure, factories, make_subscriber, django_capture_on_commit_callbacks
):
    """Content loaded rather than written (the demo's backdated releases) queues no alert."""
    minister = factories.government_member()
    make_subscriber(publishers=[minister], frequency="immediate")
    page = factories.release(publisher=minister, title="Loaded", publish=False)
    with django_capture_on_commit_callbacks(execute=True), loading("demo content"):
        page.save_revision().publish()
    assert not OutboxEntry.objects.filter(task_name=send_release_alerts.name).exists()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        factories.release(publisher=minister, title="Written")
    assert len(mail.outbox) == 1


def test_a_title_with_line_breaks_still_makes_a_one_line_alert_subject(
    site_structure, factories, make_subscriber, django_capture_on_commit_callbacks
):
    """A title pasted with line breaks (CR, LF, U+2028): Django would refuse the header
    (BadHeaderError) and the alert would fail on every retry."""
    minister = factories.government_member()
    immediate = make_subscriber(publishers=[minister], frequency="immediate", email_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        factories.release(publisher=minister, title="Budget\r\n 2027:\nfirst\u2028reading ")
    (alert,) = mail.outbox
    parsed = parse(alert)
    assert parsed["To"] == immediate.email
    assert parsed["Subject"] == "New press release: Budget 2027: first reading"
    assert len(parsed.keys()) == len(set(parsed.keys())) and parsed["Bcc"] is None
    assert Delivery.objects.get(subscriber=immediate).dispatch.state == "sent"
