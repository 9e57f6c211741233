"""The public side: the page-view beacon and the privacy statement."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.front_cache import cache_publicly
from core.public import public_pages
from core.rate_limit import client_network, within_limit
from releases.models import PressReleasePage

from .bots import is_bot
from .classify import MAX_ID, Hit
from .counting import count
from .models import Kind

logger = logging.getLogger(__name__)

MAX_BODY = 200


def _no_content(status=204):
    return HttpResponse(status=status)


@csrf_exempt
@never_cache
def beacon(request):
    """A release page was shown: `navigator.sendBeacon` POSTs `page=<id>` (static/audience/
    beacon.js). Answers 204 when counted or not worth counting (a bot, a draft, an unknown
    page), 400 on a malformed body, 429 past the rate limit; never sets a cookie, never reads
    the session. The page's language is the page's own, not the client's word."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return _no_content(400)
    try:
        raw = request.POST.get("page", "")
    except Exception:  # a body that is no form (a multipart with a broken boundary)
        return _no_content(400)
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) < MAX_ID:
        return _no_content(400)
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return _no_content()
    if not within_limit("audience-beacon", client_network(request), settings.AUDIENCE_BEACON_RATE):
        return _no_content(429)
    # Live, public, not expired (a withdrawn release is still shown, with its notice).
    language = (
        public_pages(PressReleasePage)
        .filter(pk=int(raw))
        .values_list("locale__language_code", flat=True)
        .first()
    )
    if language is not None:
        count(Hit(Kind.PAGE_VIEW, "", int(raw), language))
    return _no_content()


@cache_publicly()
def privacy(request):
    return render(request, "audience/privacy.html", {})
