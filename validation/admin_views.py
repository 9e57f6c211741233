"""The validation report in the admin: every release in validation, each concerned member's
state, and two actions (resend a link, record an approval given by phone)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page, TaskState

from core.outbox import enqueue_on_commit

from . import answers, guard
from .forms import OverrideForm, PhoneApprovalForm
from .history import log
from .models import (
    MemberValidation,
    SpokespersonValidationTaskState,
    ValidatedText,
    ValidationLink,
    text_fingerprint,
)
from .sending import resend_member_links


def user_may_manage(user, page):
    """Whoever may edit the release may chase its validation."""
    return user.is_superuser or page.specific_deferred.permissions_for_user(user).can_edit()


def _task_states():
    return (
        SpokespersonValidationTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state__requested_by", "revision", "task")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=MemberValidation.objects.select_related("member", "recorded_by").order_by(
                    "member__sort_order", "member__name"
                ),
            ),
            Prefetch(
                "links",
                queryset=ValidationLink.objects.order_by("-created_at"),
            ),
        )
        .order_by("deadline_at")
    )


def index(request):
    task_states = _task_states()
    page_filter = request.GET.get("page", "")
    if page_filter.isdigit():
        task_states = task_states.filter(workflow_state__object_id=page_filter)
    task_states = list(task_states)
    # Specific pages in one query per page type: the permission check reads their publisher.
    pages = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[int(ts.workflow_state.object_id) for ts in task_states]
        ).specific()
    }
    rows = []
    for task_state in task_states:
        page = pages.get(int(task_state.workflow_state.object_id))
        if page is None or not user_may_manage(request.user, page):
            continue
        members = []
        for member_row in task_state.members.all():
            links = [
                link
                for link in task_state.links.all()
                if link.member_validation_id == member_row.pk
            ]
            members.append({"row": member_row, "links": links})
        rows.append({"task_state": task_state, "page": page, "members": members})
    return TemplateResponse(request, "validation/admin/index.html", {"rows": rows})


def _member_row(request, pk):
    row = get_object_or_404(
        MemberValidation.objects.select_related(
            "member", "task_state__workflow_state", "task_state__revision"
        ),
        pk=pk,
    )
    page = get_object_or_404(Page, pk=row.task_state.workflow_state.object_id)
    if not user_may_manage(request.user, page):
        raise PermissionDenied
    return row, page


@require_POST
def resend(request, pk):
    row, page = _member_row(request, pk)
    if (
        row.task_state.status != TaskState.STATUS_IN_PROGRESS
        or row.status != MemberValidation.Status.PENDING
    ):
        messages.error(request, _("This member's validation is no longer pending."))
        return redirect("validation_admin:index")
    # Only links older than now are replaced: a second run of the task sends nothing more.
    enqueue_on_commit(
        resend_member_links, row.pk, request.user.pk, requested_at=timezone.now().isoformat()
    )
    messages.success(
        request,
        _("A new link is being sent to the spokespersons of %(member)s.")
        % {"member": row.member.display_name},
    )
    return redirect("validation_admin:index")


def phone_approval(request, pk):
    row, page = _member_row(request, pk)
    form = PhoneApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answers.record_phone_approval(row.pk, request.user, form.cleaned_data["reason"])
        except answers.ActionNoLongerApplies:
            messages.error(request, _("This member's validation is no longer pending."))
        else:
            messages.success(
                request,
                _("The approval of %(member)s has been recorded.")
                % {"member": row.member.display_name},
            )
        return redirect("validation_admin:index")
    context = {"row": row, "page": page, "form": form}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "validation/admin/phone_approval.html", context, status=status)


def override(request, page_pk):
    """An administrator publishes the latest text of a page naming government members without
    their validation (an emergency), with a reason kept in the page history."""
    if not request.user.is_superuser:
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_pk).specific
    revision = page.get_latest_revision()
    text = revision.as_object() if revision is not None else page
    members = guard.missing_validation(text)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if not members:
        messages.info(request, _("This text needs no validation: publish it from the editor."))
        return redirect(edit_url)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            if revision is None:
                revision = page.save_revision(user=request.user)
            ValidatedText.objects.update_or_create(
                page_id=page.pk,
                fingerprint=text_fingerprint(revision.content),
                defaults={
                    "source": ValidatedText.Source.OVERRIDE,
                    "user": request.user,
                    "reason": reason,
                },
            )
            log(
                page,
                "validation.override",
                revision=revision,
                user=request.user,
                data={"members": [member.name for member in members], "reason": reason},
            )
            revision.publish(user=request.user)
        messages.success(
            request,
            _("“%(title)s” was published without validation.") % {"title": text.title},
        )
        return redirect(edit_url)
    context = {"page": text, "members": members, "form": form, "edit_url": edit_url}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "validation/admin/override.html", context, status=status)
