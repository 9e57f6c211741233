"""The issue's end-to-end flow: submit → emails → GET changes nothing → POST approvals →
published (or scheduled)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from releases.models import PressReleasePage
from validation.models import MemberValidation, ValidationLink

from .conftest import links_by_recipient, parse, path_of
from .helpers import post_answer

pytestmark = pytest.mark.django_db


def test_three_members_approve_then_published(
    make_decision, members, communicator, submit, csrf_client, django_capture_on_commit_callbacks
):
    page = make_decision(members)
    state = submit(page, communicator)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    links = links_by_recipient()
    assert set(links) == {
        "spokes0a@example.be",
        "spokes1a@example.be",
        "spokes1b@example.be",
        "spokes2a@example.be",
    }
    # Each in its language, with the title, submitter, deadline and the text.
    by_to = {parse(m)[0]["To"].addresses[0].addr_spec: m for m in mail.outbox}
    _parsed, text, html = parse(by_to["spokes0a@example.be"])
    assert "/fr/validation/" in links["spokes0a@example.be"]
    assert "/nl/validation/" in links["spokes1a@example.be"]
    assert "/de/validation/" in links["spokes2a@example.be"]
    assert "Reform of the federal pension scheme" in text
    assert "The Council approves the pension reform." in text
    assert "The pension age stays at 67." in text
    assert "<b>67</b>" in html
    assert "Chris Communicator" in text
    assert '<html lang="fr"' in html

    # GET changes nothing.
    before = list(ValidationLink.objects.values_list("status", "used_at"))
    response = csrf_client.get(path_of(links["spokes0a@example.be"]))
    assert response.status_code == 200
    assert b"Reform of the federal pension scheme" in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert list(ValidationLink.objects.values_list("status", "used_at")) == before

    with django_capture_on_commit_callbacks(execute=True):
        assert post_answer(csrf_client, links["spokes0a@example.be"]).status_code == 200
        assert post_answer(csrf_client, links["spokes1b@example.be"]).status_code == 200
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # Member 1 is covered: their other spokesperson's link is closed.
    response = csrf_client.get(path_of(links["spokes1a@example.be"]))
    assert response.status_code == 410

    with django_capture_on_commit_callbacks(execute=True):
        assert post_answer(csrf_client, links["spokes2a@example.be"]).status_code == 200
    page.refresh_from_db()
    assert page.live
    assert PressReleasePage.objects.live().filter(pk=page.pk).exists()
    assert set(MemberValidation.objects.values_list("status", flat=True)) == {"approved"}
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert actions.count("validation.approve") == 3
    assert "wagtail.publish" in actions
    entry = PageLogEntry.objects.filter(page=page, action="validation.approve").first()
    assert entry.data["email"] in links
    assert entry.revision_id == page.latest_revision_id


def test_embargoed_release_is_scheduled_not_published(
    make_decision, members, communicator, submit, csrf_client, django_capture_on_commit_callbacks
):
    go_live = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    page = make_decision(members[:1], go_live_at=go_live)
    submit(page, communicator)
    links = links_by_recipient()
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes0a@example.be"])
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == go_live
    assert not PressReleasePage.objects.live().filter(pk=page.pk).exists()
    # The scheduler leaves it alone until its time.
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live
    # The public URL does not show it either.
    assert Client().get(page.get_url()).status_code == 404


def test_release_without_government_member_skips_the_task(
    make_decision, communicator, submit, factories
):
    organisation = factories.publisher()
    page = make_decision([organisation])
    state = submit(page, communicator)
    page.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.task_states.get().status == TaskState.STATUS_SKIPPED
    assert mail.outbox == []
