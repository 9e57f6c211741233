"""Admin views of releases: withdrawing a release, with its reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_valid_next_url_from_request

from .models import PressReleasePage
from .withdrawal import WithdrawForm, withdraw


def withdraw_view(request, page_pk):
    page = get_object_or_404(PressReleasePage, pk=page_pk)
    if not page.permissions_for_user(request.user).can_withdraw():
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_explore", args=[page.get_parent().pk]
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if withdraw(page, form.cleaned_data["reason"], user=request.user):
            messages.success(request, _("“%(title)s” was withdrawn.") % {"title": page.title})
        else:
            messages.warning(request, _("“%(title)s” is not live.") % {"title": page.title})
        return redirect(next_url)
    context = {"page": page, "form": form, "next_url": next_url}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "releases/admin/withdraw.html", context, status=status)
