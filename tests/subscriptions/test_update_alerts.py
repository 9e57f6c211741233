"""A change of a live release published with an update note alerts the immediate subscribers,
once per note ("Update: <title>"); a republish without a new note sends nothing; a withdrawn
release never reaches a digest or an alert."""

import pytest
from django.core import mail

from core.outbox import OutboxEntry
from releases.models import PressReleasePage, ReleaseUpdate
from releases.withdrawal import withdraw
from subscriptions.models import Dispatch, UpdateAlert, UpdateDelivery
from subscriptions.tasks import send_update_alerts, send_update_batch

from .conftest import parse, parts

pytestmark = pytest.mark.django_db


def publish_with_note(page, text):
    page = PressReleasePage.objects.get(pk=page.pk)
    page.update_notes.add(ReleaseUpdate(note=text))
    page.save_revision().publish()
    return page


@pytest.fixture
def world(site_structure, factories, make_subscriber, django_capture_on_commit_callbacks):
    minister = factories.government_member()
    immediate = make_subscriber(publishers=[minister], frequency="immediate", email_language="fr")
    make_subscriber(publishers=[minister])  # digest: no alert
    other = make_subscriber(publishers=[factories.publisher()], frequency="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.release(publisher=minister, title="Budget adopté")
    mail.outbox.clear()
    return {"page": page, "immediate": immediate, "other": other}


def test_a_note_alerts_immediate_subscribers_once(world, django_capture_on_commit_callbacks):
    page = world["page"]
    with django_capture_on_commit_callbacks(execute=True):
        publish_with_note(page, "Het bedrag is gecorrigeerd: 12 miljoen.")
    (alert,) = mail.outbox
    parsed = parse(alert)
    assert parsed["To"] == world["immediate"].email
    assert parsed["Subject"] == "Mise à jour : Budget adopté"
    text, html = parts(parsed)
    assert "Het bedrag is gecorrigeerd: 12 miljoen." in text
    assert 'lang="nl"' in html and "Budget adopté" in html
    note = ReleaseUpdate.objects.get(page=page)
    assert UpdateDelivery.objects.get(note=note).dispatch.state == Dispatch.State.SENT

    # A republish without a new note: nothing; the same note run again: nothing.
    with django_capture_on_commit_callbacks(execute=True):
        PressReleasePage.objects.get(pk=page.pk).save_revision().publish()
        send_update_alerts.delay(note.pk)
        send_update_batch.delay(note.pk, [world["immediate"].pk])
    assert len(mail.outbox) == 1
    assert UpdateAlert.objects.filter(note=note).count() == 1

    # A second note: a second alert.
    with django_capture_on_commit_callbacks(execute=True):
        publish_with_note(page, "Datum aangepast.")
    assert len(mail.outbox) == 2
    assert "Datum aangepast." in parts(parse(mail.outbox[1]))[0]


def test_a_note_is_queued_in_the_publishing_transaction(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        publish_with_note(world["page"], "Correction.")
    assert OutboxEntry.objects.filter(task_name=send_update_alerts.name).count() == 1
    assert mail.outbox == []


def test_a_release_published_with_a_note_the_first_time_sends_its_alert_only(
    site_structure, factories, make_subscriber, django_capture_on_commit_callbacks
):
    minister = factories.government_member()
    make_subscriber(publishers=[minister], frequency="immediate")
    page = factories.release(publisher=minister, title="New", publish=False)
    page.update_notes.add(ReleaseUpdate(note="Early note."))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(mail.outbox) == 1
    assert "Early note." not in mail.outbox[0].body


def test_withdrawn_releases_send_no_update_and_no_digest(
    world, factories, make_subscriber, run_round, django_capture_on_commit_callbacks
):
    page = world["page"]
    digest = make_subscriber(publishers=[page.publisher], frequency="digest")
    fresh = factories.release(publisher=page.publisher, title="Withdrawn before the digest")
    withdraw(fresh, "Wrong.")
    withdraw(page, "Wrong.")
    with django_capture_on_commit_callbacks(execute=True):
        publish_with_note(page, "Too late.")
    assert mail.outbox == []
    run_round()
    for message in mail.outbox:
        assert "Withdrawn before the digest" not in message.body
        assert "Budget adopté" not in message.body
    assert digest.email not in [m.to[0] for m in mail.outbox]
