"""Counts the requests that reach Django for feeds, the API and downloads (classify.py),
after the response is sent: a GET answered 200 or 206, not from a bot, not a front cache's
background refresh (the reader was served from the cache, and counted from its log)."""

import functools

from .classify import hit_for_request
from .counting import count

COUNTED_STATUSES = {200, 206}
# Set by deploy/varnish/default.vcl on a background fetch (a refresh of a copy it kept serving).
BACKGROUND_FETCH_HEADER = "HTTP_X_BACKGROUND_FETCH"


class AudienceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code in COUNTED_STATUSES
            and BACKGROUND_FETCH_HEADER not in request.META
        ):
            hit = hit_for_request(request)
            if hit is not None:
                # Run when the server closes the response, after its body went out: the
                # reader never waits for the count. (_resource_closers: the list Django's
                # own close() walks, e.g. for FileResponse's file.)
                response._resource_closers.append(functools.partial(count, hit))
        return response
