"""Rate limits of the public forms (subscribe, accreditation), counted in the cache per client
network and per target address.

Two cache calls rather than django-ratelimit, whose per-IP key is REMOTE_ADDR (a proxy here)
and which refuses every request when the cache fails. With the cache down (or a cache that
swallows its errors and answers None), the request is let through and logged: a lost limit for
a while rather than a form that no one can use."""

import hashlib
import ipaddress
import logging

from django.core.cache import cache

from .client_ip import client_ip

logger = logging.getLogger(__name__)


def within_limit(prefix, value, limit):
    """Count one hit on (`prefix`, `value`); False once more than `limit[0]` hits in `limit[1]`
    seconds. The value is hashed into the key (addresses are personal data)."""
    key = f"{prefix}:{hashlib.sha256(value.encode()).hexdigest()}"
    count_max, window = limit
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr (or the add was not stored)
            cache.set(key, 1, window)
            count = 1
    except Exception:
        logger.warning("%s: rate limit not applied: the cache failed.", prefix, exc_info=True)
        return True
    if count is None:
        logger.warning("%s: rate limit not applied: the cache answered nothing.", prefix)
        return True
    return count <= count_max


def client_network(request):
    """The rate-limited unit: the client's IPv4 address, or the /64 of its IPv6 one (a host
    picks any address of its /64 at will)."""
    ip = client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
