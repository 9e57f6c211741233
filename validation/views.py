"""The page a spokesperson opens from their email: no login, the token is the credential.

GET shows the text and never changes anything (mail scanners and link previews open every
link). Only a POST from the page's forms acts, behind a CSRF check that answers with our own
page, in the link's language, when it fails."""

from django.http import HttpResponseNotAllowed
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from . import answers, links
from .forms import ResponseForm
from .links import LinkProblem
from .spokespersons import concerned_members

PROBLEM_STATUS = {
    LinkProblem.INVALID: 404,
    LinkProblem.CSRF: 403,
    LinkProblem.USED: 410,
    LinkProblem.EXPIRED: 410,
    LinkProblem.SUPERSEDED: 410,
    LinkProblem.CANCELLED: 410,
    LinkProblem.WITHDRAWN: 410,
    LinkProblem.COVERED: 410,
    LinkProblem.REPLACED: 410,
}

_csrf_check = CsrfViewMiddleware(lambda request: None)


def _csrf_failed(request):
    """Django's own CSRF check, through the middleware's public `process_view`: it returns
    None when the POST carries a valid token, else its 403 response, which is not sent (the
    spokesperson gets our page, in the link's language). The failure is logged by Django
    (django.security.csrf) as on any other form."""
    return _csrf_check.process_view(request, None, (), {}) is not None


def _private(response):
    """These pages carry a personal token: not indexed, not cached, not framed, and the URL is never
    sent as referrer to another site. ("no-referrer" would also make browsers send
    `Origin: null` with the page's own form, which the CSRF check rightly refuses.)"""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    # The page acts on one click: never inside a frame, not even one of this site.
    response["X-Frame-Options"] = "DENY"
    response["Content-Security-Policy"] = "frame-ancestors 'none'"
    return response


def _problem(request, problem, link=None):
    context = {"problem": problem, "link": link}
    if link is not None:
        context["member"] = link.member_validation.member
        context["title"] = link.revision.object_str
    response = render(
        request, "validation/problem.html", context, status=PROBLEM_STATUS.get(problem, 410)
    )
    return _private(response)


def _release_context(link):
    release = link.revision.as_object()
    members = concerned_members(link.revision, release)
    return {
        "link": link,
        "release": release,
        "member": link.member_validation.member,
        "concerned": members,
        "publisher": getattr(release, "publisher", None),
        "go_live_at": release.go_live_at,
        "deadline": link.expires_at,
    }


def _form_page(request, link, form, status=200):
    context = _release_context(link) | {"form": form}
    return _private(render(request, "validation/respond.html", context, status=status))


@csrf_exempt  # checked below, so that a failure gets our own page
def respond(request, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return _private(HttpResponseNotAllowed(["GET", "POST"]))
    link = links.find_link(token)
    if link is None:
        return _problem(request, LinkProblem.INVALID)
    if request.method != "POST":
        problem = links.link_problem(link)
        if problem:
            return _problem(request, problem, link)
        return _form_page(request, link, ResponseForm(initial={"revision": link.revision_id}))

    if _csrf_failed(request):
        return _problem(request, LinkProblem.CSRF, link)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        problem = links.link_problem(link)
        if problem:
            return _problem(request, problem, link)
        return _form_page(request, link, form, status=400)
    outcome = answers.respond(
        link.pk,
        form.cleaned_data["action"],
        form.cleaned_data["revision"],
        form.cleaned_data["comment"].strip(),
    )
    if not outcome.ok:
        return _problem(request, outcome.problem, outcome.link)
    context = {
        "link": outcome.link,
        "member": outcome.link.member_validation.member,
        "title": outcome.link.revision.object_str,
        "repeated": outcome.repeated,
    }
    return _private(render(request, "validation/done.html", context))
