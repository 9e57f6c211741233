"""Celery tasks that tell the communicator who submitted a release what needs them: changes
requested by a spokesperson, a deadline passed without every member's answer. Each notice is
sent once (a ValidationNotice row under a unique constraint)."""

from celery import shared_task
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Page, TaskState

from core.emails import absolute
from core.task_retry import RetryingTask

from . import emails
from .models import (
    MemberValidation,
    SpokespersonValidationTaskState,
    ValidationLink,
    ValidationNotice,
)


def _edit_url(page_pk):
    return absolute(reverse("wagtailadmin_pages:edit", args=[page_pk]))


def _send_once(task_state_pk, kind, message):
    """Send `message` unless this notice was sent already. The sent row is written in the
    transaction that sends, under a unique constraint: a second delivery of the task waits
    for the first and then finds the row; a failed send rolls the row back for the retry."""
    if message is None:
        return 0
    with transaction.atomic():
        try:
            with transaction.atomic():
                ValidationNotice.objects.create(
                    task_state_id=task_state_pk, kind=kind, recipient=message.to[0]
                )
        except IntegrityError:
            return 0
        message.send()
    return 1


@shared_task(name="validation.tasks.notify_changes_requested", base=RetryingTask)
def notify_changes_requested(link_pk):
    """Tell the communicator who submitted the release what the spokesperson asked."""
    link = (
        ValidationLink.objects.select_related(
            "task_state__workflow_state__requested_by",
            "member_validation__member",
            "revision",
            "page__locale",
        )
        .filter(pk=link_pk, status=ValidationLink.Status.CHANGES_REQUESTED)
        .first()
    )
    if link is None or _notice_sent(link.task_state_id, ValidationNotice.Kind.CHANGES_REQUESTED):
        return 0
    user = link.task_state.workflow_state.requested_by
    context = {
        "title": link.revision.object_str,
        "member": link.member_validation.member,
        "spokesperson": link.name,
        "spokesperson_email": link.email,
        "comment": link.comment,
        "answered_at": link.used_at,
        "edit_url": _edit_url(link.page_id),
    }
    message = emails.communicator_message(
        user,
        "changes_requested",
        lambda: gettext("Changes requested: %(title)s") % {"title": link.revision.object_str},
        context,
        link.page.locale.language_code,
    )
    return _send_once(link.task_state_id, ValidationNotice.Kind.CHANGES_REQUESTED, message)


@shared_task(name="validation.tasks.notify_deadline_escalation", base=RetryingTask)
def notify_deadline_escalation(task_state_pk):
    """The deadline passed without every member's answer: the communicator takes over."""
    task_state = (
        SpokespersonValidationTaskState.objects.select_related(
            "workflow_state__requested_by", "revision"
        )
        .filter(pk=task_state_pk, status=TaskState.STATUS_IN_PROGRESS)
        .first()
    )
    if task_state is None or _notice_sent(task_state.pk, ValidationNotice.Kind.ESCALATION):
        return 0
    page = Page.objects.select_related("locale").get(pk=task_state.revision.object_id)
    pending = [
        row.member
        for row in task_state.members.filter(status=MemberValidation.Status.PENDING).select_related(
            "member"
        )
    ]
    if not pending:
        return 0
    context = {
        "title": task_state.revision.object_str,
        "members": pending,
        "deadline": task_state.deadline_at,
        "edit_url": _edit_url(page.pk),
        "report_url": absolute(reverse("validation_admin:index")),
    }
    message = emails.communicator_message(
        task_state.workflow_state.requested_by,
        "escalation",
        lambda: (
            gettext("Validation overdue: %(title)s") % {"title": task_state.revision.object_str}
        ),
        context,
        page.locale.language_code,
    )
    return _send_once(task_state.pk, ValidationNotice.Kind.ESCALATION, message)


def _notice_sent(task_state_pk, kind):
    """Spares building the message again; `_send_once` is what guarantees a single send."""
    return ValidationNotice.objects.filter(task_state_id=task_state_pk, kind=kind).exists()
