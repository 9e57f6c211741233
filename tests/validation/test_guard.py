"""The publication guard: a text naming government members goes live only as the text their
spokespersons approved (or one an administrator published without validation, with a reason),
whatever the path and wherever the page sits. Each test tries one path around it."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.scheduled_publishing import publish_scheduled_pages
from releases.models import PressReleasePage
from releases.query import live_releases
from tests.releases.test_permissions import edit_form
from validation.deadlines import handle_deadline
from validation.guard import UnvalidatedPublication
from validation.models import MemberValidation, OnDeadline, ValidatedText, ValidationLink

from .conftest import links_by_recipient
from .helpers import post_answer


def in_admin_language(message):
    """The admin speaks the site's default language to these users."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message)


def reload(page):
    return PressReleasePage.objects.get(pk=page.pk)


def assert_not_public(page, client=None):
    page = reload(page)
    assert not page.live
    assert not live_releases().filter(pk=page.pk).exists()
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)


def validate(page, state, links, csrf_client, capture):
    """A spokesperson of every member approves: the workflow publishes."""
    with capture(execute=True):
        for address in ("spokes0a@example.be", "spokes1a@example.be", "spokes2a@example.be"):
            post_answer(csrf_client, links[address])


@pytest.fixture
def boss(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.be", "pw")


# The shell and the model ---------------------------------------------------------------------


def test_shell_publish_is_refused(make_decision, members):
    page = make_decision(members)
    with pytest.raises(UnvalidatedPublication) as refused:
        page.save_revision().publish()
    assert "Minister 0" in str(refused.value)
    assert_not_public(page)


def test_scheduling_is_refused_at_once(make_decision, members):
    page = make_decision(members, go_live_at=timezone.now() + timedelta(days=1))
    with pytest.raises(UnvalidatedPublication):
        page.save_revision().publish()
    assert_not_public(page)


def test_texts_naming_no_member_go_live(make_decision):
    page = make_decision([])
    page.save_revision().publish()
    assert reload(page).live


def test_a_validated_text_goes_live_and_an_edit_needs_a_new_validation(
    in_validation, csrf_client, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    validate(page, state, links, csrf_client, django_capture_on_commit_callbacks)
    assert reload(page).live
    assert ValidatedText.objects.filter(page_id=page.pk, source="validation").exists()
    # The same text saved again (and moved about) stays publishable...
    live = reload(page)
    live.save_revision().publish()
    # ...a changed one is not.
    live.lead = "The Council approves another pension reform."
    with pytest.raises(UnvalidatedPublication):
        live.save_revision().publish()
    assert reload(page).lead == "The Council approves the pension reform."


# The editor and bulk actions -----------------------------------------------------------------


def test_editor_publish_is_refused_with_a_message(
    make_decision, members, admin_client, communicator
):
    page = make_decision(members)
    admin_client.force_login(communicator)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form(page, concerned_members=[m.pk for m in members])
    data["action-publish"] = "1"
    response = admin_client.post(edit, data, follow=True)
    assert response.status_code == 200
    assert "Minister 0, Minister 1, Minister 2" in response.content.decode()
    assert_not_public(page)


def test_bulk_publish_with_descendants_publishes_nothing(
    make_decision, members, admin_client, communicator
):
    page = make_decision(members, go_live_at=timezone.now() + timedelta(hours=2))
    meeting = page.get_parent()
    type(meeting).objects.filter(pk=meeting.pk).update(live=False)
    admin_client.force_login(communicator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    explorer = reverse("wagtailadmin_explore", args=[meeting.get_parent().pk])
    response = admin_client.post(
        f"{url}?id={meeting.pk}&next={explorer}", {"include_descendants": "on"}, follow=True
    )
    assert response.status_code == 200
    assert in_admin_language("Nothing was published.") in response.content.decode()
    assert_not_public(page)
    meeting.refresh_from_db()
    assert not meeting.live


def test_bulk_action_code_meets_the_guard(make_decision, members, communicator):
    """Below the admin hook: Wagtail's bulk publish itself reaches the guard."""
    from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction

    page = make_decision(members)
    meeting = page.get_parent()
    type(meeting).objects.filter(pk=meeting.pk).update(live=False)
    with pytest.raises(UnvalidatedPublication):
        PublishBulkAction.execute_action([meeting.specific], include_descendants=True)
    assert_not_public(page)


# Where the page sits does not matter ---------------------------------------------------------


def test_move_out_publish_and_move_back(make_decision, members, admin_client, communicator):
    from tests import factories

    page = make_decision(members)
    meeting = page.get_parent()
    news = factories.news_index("nl")
    page.move(news, pos="last-child")
    admin_client.force_login(communicator)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form(reload(page), concerned_members=[m.pk for m in members])
    data["action-publish"] = "1"
    response = admin_client.post(edit, data, follow=True)
    hint = in_admin_language(
        "This section has no spokesperson validation: Council decisions are validated "
        "under their Council of Ministers meeting."
    )
    assert escape(hint) in response.content.decode()
    with pytest.raises(UnvalidatedPublication):
        reload(page).save_revision().publish()
    meeting.refresh_from_db()
    reload(page).move(meeting, pos="last-child")
    assert_not_public(page)


def test_copy_with_publish_copies_makes_drafts(
    in_validation, csrf_client, django_capture_on_commit_callbacks, communicator
):
    page, state, links = in_validation
    validate(page, state, links, csrf_client, django_capture_on_commit_callbacks)
    meeting = page.get_parent().specific
    copy = meeting.copy(
        recursive=True,
        to=meeting.get_parent(),
        update_attrs={"slug": "copied-meeting", "title": "Copied meeting"},
        keep_live=True,
        user=communicator,
    )
    assert copy.live  # the meeting names nobody
    [decision] = PressReleasePage.objects.child_of(copy)
    # Its text was validated for the original page, not for this new one.
    assert not decision.live
    assert decision.live_revision_id is None
    assert decision.has_unpublished_changes
    assert reload(page).live


# Reverting, the workflow, the scheduler ------------------------------------------------------


def test_revert_publishes_only_a_validated_revision(
    in_validation, csrf_client, django_capture_on_commit_callbacks, boss
):
    page, state, links = in_validation
    validate(page, state, links, csrf_client, django_capture_on_commit_callbacks)
    validated = reload(page).live_revision
    draft = reload(page)
    draft.lead = "An unvalidated lead."
    unvalidated = draft.save_revision()
    with pytest.raises(UnvalidatedPublication):
        unvalidated.as_object().save_revision(user=boss, previous_revision=unvalidated).publish(
            user=boss, previous_revision=unvalidated
        )
    # Back to the validated text: allowed.
    reverted = validated.as_object().save_revision(user=boss, previous_revision=validated)
    reverted.publish(user=boss, previous_revision=validated)
    assert reload(page).live_revision_id == reverted.pk


def test_another_workflow_cannot_approve_it_out(make_decision, members, boss):
    """A moderators' approval workflow on the same section does not replace the validation."""
    page = make_decision(members)
    workflow = Workflow.objects.create(name="Moderators")
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    section = page.get_parent().get_parent()
    WorkflowPage.objects.filter(page=section).update(workflow=workflow)
    state = workflow.start(page, boss)
    with pytest.raises(UnvalidatedPublication):
        state.current_task_state.approve(user=boss)
    assert_not_public(page)


def test_scheduler_skips_an_unvalidated_scheduled_text_and_publishes_the_others(
    make_decision, members, factories
):
    """A revision scheduled before the guard (or by hand in the database) never goes live,
    and does not hold up the other scheduled releases."""
    page = make_decision(members)
    other = factories.release(publish=False, live=False)
    past = timezone.now() - timedelta(minutes=1)
    Revision.objects.filter(pk=page.get_latest_revision().pk).update(approved_go_live_at=past)
    Revision.objects.filter(pk=other.save_revision().pk).update(
        approved_go_live_at=past + timedelta(seconds=1)
    )
    publish_scheduled_pages()
    assert_not_public(page)
    assert reload(other).live
    # Wagtail's command on its own, run again: nothing left to refuse.
    call_command("publish_scheduled", stdout=io.StringIO())
    assert_not_public(page)


# Administrators ------------------------------------------------------------------------------


def test_administrator_publishes_without_validation_with_a_reason(
    make_decision, members, admin_client, boss, communicator
):
    page = make_decision(members)
    url = reverse("validation_admin:override", args=[page.pk])
    admin_client.force_login(communicator)
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    assert admin_client.get(url)["Location"] == reverse("wagtailadmin_home")
    assert admin_client.post(url, {"reason": "Because."})["Location"] == reverse(
        "wagtailadmin_home"
    )
    admin_client.force_login(boss)
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert_not_public(page)
    # A plain Publish is refused to administrators too.
    with pytest.raises(UnvalidatedPublication):
        reload(page).save_revision(user=boss).publish(user=boss)
    response = admin_client.post(url, {"reason": "Spokespersons unreachable, urgent."})
    assert response.status_code == 302
    assert reload(page).live
    clearance = ValidatedText.objects.get(page_id=page.pk)
    assert clearance.source == "override" and clearance.user == boss
    entry = PageLogEntry.objects.get(page=page, action="validation.override")
    assert entry.user == boss
    assert entry.data["reason"] == "Spokespersons unreachable, urgent."


# Silence counts only from those who were asked -----------------------------------------------


def _pass_deadline(state):
    task_state = state.current_task_state.specific
    task_state.deadline_at = timezone.now() - timedelta(minutes=1)
    task_state.save(update_fields=["deadline_at"])
    ValidationLink.objects.update(expires_at=task_state.deadline_at)
    return task_state


def test_silence_of_members_nobody_reached_escalates(
    make_decision, members, communicator, task, django_capture_on_commit_callbacks
):
    task.on_deadline = OnDeadline.APPROVE
    task.save()
    page = make_decision(members)
    # The links were never sent (the broker was down): the task waits with no link.
    state = page.get_workflow().start(page, communicator)
    assert not ValidationLink.objects.exists()
    task_state = _pass_deadline(state)
    with django_capture_on_commit_callbacks(execute=True):
        assert handle_deadline(task_state.pk) == "escalated"
    assert_not_public(page)
    assert not MemberValidation.objects.filter(method="silence").exists()
    [message] = mail.outbox
    assert message.to == ["communicator@chancellery.example.be"]


def test_silence_counts_for_the_reached_and_the_others_escalate(
    make_decision, members, communicator, task, submit, django_capture_on_commit_callbacks
):
    task.on_deadline = OnDeadline.APPROVE
    task.save()
    page = make_decision(members)
    state = submit(page, communicator)
    assert len(links_by_recipient()) == 4
    # Minister 2's only spokesperson's link is gone (the mail service refused it).
    ValidationLink.objects.filter(member_validation__member=members[2]).delete()
    mail.outbox.clear()
    task_state = _pass_deadline(state)
    with django_capture_on_commit_callbacks(execute=True):
        assert handle_deadline(task_state.pk) == "escalated"
    methods = dict(MemberValidation.objects.values_list("member__name", "method"))
    assert methods == {"Minister 0": "silence", "Minister 1": "silence", "Minister 2": ""}
    assert_not_public(page)
    [message] = mail.outbox
    assert "Minister 2" in message.body and "Minister 0" not in message.body
