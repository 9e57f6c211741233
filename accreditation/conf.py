"""Accreditation settings, read with their defaults (override any of them in Django settings)."""

from datetime import timedelta

from django.conf import settings

from core import emails


def confirmation_lifetime():
    """How long the link that confirms an applicant's address is valid."""
    return timedelta(hours=int(getattr(settings, "ACCREDITATION_CONFIRMATION_HOURS", 48)))


def validity():
    """How long an approved accreditation lasts."""
    return timedelta(days=int(getattr(settings, "ACCREDITATION_VALIDITY_DAYS", 365)))


def reminder_before():
    """How long before its end the journalist is reminded to apply again."""
    return timedelta(days=int(getattr(settings, "ACCREDITATION_REMINDER_DAYS", 30)))


def link_grace():
    """How long after go-live an embargo link still answers (it then redirects to the public
    page; a journalist opening an old email still lands on the text)."""
    return timedelta(days=int(getattr(settings, "EMBARGO_LINK_GRACE_DAYS", 3)))


def from_email():
    return emails.from_email("ACCREDITATION_FROM_EMAIL")


def rate_limit_per_ip():
    """(requests, seconds): applications accepted from one client network."""
    return getattr(settings, "ACCREDITATION_RATE_LIMIT_PER_IP", (5, 3600))


def rate_limit_per_address():
    """(requests, seconds): confirmation emails sent to one address."""
    return getattr(settings, "ACCREDITATION_RATE_LIMIT_PER_ADDRESS", (3, 24 * 3600))
