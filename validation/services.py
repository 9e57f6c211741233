"""The validation flow: who is asked, what a link may still do, and what an answer changes.

Lock order everywhere: the task state row first, then its links and member rows, so that two
answers arriving together (two spokespersons, a double click, the beat job) serialise."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log as wagtail_log
from wagtail.models import Page, Revision, TaskState

from core.outbox import enqueue_on_commit
from directory.models import PressContact, Publisher

from . import conf
from .models import (
    MemberValidation,
    OnDeadline,
    SpokespersonValidationTask,
    SpokespersonValidationTaskState,
    ValidationLink,
    hash_token,
    revision_fingerprint,
)

# The child table and Wagtail's TaskState row (multi-table inheritance): both are locked.
TASK_STATE_LOCK = ("self", "taskstate_ptr")

APPROVE = "approve"
REQUEST_CHANGES = "request_changes"
ACTIONS = (APPROVE, REQUEST_CHANGES)


def log(instance, action, revision=None, user=None, data=None):
    """A line in the object's Wagtail history. `instance`: the object, or a page's id."""
    if isinstance(instance, (int, str)):
        instance = Page.objects.get(pk=instance)
    if type(instance) is Page:
        instance = instance.specific_deferred
    return wagtail_log(
        instance=instance,
        action=action,
        user=user,
        revision=revision,
        data=data or {},
    )


def concerned_members(revision, obj=None):
    """Active government members named in this revision (not in the live page: the text
    validated is the one that will be published). `obj`: the revision's object if at hand."""
    obj = obj if obj is not None else revision.as_object()
    relation = getattr(obj, "concerned_members", None)
    if relation is None:
        return []
    ids = [member.pk for member in relation.all()]
    if not ids:
        return []
    return list(Publisher.objects.government_members().active().filter(pk__in=ids))


def mail_language(contact, page_language):
    """The contact's first language; the release's language when they list none we speak."""
    known = {code for code, _name in _languages()}
    for code in contact.language_list:
        if code in known:
            return code
    return page_language


def _languages():
    from django.conf import settings

    return settings.LANGUAGES


def new_token():
    return secrets.token_urlsafe(32)


