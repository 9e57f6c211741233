"""What an answer changes: a spokesperson's, from their link, or an approval given by phone
that an editor records.

Lock order everywhere: the task state row first, then its links and member rows, so that two
answers arriving together (two spokespersons, a double click, the beat job) serialise."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState

from core.outbox import enqueue_on_commit

from .history import log
from .links import LinkProblem, link_problem
from .models import (
    TASK_STATE_LOCK,
    MemberValidation,
    SpokespersonValidationTaskState,
    ValidationLink,
    revision_fingerprint,
)
from .notices import notify_changes_requested

APPROVE = "approve"
REQUEST_CHANGES = "request_changes"
ACTIONS = (APPROVE, REQUEST_CHANGES)


@dataclass
class Outcome:
    ok: bool
    problem: LinkProblem | None = None
    link: ValidationLink | None = None
    repeated: bool = False


def _lock(link_pk):
    """Lock the task state, then the link; return both freshly read (None, None when the
    release was deleted meanwhile)."""
    task_state_id = (
        ValidationLink.objects.filter(pk=link_pk).values_list("task_state_id", flat=True).first()
    )
    task_state = (
        SpokespersonValidationTaskState.objects.select_for_update(of=TASK_STATE_LOCK)
        .select_related("workflow_state", "task")
        .filter(pk=task_state_id)
        .first()
    )
    link = (
        ValidationLink.objects.select_for_update(of=("self",))
        .select_related("member_validation__member", "contact", "revision")
        .filter(pk=link_pk)
        .first()
    )
    if task_state is None or link is None:
        return None, None
    return task_state, link


def _identity(link):
    return {
        "member": link.member_validation.member.name,
        "member_id": link.member_validation.member_id,
        "spokesperson": link.name,
        "email": link.email,
        "link_id": link.pk,
        "revision_id": link.revision_id,
    }


def _same_text(revision_id, link, task_state):
    """The form showed an earlier revision of this release with the very same text (a draft
    saved again without changes moves the links to the new revision)."""
    shown = Revision.objects.filter(
        pk=revision_id,
        base_content_type_id=link.revision.base_content_type_id,
        object_id=str(link.page_id),
    ).first()
    return shown is not None and revision_fingerprint(shown) == task_state.content_fingerprint


@transaction.atomic
def respond(link_pk, action, revision_id, comment=""):
    """A spokesperson's answer, from the link page. Idempotent for a repeated answer."""
    if action not in ACTIONS:
        raise ValueError(action)
    task_state, link = _lock(link_pk)
    if link is None:
        return Outcome(ok=False, problem=LinkProblem.INVALID)
    if revision_id != link.revision_id and not _same_text(revision_id, link, task_state):
        # The form showed another text (or another release): never act on it.
        return Outcome(ok=False, problem=LinkProblem.SUPERSEDED, link=link)
    problem = link_problem(link, task_state)
    if problem == LinkProblem.USED:
        same = (action == APPROVE and link.status == ValidationLink.Status.APPROVED) or (
            action == REQUEST_CHANGES and link.status == ValidationLink.Status.CHANGES_REQUESTED
        )
        return Outcome(
            ok=same, problem=None if same else LinkProblem.USED, link=link, repeated=same
        )
    if problem:
        return Outcome(ok=False, problem=problem, link=link)

    now = timezone.now()
    member_validation = link.member_validation
    page = Page.objects.get(pk=link.page_id).specific
    link.used_at = now
    link.comment = comment
    member_validation.decided_at = now
    member_validation.method = MemberValidation.Method.LINK
    member_validation.decided_by_contact = link.contact
    member_validation.decided_by_name = link.name
    member_validation.decided_by_email = link.email
    member_validation.comment = comment
    data = _identity(link)
    if action == APPROVE:
        link.status = ValidationLink.Status.APPROVED
        member_validation.status = MemberValidation.Status.APPROVED
    else:
        link.status = ValidationLink.Status.CHANGES_REQUESTED
        member_validation.status = MemberValidation.Status.CHANGES_REQUESTED
        data["comment"] = comment
    link.save(update_fields=["status", "used_at", "comment"])
    member_validation.save()
    # The member is covered (or the task is over): their other spokespersons' links close.
    member_validation.links.pending().exclude(pk=link.pk).update(
        status=ValidationLink.Status.CLOSED
    )
    log(
        page,
        "validation.approve" if action == APPROVE else "validation.request_changes",
        revision=link.revision,
        data=data,
    )
    if action == APPROVE:
        approve_if_complete(task_state)
    else:
        # Shown by Wagtail through `get_comment`, with who asked, in the reader's language.
        task_state.reject(user=None, comment=comment)
        enqueue_on_commit(notify_changes_requested, link.pk)
    return Outcome(ok=True, link=link)


def approve_if_complete(task_state, user=None):
    if task_state.members.exclude(status=MemberValidation.Status.APPROVED).exists():
        return False
    # Continues the workflow: the next task, or publishing (scheduling if go_live_at is ahead).
    # Who approved how is the task state's `get_comment`.
    task_state.approve(user=user)
    return True


class ActionNoLongerApplies(Exception):
    """An editor's action on a validation that moved on meanwhile (shown as a message)."""


@transaction.atomic
def record_phone_approval(member_validation_pk, user, reason):
    """An editor records an approval given by phone; logged with the editor's identity."""
    task_state_id = (
        MemberValidation.objects.filter(pk=member_validation_pk)
        .values_list("task_state_id", flat=True)
        .get()
    )
    task_state = (
        SpokespersonValidationTaskState.objects.select_for_update(of=TASK_STATE_LOCK)
        .select_related("workflow_state", "task", "revision")
        .get(pk=task_state_id)
    )
    row = (
        MemberValidation.objects.select_for_update(of=("self",))
        .select_related("member")
        .get(pk=member_validation_pk)
    )
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise ActionNoLongerApplies("not in progress")
    if row.status != MemberValidation.Status.PENDING:
        raise ActionNoLongerApplies("already decided")
    row.status = MemberValidation.Status.APPROVED
    row.method = MemberValidation.Method.PHONE
    row.decided_at = timezone.now()
    row.recorded_by = user
    row.comment = reason
    row.save()
    row.links.pending().update(status=ValidationLink.Status.CLOSED)
    page = task_state.revision.as_object()
    log(
        page,
        "validation.phone_approval",
        revision=task_state.revision,
        user=user,
        data={"member": row.member.name, "member_id": row.member_id, "reason": reason},
    )
    approve_if_complete(task_state, user=user)
    return row
