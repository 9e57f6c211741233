"""Admin: Reports → Undelivered work. The tasks given up on (their error, when) and those still
waiting for the broker, for administrators, with a retry for what was given up."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .outbox import GRACE, OutboxEntry, retry_entry

LISTED = 200


def may_see(user):
    return user.is_active and user.is_superuser


class UndeliveredWorkView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/undelivered_work.html"
    page_title = gettext_lazy("Undelivered work")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        waiting = OutboxEntry.objects.filter(
            state=OutboxEntry.State.PENDING, created_at__lt=timezone.now() - GRACE
        )
        return {
            **super().get_context_data(**kwargs),
            "failed": OutboxEntry.objects.filter(state=OutboxEntry.State.FAILED).order_by(
                "-finished_at", "-pk"
            )[:LISTED],
            "waiting": waiting.order_by("created_at", "pk")[:LISTED],
            "waiting_count": waiting.count(),
        }


@require_POST
def retry(request, pk):
    if not may_see(request.user):
        raise PermissionDenied
    entry = get_object_or_404(OutboxEntry, pk=pk)
    if entry.state != OutboxEntry.State.FAILED:
        messages.error(request, _("This task is no longer given up."))
    else:
        with transaction.atomic():
            retry_entry(entry)
        messages.success(request, _("The task is queued again."))
    return redirect("core_outbox:index")


def admin_urls():
    return [
        path("", UndeliveredWorkView.as_view(), name="index"),
        path("<int:pk>/retry/", retry, name="retry"),
    ]


class UndeliveredWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see(request.user)


def menu_item():
    return UndeliveredWorkMenuItem(
        gettext_lazy("Undelivered work"),
        reverse("core_outbox:index"),
        name="undelivered-work",
        icon_name="warning",
        order=900,
    )
