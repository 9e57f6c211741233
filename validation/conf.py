"""Validation settings, read with their defaults (override any of them in Django settings)."""

from django.conf import settings


def link_hours():
    """How long a validation link stays valid; also the validation deadline."""
    return int(getattr(settings, "VALIDATION_LINK_HOURS", 72))


def base_url():
    """Absolute root of the site, for links in emails."""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def from_email():
    return getattr(settings, "VALIDATION_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL)


def resend_delay_seconds():
    """After a change to the text in validation, how long it must stay the same before new
    links go out (the editor saves while the communicator types)."""
    return int(getattr(settings, "VALIDATION_RESEND_DELAY_SECONDS", 180))
