"""The beat job: reminders, then the deadline (escalate, or silence counts as approval)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from validation.models import MemberValidation, OnDeadline, ValidationLink
from validation.tasks import process_due_validations

from .conftest import links_by_recipient, parse, path_of
from .helpers import post_answer

pytestmark = pytest.mark.django_db


def age_links(hours):
    ValidationLink.objects.update(created_at=timezone.now() - timedelta(hours=hours))


def test_reminders_go_to_those_who_have_not_answered(
    in_validation, task, csrf_client, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes0a@example.be"])
    mail.outbox.clear()

    # Not yet due.
    age_links(task.reminder_after_hours - 1)
    assert process_due_validations.delay().get()["reminded"] == 0
    assert mail.outbox == []

    age_links(task.reminder_after_hours + 1)
    result = process_due_validations.delay().get()
    assert result["reminded"] == 3
    reminded = links_by_recipient()
    assert set(reminded) == {"spokes1a@example.be", "spokes1b@example.be", "spokes2a@example.be"}
    _parsed, text, _html = parse(mail.outbox[0])
    assert "Reform of the federal pension scheme" in text
    # The new link works, the old one points to the newer email; the deadline is unchanged.
    assert csrf_client.get(path_of(links["spokes2a@example.be"])).status_code == 410
    assert csrf_client.get(path_of(reminded["spokes2a@example.be"])).status_code == 200
    assert set(
        ValidationLink.objects.filter(status="pending").values_list("expires_at", flat=True)
    ) == {state.current_task_state.specific.deadline_at}
    assert PageLogEntry.objects.filter(page=page, action="validation.reminder").count() == 1

    # Once only.
    mail.outbox.clear()
    assert process_due_validations.delay().get()["reminded"] == 0
    assert mail.outbox == []


def _pass_deadline(state):
    task_state = state.current_task_state.specific
    task_state.deadline_at = timezone.now() - timedelta(minutes=1)
    task_state.save(update_fields=["deadline_at"])
    ValidationLink.objects.update(expires_at=task_state.deadline_at)


def test_deadline_escalates_to_the_communicator(
    in_validation, csrf_client, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes0a@example.be"])
    mail.outbox.clear()
    _pass_deadline(state)
    with django_capture_on_commit_callbacks(execute=True):
        result = process_due_validations.delay().get()
    assert result["escalated"] == 1
    [message] = mail.outbox
    parsed, text, _html = parse(message)
    assert parsed["To"].addresses[0].addr_spec == "communicator@chancellery.example.be"
    assert "Minister 1" in text and "Minister 2" in text
    assert "Minister 0" not in text
    entry = PageLogEntry.objects.get(page=page, action="validation.escalated")
    assert entry.data["members"] == ["Minister 1", "Minister 2"]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live
    # Handled once.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert "escalated" not in process_due_validations.delay().get()
    assert mail.outbox == []


def test_deadline_counts_silence_as_approval(
    in_validation, task, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    task.on_deadline = OnDeadline.APPROVE
    task.save()
    _pass_deadline(state)
    with django_capture_on_commit_callbacks(execute=True):
        result = process_due_validations.delay().get()
    assert result["approved"] == 1
    page.refresh_from_db()
    assert page.live
    assert set(MemberValidation.objects.values_list("method", flat=True)) == {"silence"}
    assert PageLogEntry.objects.filter(page=page, action="validation.silence_approval").exists()
    assert not ValidationLink.objects.filter(status="pending").exists()
