"""The address of the client that sent a request, as the deployment's proxies report it.

Behind a TLS terminator REMOTE_ADDR is the proxy (every reader would share one rate limit), and
the left-most X-Forwarded-For entry is whatever the client wrote. Each trusted proxy appends the
address it received the request from, so with TRUSTED_PROXY_COUNT proxies in front the client's
address is that many entries from the right: only the entries the proxies wrote are believed.
"""

from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR when TRUSTED_PROXY_COUNT is 0, else the
    TRUSTED_PROXY_COUNT-th X-Forwarded-For entry from the right. A request that carries fewer
    entries than there are proxies did not come through them all: its REMOTE_ADDR is used."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # Repeated headers arrive joined by commas (WSGI), as proxies write them.
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
