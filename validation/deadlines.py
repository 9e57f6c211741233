"""What the beat job finds due (reminders, quiet texts whose links wait, deadlines) and what
a deadline does: count silence as approval, or hand the validation to the communicator."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState

from core.outbox import enqueue_on_commit

from .answers import approve_if_complete
from .history import log
from .models import (
    TASK_STATE_LOCK,
    MemberValidation,
    OnDeadline,
    SpokespersonValidationTask,
    SpokespersonValidationTaskState,
    ValidationLink,
)
from .notices import notify_deadline_escalation


def due_reminders(now=None):
    """Pending links of running tasks whose reminder delay has passed, not yet reminded."""
    now = now or timezone.now()
    links = (
        ValidationLink.objects.pending()
        .filter(
            reminded_at__isnull=True,
            expires_at__gt=now,
            task_state__status=TaskState.STATUS_IN_PROGRESS,
            member_validation__status=MemberValidation.Status.PENDING,
        )
        .select_related("task_state")
    )
    hours = dict(SpokespersonValidationTask.objects.values_list("pk", "reminder_after_hours"))
    return [
        link
        for link in links
        if link.created_at + timedelta(hours=hours.get(link.task_state.task_id, 24)) <= now
    ]


def due_sends(now=None):
    """Task states restarted on a changed text whose quiet period has passed (the beat job
    sends them if the delayed task has not)."""
    now = now or timezone.now()
    return list(
        SpokespersonValidationTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, send_after__lte=now
        ).values_list("pk", flat=True)
    )


def due_deadlines(now=None):
    now = now or timezone.now()
    return list(
        SpokespersonValidationTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            deadline_at__lte=now,
            deadline_handled_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def _reached(task_state, rows):
    """Ids of the member rows with a link delivered for this text to one of their
    spokespersons (links whose email did not go out are deleted, see
    sending._keep_delivered)."""
    not_for_this_text = [
        ValidationLink.Status.SUPERSEDED,
        ValidationLink.Status.WITHDRAWN,
        ValidationLink.Status.CANCELLED,
    ]
    return set(
        task_state.links.filter(member_validation__in=[row.pk for row in rows])
        .exclude(status__in=not_for_this_text)
        .values_list("member_validation_id", flat=True)
    )


@transaction.atomic
def handle_deadline(task_state_pk, now=None):
    """At the deadline: count silence as approval, or escalate to the communicator.
    Returns "approved", "escalated" or None (nothing to do any more)."""
    now = now or timezone.now()
    task_state = (
        SpokespersonValidationTaskState.objects.select_for_update(of=TASK_STATE_LOCK)
        .select_related("workflow_state", "task", "revision")
        .filter(pk=task_state_pk, status=TaskState.STATUS_IN_PROGRESS)
        .first()
    )
    if task_state is None or task_state.deadline_handled_at or task_state.deadline_at > now:
        return None
    task = task_state.task.specific
    page = task_state.revision.as_object()
    silent = list(
        task_state.members.filter(status=MemberValidation.Status.PENDING).select_related("member")
    )
    task_state.deadline_handled_at = now
    task_state.save(update_fields=["deadline_handled_at"])
    if task.on_deadline == OnDeadline.APPROVE:
        # Silence says something only from those who were asked: a member none of whose
        # spokespersons got a link for this text (refused addresses, no spokesperson, the
        # mail service down) is escalated instead.
        reached = _reached(task_state, silent)
        quiet = [row for row in silent if row.pk in reached]
        silent = [row for row in silent if row.pk not in reached]
        if quiet:
            MemberValidation.objects.filter(pk__in=[row.pk for row in quiet]).update(
                status=MemberValidation.Status.APPROVED,
                method=MemberValidation.Method.SILENCE,
                decided_at=now,
            )
            ValidationLink.objects.filter(
                member_validation__in=[row.pk for row in quiet],
                status=ValidationLink.Status.PENDING,
            ).update(status=ValidationLink.Status.CLOSED)
            log(
                page,
                "validation.silence_approval",
                revision=task_state.revision,
                data={"members": [row.member.name for row in quiet]},
            )
        if not silent:
            approve_if_complete(task_state)
            return "approved"
    names = [row.member.name for row in silent]
    log(page, "validation.escalated", revision=task_state.revision, data={"members": names})
    enqueue_on_commit(notify_deadline_escalation, task_state.pk)
    return "escalated"
