"""Wagtail's editor saves a revision on its own while the communicator types (autosave):
the old links die at once, but the spokespersons get one new round when the editing stops,
not one per keystroke pause."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests.releases.test_permissions import edit_form
from validation.models import SpokespersonValidationTaskState
from validation.tasks import process_due_validations

from .conftest import links_by_recipient, parse, path_of
from .helpers import after_quiet_period

pytestmark = pytest.mark.django_db


def autosave(client, page, title, overwrite=None):
    data = edit_form(
        page, title=title, concerned_members=[m.pk for m in page.concerned_members.all()]
    )
    if overwrite:
        data["overwrite_revision_id"] = overwrite
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_autosaves_send_one_new_round(
    make_decision,
    members,
    communicator,
    submit,
    client,
    csrf_client,
    django_capture_on_commit_callbacks,
):
    page = make_decision(members)
    submit(page, communicator)
    old = links_by_recipient()
    mail.outbox.clear()
    client.force_login(communicator)
    revision = None
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            result = autosave(client, page, f"Reform, draft {n}", revision)
        revision = result.get("revision_id") or revision
    # The text changed: the old links no longer approve anything, at once.
    assert csrf_client.get(path_of(old["spokes0a@example.be"])).status_code == 410
    # One restart for the editing session, not one per autosave in the history.
    assert PageLogEntry.objects.filter(page=page, action="validation.superseded").count() == 1
    assert SpokespersonValidationTaskState.objects.count() == 2
    # No email per autosave; the report says when the links go out.
    assert mail.outbox == []
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    report = client.get(reverse("validation_admin:index")).content.decode()
    assert "The text has changed: new links go out at" in report
    assert "No link sent" not in report
    # When the communicator has stopped editing, one round with the last text.
    after_quiet_period(django_capture_on_commit_callbacks)
    fresh = links_by_recipient()
    assert set(fresh) == set(old)
    assert len(mail.outbox) == len(old)
    assert "Reform, draft 2" in parse(mail.outbox[0])[1]
    assert csrf_client.get(path_of(fresh["spokes0a@example.be"])).status_code == 200
    # Nothing more at the next run.
    mail.outbox.clear()
    process_due_validations.delay().get()
    assert mail.outbox == []


def test_autosave_without_members_does_not_publish(
    make_decision, members, communicator, submit, client, django_capture_on_commit_callbacks
):
    """Swapping the concerned member, the communicator unticks the only one and the editor
    autosaves: the validation no longer applies, but a half-edited text is not published."""
    from releases.models import PressReleasePage

    page = make_decision(members[:1])
    state = submit(page, communicator)
    client.force_login(communicator)
    data = edit_form(page, concerned_members=[])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            data,
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert not page.live
    assert not PressReleasePage.objects.live().filter(pk=page.pk).exists()
    state.refresh_from_db()
    assert state.status == "cancelled"
