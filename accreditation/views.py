"""Public pages: the application for accreditation and its confirmation (the POST confirms;
GET never changes anything, mail scanners follow links), and the embargo reading link.

The reading link is a reading link, not an action: a GET shows the text. Mail security
scanners open links too, so each opening is recorded with the class of its client (browser,
scanner or robot, unknown), and the page's image beacon marks the opening as displayed (a
scanner that fetches only the HTML does not load it): the communicator sees who read it and
who merely fetched it, and a leak still leads to the account whose link was used. HEAD
requests and browser prefetches show no one the text and are not recorded."""

import base64

from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.outbox import enqueue_on_commit
from core.rate_limit import client_network, within_limit

from . import conf, emails, embargo
from .embargo import LinkProblem
from .forms import ApplicationForm
from .models import Accreditation
from .tasks import renewed_from, send_confirmation

PROBLEM_STATUS = {LinkProblem.INVALID: 404}


def _rate_limited(request, email):
    """An error message when this client or this address applied too often, else None."""
    if not within_limit("accreditation:rl:ip", client_network(request), conf.rate_limit_per_ip()):
        return _("Too many applications from your network. Please try again later.")
    if not within_limit("accreditation:rl:to", email, conf.rate_limit_per_address()):
        return _("Too many applications for this address. Please try again tomorrow.")
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        error = None
        if form.is_valid() and not form.is_bot:
            error = _rate_limited(request, form.cleaned_data["email"])
            if error:
                form.add_error(None, error)
        if form.is_valid():
            if not form.is_bot:
                data = form.cleaned_data
                with transaction.atomic():
                    accreditation = Accreditation.objects.create(
                        name=data["name"],
                        medium=data["medium"],
                        email=data["email"],
                        press_card_number=data["press_card_number"],
                        language=data["language"],
                    )
                    accreditation.publishers.set(data["publishers"])
                    enqueue_on_commit(send_confirmation, accreditation.pk)
            return redirect("accreditation:apply_sent")
        status = 429 if error else 400
    else:
        previous = renewed_from(request.GET.get("renew"))
        initial = ApplicationForm.initial_from(previous) if previous else None
        form = ApplicationForm(initial=initial)
        status = 200
    return render(request, "accreditation/apply.html", {"form": form}, status=status)


@never_cache
def apply_sent(request):
    return render(request, "accreditation/apply_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    accreditation = Accreditation.awaiting_confirmation(token)
    if accreditation is None:
        return _private(
            render(request, "accreditation/problem.html", {"problem": "invalid"}, status=404)
        )
    if request.method == "GET":
        return _private(
            render(request, "accreditation/confirm.html", {"accreditation": accreditation})
        )
    accreditation.status = Accreditation.Status.PENDING
    accreditation.confirmed_at = timezone.now()
    accreditation.confirmation_hash = None
    accreditation.save(update_fields=["status", "confirmed_at", "confirmation_hash"])
    return _private(render(request, "accreditation/confirmed.html"))


def _private(response):
    """Pages behind a personal token: not indexed, never stored by any cache (not even the
    browser's), never framed, and their URL never sent as referrer."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Frame-Options"] = "DENY"
    return response


def _is_prefetch(request):
    purpose = request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or ""
    return "prefetch" in purpose.lower()


@require_http_methods(["GET", "HEAD"])
def read(request, token):
    link = embargo.find_link(token)
    problem = LinkProblem.INVALID if link is None else embargo.link_problem(link)
    if problem:
        context = {"problem": problem, "link": link}
        status = PROBLEM_STATUS.get(problem, 410)
        return _private(render(request, "accreditation/problem.html", context, status=status))
    page = link.share.page
    if page.live:
        # Out now: the public page, like any reader.
        return _private(HttpResponseRedirect(page.get_url(request=request)))
    release = link.share.revision.as_object()
    seen_url = None
    if request.method == "GET" and not _is_prefetch(request):
        access = embargo.record_access(link, request.headers.get("User-Agent"))
        seen_url = reverse("accreditation:seen", args=[token, access.pk])
    context = release.get_context(request)
    context.update(
        {
            "page_template": release.get_template(request),
            "embargo_label": emails.embargo_label(link.share.go_live_at),
            "embargo_link": link,
            "embargo_seen_url": seen_url,
        }
    )
    return _private(render(request, "accreditation/embargo_page.html", context))


# A transparent 1x1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_http_methods(["GET"])
def seen(request, token, access_id):
    """The page's image beacon: a browser that displays the page loads it, a scanner that only
    fetches the HTML does not, so the access log tells a reading from a mere fetch."""
    link = embargo.find_link(token)
    if link is None or access_id > 2**62:
        return _private(HttpResponse(status=404))
    embargo.mark_displayed(link, access_id)
    return _private(HttpResponse(PIXEL, content_type="image/gif"))
