"""Validation settings, read with their defaults (override any of them in Django settings)."""

from django.conf import settings

from core import emails


def link_hours():
    """How long a validation link stays valid; also the validation deadline."""
    return int(getattr(settings, "VALIDATION_LINK_HOURS", 72))


def from_email():
    return emails.from_email("VALIDATION_FROM_EMAIL")


def resend_delay_seconds():
    """After a change to the text in validation, how long it must stay the same before new
    links go out (the editor saves while the communicator types)."""
    return int(getattr(settings, "VALIDATION_RESEND_DELAY_SECONDS", 180))
