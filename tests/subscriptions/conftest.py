"""Builders for the subscriptions tests: subscribers made directly (the flow tests go through
the public pages), email parsing with Python's `email` package, and running a round."""

import email
import email.policy
import itertools
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from subscriptions import catalogue
from subscriptions.models import Frequency, Subscriber

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_catalogue():
    """A worker keeps the catalogue of its last batch (see catalogue.digest_catalogue); a test
    database rolled back may reuse page ids, so each test starts without one."""
    catalogue.forget_last_catalogue()
    yield
    catalogue.forget_last_catalogue()


@pytest.fixture
def make_subscriber(db):
    def make(
        email_address=None,
        languages=("nl",),
        publishers=(),
        themes=(),
        everything=False,
        frequency=Frequency.DIGEST,
        email_language="nl",
        confirmed_at=None,
    ):
        now = timezone.now()
        subscriber = Subscriber.objects.create(
            email=email_address or f"journalist{next(_seq)}@example.org",
            content_languages=list(languages),
            everything=everything,
            frequency=frequency,
            email_language=email_language,
            confirmed_at=confirmed_at or now - timedelta(hours=1),
            consent_at=now,
            consent_text="I agree.",
            consent_language=email_language,
        )
        subscriber.publishers.set(publishers)
        subscriber.themes.set(themes)
        return subscriber

    return make


def parse(message):
    """The email as a mail client sees it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def parts(parsed):
    """(plain text, HTML) of a multipart/alternative email."""
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    return text, html


def links(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


@pytest.fixture
def run_round(django_capture_on_commit_callbacks):
    """Start a round for `slot` (default now) and run its batches as the workers would."""
    from subscriptions.tasks import start_round

    def run(slot=None):
        with django_capture_on_commit_callbacks(execute=True):
            digest_round = start_round(slot or timezone.now())
        if digest_round is not None:
            digest_round.refresh_from_db()
        return digest_round

    return run
