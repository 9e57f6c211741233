"""The rate limit per client, and the RateLimit headers that tell clients where they stand.

DRF's throttle counts the requests of each client address (core.client_ip: the address the
trusted proxies saw) in the Django cache (Redis in production; when the cache is down nothing
is counted and no one is refused) and answers 429 with `Retry-After`. The standard
`RateLimit-*` headers (draft-ietf-httpapi-ratelimit-headers) are not in DRF: the view adds
them to every response from the state the throttle leaves on the request."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from core.client_ip import client_ip

_STATE = "_api_rate_limit"


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at each request (not at import, as DRF does): deployments and tests set it.
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if getattr(self, "key", None) is not None:
            setattr(request, _STATE, self)
        return allowed

    def headers(self):
        remaining = max(0, self.num_requests - len(self.history))
        if self.history:
            reset = self.duration - (self.now - self.history[-1])
        else:
            reset = self.duration
        return {
            "RateLimit-Limit": str(self.num_requests),
            "RateLimit-Remaining": str(remaining),
            "RateLimit-Reset": str(max(0, int(reset + 0.999))),
            "RateLimit-Policy": f"{self.num_requests};w={self.duration}",
        }


def rate_limit_headers(request):
    """The RateLimit headers of the request's throttle, {} when it did not count it."""
    throttle = getattr(request, _STATE, None)
    return throttle.headers() if throttle is not None else {}
