"""Admin views: an administrator's decision on an application, and a release's embargo share
(share, who was sent it, who opened it when and how often, revoke)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.outbox import enqueue_on_commit
from releases.models import PressReleasePage

from . import conf, embargo
from .forms import DecisionForm
from .models import Accreditation, EmbargoLink, EmbargoShare
from .tasks import send_decision, send_embargo_share


def may_decide(user):
    return user.is_superuser or user.has_perm("accreditation.change_accreditation")


def decide(request, pk):
    if not may_decide(request.user):
        raise PermissionDenied
    accreditation = get_object_or_404(Accreditation, pk=pk)
    form = DecisionForm(request.POST or None, accreditation=accreditation)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        with transaction.atomic():
            accreditation.status = form.cleaned_data["decision"]
            accreditation.reason = form.cleaned_data["reason"].strip()
            accreditation.decided_at = now
            accreditation.decided_by = request.user
            accreditation.decision_sent_at = None
            if accreditation.status == Accreditation.Status.APPROVED:
                accreditation.expires_at = now + conf.validity()
                accreditation.reminder_sent_at = None
            accreditation.save()
            enqueue_on_commit(send_decision, accreditation.pk)
        messages.success(
            request,
            _("%(name)s: %(status)s. The journalist is told by email.")
            % {"name": accreditation.name, "status": accreditation.get_status_display()},
        )
        return redirect("accreditation_accreditation:index")
    context = {"accreditation": accreditation, "form": form}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "accreditation/admin/decide.html", context, status=status)


def may_share(user, page):
    """Whoever may edit the release may share it under embargo and see who opened it."""
    return page.permissions_for_user(user).can_edit()


def _release(request, page_pk):
    page = get_object_or_404(Page, pk=page_pk).specific
    if not isinstance(page, PressReleasePage):
        raise PermissionDenied
    if not may_share(request.user, page):
        raise PermissionDenied
    return page


def _share_rows(share):
    """Each link of the share with how often and when it was opened (one query)."""
    return list(
        share.links.select_related("accreditation")
        .annotate(
            opened=Count("accesses"),
            displayed=Count("accesses", filter=Q(accesses__displayed_at__isnull=False)),
            first_opened=Min("accesses__accessed_at"),
            last_opened=Max("accesses__accessed_at"),
        )
        .order_by("accreditation__name", "pk")
    )


def share(request, page_pk):
    page = _release(request, page_pk)
    if request.method == "POST":
        return _share_action(request, page)
    current = embargo.open_share(page)
    revision = embargo.scheduled_revision(page)
    shares = list(
        EmbargoShare.objects.filter(page=page)
        .select_related("shared_by", "revision")
        .order_by("-shared_at")
    )
    context = {
        "page": page,
        "problem": embargo.share_problem(page),
        "revision": revision,
        "current": current,
        "recipient_count": (embargo.recipients(revision).count() if revision else 0),
        "shares": [{"share": item, "rows": _share_rows(item)} for item in shares],
    }
    return TemplateResponse(request, "accreditation/admin/share.html", context)


def _posted_id(request, name):
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else 0


def _share_action(request, page):
    action = request.POST.get("action")
    if action == "share":
        revision = embargo.scheduled_revision(page)
        if revision is None:
            messages.error(request, _("Only a scheduled release can be shared under embargo."))
            return redirect("accreditation_admin:share", page.pk)
        try:
            with transaction.atomic():
                item, _created = EmbargoShare.objects.get_or_create(
                    revision=revision,
                    revoked_at=None,
                    defaults={
                        "page": page,
                        "go_live_at": revision.approved_go_live_at,
                        "shared_by": request.user,
                    },
                )
                # Sharing again sends to the journalists accredited since.
                enqueue_on_commit(send_embargo_share, item.pk)
        except IntegrityError:
            pass  # shared at the same moment by someone else: their task sends it
        messages.success(request, _("The release is being sent to the accredited journalists."))
    elif action == "revoke_share":
        item = get_object_or_404(EmbargoShare, pk=_posted_id(request, "share"), page=page)
        embargo.revoke_share(item, request.user)
        messages.success(request, _("The share is revoked: its links no longer open the text."))
    elif action == "revoke_link":
        item = get_object_or_404(EmbargoLink, pk=_posted_id(request, "link"), share__page=page)
        embargo.revoke_link(item)
        messages.success(
            request,
            _("The link of %(name)s is revoked.") % {"name": item.accreditation.name},
        )
    return redirect("accreditation_admin:share", page.pk)
