"""Builders for the accreditation tests: journalists made directly (the flow tests go through the
public pages), a scheduled release, and sharing it as a communicator does."""

import email
import email.policy
import itertools
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accreditation.models import Accreditation
from releases.permissions import ensure_communicators_group

_seq = itertools.count(1)


def parse(message):
    """The email as a mail client sees it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def text_of(message):
    parsed = parse(message)
    assert parsed.get_content_type() == "multipart/alternative"
    return parsed, parsed.get_body(preferencelist=("plain",)).get_content()


def links(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def path_of(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def journalist(db):
    def make(publishers=(), status=Accreditation.Status.APPROVED, language="nl", **fields):
        n = next(_seq)
        now = timezone.now()
        fields.setdefault("name", f"Journalist {n}")
        fields.setdefault("email", f"journalist{n}@paper.example")
        approved = status == Accreditation.Status.APPROVED
        fields.setdefault("expires_at", now + timedelta(days=365) if approved else None)
        accreditation = Accreditation.objects.create(
            medium="De Krant",
            press_card_number=f"BE-{n:05}",
            language=language,
            status=status,
            confirmed_at=now,
            decided_at=now if status == Accreditation.Status.APPROVED else None,
            **fields,
        )
        accreditation.publishers.set(publishers)
        return accreditation

    return make


@pytest.fixture
def publisher(factories, site_structure):
    return factories.publisher(name="FPS Budget", slug="fps-budget")


@pytest.fixture
def communicator(publisher):
    user = get_user_model().objects.create_user("alice", "alice@gov.example", "pw")
    user.groups.add(ensure_communicators_group())
    publisher.communicators.add(user)
    return user


def go_live_in(hours=5):
    return timezone.now().replace(second=0, microsecond=0) + timedelta(hours=hours)


@pytest.fixture
def scheduled(factories, publisher):
    """A release scheduled for go-live in five hours (Publish with a future go-live time)."""

    def make(title="Budget 2027 under embargo", **fields):
        fields.setdefault("publisher", publisher)
        fields.setdefault("go_live_at", go_live_in())
        page = factories.release(title=title, publish=False, **fields)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live and page.scheduled_revision is not None
        return page

    return make


@pytest.fixture
def share(client, django_capture_on_commit_callbacks):
    """Share `page` under embargo from the admin as `user`; the emails go out (eager tasks)."""

    def run(page, user):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accreditation_admin:share", args=[page.pk]), {"action": "share"}
            )
        assert response.status_code == 302, response.content[:500]
        client.logout()
        return page.embargo_shares.get(revoked_at=None)

    return run


def reading_link(address):
    """The personal link in the last embargo email to `address`, as a path."""
    message = mails_to(address)[-1]
    _parsed, text = text_of(message)
    urls = [url for url in links(text) if "/embargo/" in url]
    assert len(urls) == 1, text
    return path_of(urls[0])
