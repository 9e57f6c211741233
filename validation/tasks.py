"""Celery tasks of the validation: sending links, telling the communicator, the beat job.

Each link email is sent in the transaction that creates the link (only the token's hash is
stored, so the token exists only while its email is built): if sending fails the links roll
back and the retried task makes new ones. A task state that is no longer running sends
nothing, so a late or repeated message is harmless."""

import logging
from collections import defaultdict

from celery import shared_task
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from wagtail.models import TaskState

from core.task_retry import RetryingTask

from . import conf, emails, services
from .models import (
    MemberValidation,
    SpokespersonValidationTaskState,
    ValidationLink,
    ValidationNotice,
)
from .services import TASK_STATE_LOCK

logger = logging.getLogger(__name__)


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
        new_links = services.issue_links(task_state, "request")
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
    from django.contrib.auth import get_user_model

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
        new_links = services.issue_links(
            task_state, "resend", replace=old, member_ids=[row.member_id]
        )
        delivery = emails.send_links(task_state, new_links, "resend")
        user = get_user_model().objects.filter(pk=user_pk).first() if user_pk else None
        _keep_delivered(task_state, delivery, user=user)
        services.log(
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
            services.log(
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
        new_links = services.issue_links(task_state, "reminder", replace=old, member_ids=member_ids)
        delivery = emails.send_links(task_state, new_links, "reminder")
        _keep_delivered(task_state, delivery, "validation.reminder", refused_reminded=True)
    # The beat job logs it; the links not reminded are tried again at its next run.
    delivery.raise_error()
    return len(delivery.sent)


@shared_task(name="validation.tasks.process_due_validations", expires=290)
def process_due_validations():
    """Beat, every five minutes: reminders to those who have not answered, then deadlines."""
    now = timezone.now()
    by_task_state = defaultdict(list)
    for link in services.due_reminders(now):
        by_task_state[link.task_state_id].append(link.pk)
    reminded = 0
    outcomes = defaultdict(int)
    # Each validation on its own: one that fails (the mail relay, a broken row) is logged
    # and tried again at the next run, and does not hold up the others.
    for task_state_pk, link_pks in by_task_state.items():
        try:
            reminded += send_reminders(task_state_pk, link_pks)
        except Exception:
            # These links are still not reminded: the next run tries again.
            logger.exception("validation reminders failed for task state %s", task_state_pk)
            outcomes["failed"] += 1
    for task_state_pk in services.due_sends(now):
        try:
            outcomes["sent"] += send_validation_requests(task_state_pk)
        except Exception:
            logger.exception("validation links failed for task state %s", task_state_pk)
            outcomes["failed"] += 1
    for task_state_pk in services.due_deadlines(now):
        try:
            outcome = services.handle_deadline(task_state_pk, now)
        except Exception:
            # Rolled back, deadline not marked as handled: the next run tries again.
            logger.exception("validation deadline failed for task state %s", task_state_pk)
            outcomes["failed"] += 1
            continue
        if outcome:
            outcomes[outcome] += 1
    return {"reminded": reminded, **outcomes}


def _edit_url(page_pk):
    return conf.base_url() + reverse("wagtailadmin_pages:edit", args=[page_pk])


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
    from wagtail.models import Page

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
        "report_url": conf.base_url() + reverse("validation_admin:index"),
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
