"""The public side: the page-view beacon and the privacy statement."""

import logging
import threading
import time

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
# Which pages are live public releases, and in which language, as seen at most this many seconds
# ago by this process: the beacon of a read page then costs no query (a page unpublished is no
# longer counted within a minute; figures in bench/README.md).
LIVE_MEMO_SECONDS = 60
LIVE_MEMO_SIZE = 20000
_live_memo = {}
_live_memo_lock = threading.Lock()


def forget_live_pages():
    with _live_memo_lock:
        _live_memo.clear()


def live_release_language(page_id):
    """The language of the live, public, unexpired release `page_id` (a withdrawn release is
    still shown, with its notice), or None."""
    now = time.monotonic()
    found = _live_memo.get(page_id)
    if found is not None and found[0] > now:
        return found[1]
    language = (
        public_pages(PressReleasePage)
        .filter(pk=page_id)
        .values_list("locale__language_code", flat=True)
        .first()
    )
    with _live_memo_lock:
        if len(_live_memo) >= LIVE_MEMO_SIZE:  # ids made up by a flood: start again
            _live_memo.clear()
        _live_memo[page_id] = (now + LIVE_MEMO_SECONDS, language)
    return language


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
    try:
        too_long = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY
    except ValueError:
        too_long = True
    if too_long:
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
    language = live_release_language(int(raw))
    if language is not None:
        count(Hit(Kind.PAGE_VIEW, "", int(raw), language))
    return _no_content()


@cache_publicly()
def privacy(request):
    return render(request, "audience/privacy.html", {})
