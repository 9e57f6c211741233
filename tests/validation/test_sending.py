"""Sending is one Celery task whose query count does not grow with the recipients; the
workflow command is idempotent."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from releases.models import CouncilIndexPage
from validation.management.commands.ensure_validation_workflow import ensure_validation_workflow
from validation.models import SpokespersonValidationTask
from validation.tasks import send_validation_requests

from .conftest import parse

pytestmark = pytest.mark.django_db


def queries_to_send(
    make_decision, factories, communicator, count, django_capture_on_commit_callbacks
):
    members = []
    for n in range(count):
        member = factories.government_member()
        factories.contact(member, languages=["fr", "nl", "de", "en"][n % 4])
        members.append(member)
    page = make_decision(members)
    # Start the workflow without running the queued send, then send and count.
    with django_capture_on_commit_callbacks(execute=False):
        state = page.get_workflow().start(page, communicator)
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        sent = send_validation_requests.delay(state.current_task_state_id).get()
    assert sent == count == len(mail.outbox)
    return len(queries)


def test_query_count_does_not_grow_with_recipients(
    make_decision, factories, communicator, django_capture_on_commit_callbacks
):
    few = queries_to_send(
        make_decision, factories, communicator, 4, django_capture_on_commit_callbacks
    )
    many = queries_to_send(
        make_decision, factories, communicator, 30, django_capture_on_commit_callbacks
    )
    print(f"send_validation_requests: {few} queries for 4 recipients, {many} for 30")
    assert many == few


def test_sending_twice_sends_once(make_decision, members, communicator, submit):
    page = make_decision(members)
    state = submit(page, communicator)
    sent = len(mail.outbox)
    assert send_validation_requests.delay(state.current_task_state_id).get() == 0
    assert len(mail.outbox) == sent


def test_ensure_validation_workflow_is_idempotent(site_structure, capsys):
    from django.core.management import call_command

    call_command("ensure_validation_workflow")
    call_command("ensure_validation_workflow")
    assert Workflow.objects.filter(name="Council of Ministers validation").count() == 1
    assert SpokespersonValidationTask.objects.count() == 1
    workflow = Workflow.objects.get(name="Council of Ministers validation")
    assert WorkflowTask.objects.filter(workflow=workflow).count() == 1
    assert (
        WorkflowPage.objects.filter(workflow=workflow).count()
        == CouncilIndexPage.objects.count()
        == 4
    )
    # A deactivated workflow is brought back.
    workflow.active = False
    workflow.save()
    workflow, task, assigned = ensure_validation_workflow()
    assert workflow.active and assigned == 4


def test_recipient_names_with_commas_and_accents(make_decision, factories, communicator, submit):
    member = factories.government_member()
    factories.contact(member, name="Peeters, Françoise", email="fp@example.be", languages="fr")
    page = make_decision([member])
    submit(page, communicator)
    [message] = mail.outbox
    parsed, text, html = parse(message)
    [address] = parsed["To"].addresses
    assert (address.display_name, address.addr_spec) == ("Peeters, Françoise", "fp@example.be")
    assert message.subject.startswith("Validation demandée"), repr(message.subject)
    assert parsed["Subject"].strip() == message.subject
    assert parsed["Auto-Submitted"] == "auto-generated"


def test_failed_send_leaves_no_dead_links(
    make_decision, members, communicator, django_capture_on_commit_callbacks, monkeypatch
):
    """Tokens exist only while their email is built: if sending fails, the links roll back
    and the retry makes new ones."""
    from smtplib import SMTPException

    from celery.exceptions import Retry

    from validation import emails
    from validation.models import ValidationLink

    page = make_decision(members)
    with django_capture_on_commit_callbacks(execute=False):
        state = page.get_workflow().start(page, communicator)

    from django.core.mail.backends.base import BaseEmailBackend

    class Down(BaseEmailBackend):
        def send_messages(self, messages):
            raise SMTPException("relay down")

    monkeypatch.setattr(emails, "get_connection", lambda: Down())
    # Eager mode propagates: Celery schedules a retry (a worker would run it later).
    with pytest.raises(Retry):
        send_validation_requests.apply(args=[state.current_task_state_id])
    assert ValidationLink.objects.count() == 0
    monkeypatch.undo()
    assert send_validation_requests.delay(state.current_task_state_id).get() == 4
    assert ValidationLink.objects.filter(status="pending").count() == 4


def default_workflow():
    """Wagtail's own default (its migrations create it): "Moderators approval" on the root
    page, waiting for the Moderators group."""
    moderators, _created = Group.objects.get_or_create(name="Moderators")
    workflow, _created = Workflow.objects.get_or_create(name="Moderators approval")
    task, _created = GroupApprovalTask.objects.get_or_create(name="Moderators approval")
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow, moderators


def test_default_workflow_nobody_can_approve_is_retired(site_structure, factories):
    workflow, _moderators = default_workflow()
    ensure_validation_workflow()
    workflow.refresh_from_db()
    assert not workflow.active
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
    # A release outside the Council has no workflow to submit to; a Council section keeps its.
    assert factories.release().get_workflow() is None
    assert CouncilIndexPage.objects.first().get_workflow().name == "Council of Ministers validation"


def test_default_workflow_with_moderators_is_kept(site_structure, django_user_model):
    workflow, moderators = default_workflow()
    django_user_model.objects.create_user("moderator").groups.add(moderators)
    ensure_validation_workflow()
    workflow.refresh_from_db()
    assert workflow.active and WorkflowPage.objects.filter(workflow=workflow).exists()
