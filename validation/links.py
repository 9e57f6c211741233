"""Validation links: their tokens, what a link may still do, and issuing new ones.

Only a token's hash is stored (see `core.tokens`): a token exists while its email is
built, so the caller sends the links `issue_links` returns in the same transaction."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, TaskState

from core.emails import absolute
from core.tokens import hash_token, new_token

from . import conf
from .models import MemberValidation, ValidationLink, revision_fingerprint
from .spokespersons import active_spokespersons, contact_may_validate, mail_language


class LinkProblem(models.TextChoices):
    """Why a link cannot be answered any more. Each has a page and an HTTP status (views.py)."""

    INVALID = "invalid"
    USED = "used"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    COVERED = "covered"
    REPLACED = "replaced"
    # The answer's POST failed the CSRF check (the link itself may be fine).
    CSRF = "csrf"


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


def link_problem(link, task_state=None, now=None):
    """None when the link may still be answered, else why not (a LinkProblem)."""
    now = now or timezone.now()
    task_state = task_state or link.task_state
    status = link.status
    if status in (ValidationLink.Status.APPROVED, ValidationLink.Status.CHANGES_REQUESTED):
        return LinkProblem.USED
    if status == ValidationLink.Status.SUPERSEDED:
        return LinkProblem.SUPERSEDED
    if status == ValidationLink.Status.REPLACED:
        return LinkProblem.REPLACED
    if status == ValidationLink.Status.WITHDRAWN:
        return LinkProblem.WITHDRAWN
    # Whatever else happened, a newer text makes this one superseded (e.g. changes were
    # requested by someone else, then the corrected text was submitted).
    latest = Page.objects.filter(pk=link.page_id).values_list("latest_revision_id", flat=True)
    if latest.first() != link.revision_id:
        return LinkProblem.SUPERSEDED
    if status == ValidationLink.Status.CLOSED:
        if link.member_validation.status == MemberValidation.Status.APPROVED:
            return LinkProblem.COVERED
        return LinkProblem.CANCELLED
    if status == ValidationLink.Status.CANCELLED:
        return LinkProblem.CANCELLED
    # A pending link.
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return LinkProblem.CANCELLED
    if revision_fingerprint(link.revision) != task_state.content_fingerprint:
        return LinkProblem.SUPERSEDED
    if link.expires_at <= now:
        return LinkProblem.EXPIRED
    if not contact_may_validate(link.contact, link.member_validation.member_id, link.email):
        return LinkProblem.WITHDRAWN
    if link.member_validation.status != MemberValidation.Status.PENDING:
        return LinkProblem.COVERED
    return None


def link_url(token, language):
    with translation.override(language):
        path = reverse("validation:respond", kwargs={"token": token})
    return absolute(path)


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
    rows = list(rows.select_related("member").prefetch_related(active_spokespersons()))
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
