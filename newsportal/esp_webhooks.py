"""The one ESP tracking webhook the site mounts (bounces and complaints suspend subscribers).

`anymail.urls` mounts every ESP's webhooks: an unused one (with no signature key of its own)
would accept anyone's fake bounce. Only the configured ESP's tracking view is mounted, under
anymail's own path and URL name (`anymail:<esp>_tracking_webhook`).
"""

import re

from django.core.exceptions import ImproperlyConfigured

_ANYMAIL_BACKEND = re.compile(r"^anymail\.backends\.(\w+)\.EmailBackend$")
# anymail backends that deliver nothing: no ESP sends them events.
_NOT_AN_ESP = {"test", "console"}


def esp_of_backend(email_backend):
    """The ESP named by an anymail EMAIL_BACKEND (`anymail.backends.mailgun.EmailBackend` →
    "mailgun"), or "" for any other backend."""
    match = _ANYMAIL_BACKEND.match(email_backend or "")
    if match is None or match.group(1) in _NOT_AN_ESP:
        return ""
    return match.group(1)


def tracking_webhook_pattern(esp):
    """anymail's URL pattern of `esp`'s tracking webhook, or None when anymail has none."""
    from anymail.urls import urlpatterns

    for pattern in urlpatterns:
        if pattern.name == f"{esp}_tracking_webhook":
            return pattern
    return None


def tracking_webhook_urlpatterns(esp):
    """The URL patterns to include under `anymail/`: `esp`'s tracking webhook, or nothing."""
    if not esp:
        return []
    pattern = tracking_webhook_pattern(esp)
    if pattern is None:
        raise ImproperlyConfigured(
            f"EMAIL_WEBHOOK_ESP={esp!r}: django-anymail has no tracking webhook for it."
        )
    return [pattern]