def find_link(token):
    """The link a token opens, or None. Only well-formed tokens are looked up."""
    if not token or len(token) < 40 or len(token) > 64:
        return None
    return (
        ValidationLink.objects.select_related(
            "member_validation__member", "contact", "revision", "task_state"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )


# What a link can still do. Each problem has a page and an HTTP status in views.py.
INVALID = "invalid"
USED = "used"
EXPIRED = "expired"
SUPERSEDED = "superseded"
CANCELLED = "cancelled"
WITHDRAWN = "withdrawn"
COVERED = "covered"
REPLACED = "replaced"


def link_problem(link, task_state=None, now=None):
    """None when the link may still be answered, else why not."""
    now = now or timezone.now()
    task_state = task_state or link.task_state
    status = link.status
    if status in (ValidationLink.Status.APPROVED, ValidationLink.Status.CHANGES_REQUESTED):
        return USED
    if status == ValidationLink.Status.SUPERSEDED:
        return SUPERSEDED
    if status == ValidationLink.Status.REPLACED:
        return REPLACED
    if status == ValidationLink.Status.WITHDRAWN:
        return WITHDRAWN
    # Whatever else happened, a newer text makes this one superseded (e.g. changes were
    # requested by someone else, then the corrected text was submitted).
    latest = Page.objects.filter(pk=link.page_id).values_list("latest_revision_id", flat=True)
    if latest.first() != link.revision_id:
        return SUPERSEDED
    if status == ValidationLink.Status.CLOSED:
        if link.member_validation.status == MemberValidation.Status.APPROVED:
            return COVERED
        return CANCELLED
    if status == ValidationLink.Status.CANCELLED:
        return CANCELLED
    # A pending link.
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return CANCELLED
    if revision_fingerprint(link.revision) != task_state.content_fingerprint:
        return SUPERSEDED
    if link.expires_at <= now:
        return EXPIRED
    if not contact_may_validate(link.contact, link.member_validation.member_id, link.email):
        return WITHDRAWN
    if link.member_validation.status != MemberValidation.Status.PENDING:
        return COVERED
    return None


def contact_may_validate(contact, member_id, email):
    """Still an active spokesperson of the member, at the address the link was sent to (a
    corrected address means the link may have gone to someone else)."""
    return (
        contact is not None
        and contact.is_active
        and contact.role == PressContact.Role.SPOKESPERSON
        and contact.publisher_id == member_id
        and _same_address(contact.email, email)
    )


def _same_address(first, second):
    return (first or "").strip().lower() == (second or "").strip().lower()


@dataclass
class Outcome:
    ok: bool
    problem: str | None = None
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
        return Outcome(ok=False, problem=INVALID)
    if revision_id != link.revision_id and not _same_text(revision_id, link, task_state):
        # The form showed another text (or another release): never act on it.
        return Outcome(ok=False, problem=SUPERSEDED, link=link)
    problem = link_problem(link, task_state)
    if problem == USED:
        same = (action == APPROVE and link.status == ValidationLink.Status.APPROVED) or (
            action == REQUEST_CHANGES and link.status == ValidationLink.Status.CHANGES_REQUESTED
        )
        return Outcome(ok=same, problem=None if same else USED, link=link, repeated=same)
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
        _approve_if_complete(task_state)
    else:
        # Shown by Wagtail through `get_comment`, with who asked, in the reader's language.
        task_state.reject(user=None, comment=comment)
        from .tasks import notify_changes_requested

        enqueue_on_commit(notify_changes_requested, link.pk)
    return Outcome(ok=True, link=link)


def _approve_if_complete(task_state, user=None):
    if task_state.members.exclude(status=MemberValidation.Status.APPROVED).exists():
        return False
    # Continues the workflow: the next task, or publishing (scheduling if go_live_at is ahead).
    # Who approved how is the task state's `get_comment`.
    task_state.approve(user=user)
    return True


class ValidationError(Exception):
    """An editor's action that does not apply any more (shown as a message)."""


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
        raise ValidationError("not in progress")
    if row.status != MemberValidation.Status.PENDING:
        raise ValidationError("already decided")
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
    _approve_if_complete(task_state, user=user)
    return row


def supersede(task_state_id, revision_id):
    """A new revision was saved while the task waits: the old links die ("superseded") and
    the task restarts on the latest revision, whose links go out once the text has stopped
    changing. A text that names no government member any more stops the validation."""
    with transaction.atomic():
        task_state = (
            SpokespersonValidationTaskState.objects.select_for_update(of=TASK_STATE_LOCK)
            .select_related("workflow_state")
            .filter(pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS)
            .first()
        )
        if task_state is None:
            return False
        page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
        latest = page.get_latest_revision()
        if revision_fingerprint(latest) == task_state.content_fingerprint:
            if latest.pk != task_state.revision_id:
                # Saved again without changing the text: the links follow the new revision
                # (Wagtail approves the task on the latest revision only).
                SpokespersonValidationTaskState.objects.filter(pk=task_state.pk).update(
                    revision=latest
                )
                task_state.links.pending().update(revision=latest)
            return False
        members = concerned_members(latest)
        if _still_quiet(task_state, members):
            # Changed again before its links went out: they will carry this text, later.
            _send_later(
                task_state.pk, revision=latest, content_fingerprint=revision_fingerprint(latest)
            )
            return False
        task_state.links.pending().update(status=ValidationLink.Status.SUPERSEDED)
        log(
            page,
            "validation.superseded",
            revision=latest,
            data={"previous_revision_id": task_state.revision_id, "revision_id": latest.pk},
        )
        workflow_state = task_state.workflow_state
        if not members:
            # Restarting would skip the task and let the workflow publish a text that may
            # still be half-edited (an autosave): the validation stops instead, and the
            # communicator submits or publishes the text when it is ready.
            log(page, "validation.stopped", revision=latest)
            workflow_state.cancel(user=None)
            return True
        # resume=True starts the same task again, on the latest revision; its links go out
        # when the text has stopped changing (the task queued by `start` then sends nothing).
        task_state.cancel(user=None, resume=True)
        _send_later(workflow_state.current_task_state_id)
        return True


def _still_quiet(task_state, members):
    """Restarted on a changed text, no link sent yet, and the same members concerned."""
    return (
        task_state.send_after is not None
        and not task_state.links.exists()
        and {member.pk for member in members}
        == set(task_state.members.values_list("member_id", flat=True))
    )


def _send_later(task_state_pk, **fields):
    """The links go out when the text has not changed for a while (the editor saves on its
    own while the communicator types); the beat job sends them if this task is lost."""
    from .tasks import send_validation_requests

    delay = conf.resend_delay_seconds()
    SpokespersonValidationTaskState.objects.filter(pk=task_state_pk).update(
        send_after=timezone.now() + timedelta(seconds=delay), **fields
    )
    enqueue_on_commit(send_validation_requests, task_state_pk, countdown=delay)


def link_url(token, language):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        path = reverse("validation:respond", kwargs={"token": token})
    return conf.base_url() + path


@dataclass
class NewLink:
    link: ValidationLink
    token: str
    # The pending link this one replaces (reminder, resend): it lives again if the email
    # with the new one does not go out.
    replaces: int | None = None


def issue_links(task_state, kind, replace=(), member_ids=None):
    """Create links (and their tokens) for the spokespersons of pending members who have no
    pending link yet; `replace` links are replaced by fresh ones (reminder, resend).
    `member_ids` limits it to some members. Returns NewLink objects; the caller sends them in
    the same transaction."""
    now = timezone.now()
    page = Page.objects.select_related("locale").get(pk=task_state.workflow_state.object_id)
    page_language = page.locale.language_code
    rows = task_state.members.filter(status=MemberValidation.Status.PENDING)
    if member_ids is not None:
        rows = rows.filter(member_id__in=member_ids)
    rows = list(rows.select_related("member").prefetch_related(_spokespersons_prefetch()))
    replace_ids = [link.pk for link in replace]
    if replace_ids:
        ValidationLink.objects.filter(pk__in=replace_ids, status="pending").update(
            status=ValidationLink.Status.REPLACED
        )
    existing = set(task_state.links.pending().values_list("member_validation_id", "contact_id"))
    replaced = {link.contact_id: link for link in replace}
    new = []
    for row in rows:
        for contact in row.member.active_spokespersons:
            if (row.pk, contact.pk) in existing:
                continue
            if kind == "reminder" and contact.pk not in replaced:
                # A reminder goes to those who were asked and did not answer.
                continue
            token = new_token()
            if kind == "reminder":
                expires_at = replaced[contact.pk].expires_at
            elif kind == "resend":
                expires_at = max(task_state.deadline_at, now + timedelta(hours=conf.link_hours()))
            else:
                expires_at = task_state.deadline_at
            link = ValidationLink(
                task_state=task_state,
                member_validation=row,
                contact=contact,
                page_id=page.pk,
                revision_id=task_state.revision_id,
                name=contact.name,
                email=contact.email,
                language=mail_language(contact, page_language),
                token_hash=hash_token(token),
                created_at=now,
                expires_at=expires_at,
                reminded_at=now if kind == "reminder" else None,
            )
            previous = replaced.get(contact.pk)
            new.append(NewLink(link=link, token=token, replaces=previous and previous.pk))
    ValidationLink.objects.bulk_create([item.link for item in new])
    return new


def _spokespersons_prefetch():
    from django.db.models import Prefetch

    return Prefetch(
        "member__contacts",
        queryset=PressContact.objects.filter(
            is_active=True, role=PressContact.Role.SPOKESPERSON
        ).order_by("sort_order", "pk"),
        to_attr="active_spokespersons",
    )


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
    spokespersons (links whose email did not go out are deleted, see tasks._keep_delivered)."""
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
            _approve_if_complete(task_state)
            return "approved"
    names = [row.member.name for row in silent]
    log(page, "validation.escalated", revision=task_state.revision, data={"members": names})
    from .tasks import notify_deadline_escalation

    enqueue_on_commit(notify_deadline_escalation, task_state.pk)
    return "escalated"
