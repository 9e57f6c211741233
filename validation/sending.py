"""Celery tasks that send validation links: the first request, a resend, reminders.

Each link email is sent in the transaction that creates the link (only the token's hash is
stored, so the token exists only while its email is built): if sending fails the links roll
back and the retried task makes new ones. A task state that is no longer running sends
nothing, so a late or repeated message is harmless."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import TaskState

from core.task_retry import RetryingTask

from . import emails
from .history import log
from .links import issue_links
from .models import (
    TASK_STATE_LOCK,
    MemberValidation,
    SpokespersonValidationTaskState,
    ValidationLink,
)


def _running(task_state_pk):
    return (
        SpokespersonValidationTaskState.objects.select_for_update(of=TASK_STATE_LOCK)
        .select_related("workflow_state", "revision", "task")
        .filter(pk=task_state_pk, status=TaskState.STATUS_IN_PROGRESS)
        .first()
    )


@shared_task(name="validation.tasks.send_validation_requests", base=RetryingTask)
def send_validation_requests(task_state_pk):
    """One email per active spokesperson of every pending member who has no link yet."""
    with transaction.atomic():
        task_state = _running(task_state_pk)
        if task_state is None:
            return 0
        if task_state.send_after is not None and task_state.send_after > timezone.now():
            # The text changed moments ago and may change again: not yet.
            return 0
        new_links = issue_links(task_state, "request")
        delivery = emails.send_links(task_state, new_links, "request")
        _keep_delivered(task_state, delivery, "validation.links_sent")
        if task_state.send_after is not None and delivery.error is None:
            # Done: the beat job need not come back (it does while some are unsent).
            SpokespersonValidationTaskState.objects.filter(pk=task_state.pk).update(send_after=None)
    # After the commit: the links that went out stay; a retry sends the others.
    delivery.raise_error()
    return len(delivery.sent)


@shared_task(name="validation.tasks.resend_member_links", base=RetryingTask)
def resend_member_links(member_validation_pk, user_pk=None, requested_at=None):
    """A fresh link for every active spokesperson of one member (the old ones die). Only
    links made before `requested_at` (ISO 8601) are replaced: run twice (the outbox handed it
    over again), the second run finds the fresh links and sends nothing."""
    with transaction.atomic():
        task_state_pk = (
            MemberValidation.objects.filter(pk=member_validation_pk)
            .values_list("task_state_id", flat=True)
            .first()
        )
        task_state = _running(task_state_pk)
        if task_state is None:
            return 0
        row = task_state.members.filter(pk=member_validation_pk).first()
        if row is None or row.status != MemberValidation.Status.PENDING:
            return 0
        old = list(row.links.pending())
        requested = parse_datetime(requested_at) if requested_at else None
        if requested and old and all(link.created_at >= requested for link in old):
            return 0
        new_links = issue_links(task_state, "resend", replace=old, member_ids=[row.member_id])
        delivery = emails.send_links(task_state, new_links, "resend")
        user = get_user_model().objects.filter(pk=user_pk).first() if user_pk else None
        _keep_delivered(task_state, delivery, user=user)
        log(
            task_state.revision.object_id,
            "validation.link_resent",
            revision=task_state.revision,
            user=user,
            data={
                "member": row.member.name,
                "recipients": [_recipient(item.link) for item in delivery.sent],
            },
        )
    delivery.raise_error()
    return len(delivery.sent)


def _recipient(link):
    return {"name": link.name, "email": link.email, "member": link.member_validation.member.name}


def _keep_delivered(task_state, delivery, action=None, user=None, refused_reminded=False):
    """Links whose email did not go out are removed, and the links they were to replace
    work again; the history says who was sent a link (`action`) and who was refused."""
    dropped = delivery.refused + delivery.unsent
    if dropped:
        ValidationLink.objects.filter(
            token_hash__in=[item.link.token_hash for item in dropped]
        ).delete()
        for items, reminded_at in (
            (delivery.unsent, None),
            # A refused reminder is not tried again every five minutes.
            (delivery.refused, timezone.now() if refused_reminded else None),
        ):
            previous = [item.replaces for item in items if item.replaces]
            if previous:
                ValidationLink.objects.filter(
                    pk__in=previous, status=ValidationLink.Status.REPLACED
                ).update(status=ValidationLink.Status.PENDING, reminded_at=reminded_at)
    for items, log_action in (
        (delivery.sent, action),
        (delivery.refused, "validation.links_refused"),
    ):
        if items and log_action:
            log(
                task_state.revision.object_id,
                log_action,
                revision=task_state.revision,
                user=user,
                data={"recipients": [_recipient(item.link) for item in items]},
            )


def send_reminders(task_state_pk, link_pks):
    with transaction.atomic():
        task_state = _running(task_state_pk)
        if task_state is None:
            return 0
        old = list(
            ValidationLink.objects.pending()
            .select_for_update()
            .filter(pk__in=link_pks, reminded_at__isnull=True)
        )
        if not old:
            return 0
        member_ids = list(
            MemberValidation.objects.filter(
                pk__in={link.member_validation_id for link in old}
            ).values_list("member_id", flat=True)
        )
        new_links = issue_links(task_state, "reminder", replace=old, member_ids=member_ids)
        delivery = emails.send_links(task_state, new_links, "reminder")
        _keep_delivered(task_state, delivery, "validation.reminder", refused_reminded=True)
    # The beat job logs it; the links not reminded are tried again at its next run.
    delivery.raise_error()
    return len(delivery.sent)
