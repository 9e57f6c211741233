"""A release shared under embargo reaches no public channel before go-live: its URL, the home
page, the listing, search, feeds, the publisher page and its feed, the sitemap, and the
subscribers' digests (the digest builder's queryset and a real round). After go-live it is on
all of them, like any release. The journalists' emails and links are the only way to it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core.scheduled_publishing import publish_scheduled_pages
from subscriptions.catalogue import forget_last_catalogue, release_versions
from subscriptions.models import Subscriber
from subscriptions.tasks import start_round
from tests.releases.test_embargo import public_surfaces, where_shown

from .conftest import reading_link

pytestmark = pytest.mark.django_db

# Found by the search surface of tests.releases.test_embargo ("embargoed").
TITLE = "Embargoed budget figures"


@pytest.fixture
def subscriber(publisher):
    now = timezone.now()
    person = Subscriber.objects.create(
        email="reader@example.org",
        content_languages=["nl"],
        everything=True,
        email_language="nl",
        confirmed_at=now - timedelta(days=1),
        consent_at=now,
        consent_text="I agree.",
        consent_language="nl",
    )
    return person


def digest_to(address, django_capture_on_commit_callbacks):
    forget_last_catalogue()
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        start_round(timezone.now())
    return [m for m in mail.outbox[before:] if address in m.to]


def test_shared_release_reaches_no_public_channel_before_go_live(
    client,
    journalist,
    publisher,
    scheduled,
    share,
    communicator,
    subscriber,
    django_capture_on_commit_callbacks,
):
    follower = journalist([publisher])
    page = scheduled(title=TITLE)
    item = share(page, communicator)
    # The journalist reads it...
    url = reading_link(follower.email)
    assert TITLE in client.get(url).content.decode()
    # ...and no one else, anywhere.
    assert where_shown(client, page) == ([], 404)
    since = timezone.now() - timedelta(days=7)
    assert page.pk not in {release.pk for release in release_versions(since)}
    assert digest_to(subscriber.email, django_capture_on_commit_callbacks) == []

    with time_machine.travel(item.go_live_at + timedelta(seconds=30), tick=False):
        # The scheduler has not run yet: still nowhere.
        assert where_shown(client, page) == ([], 404)
        assert publish_scheduled_pages()["published"] == 1
        page.refresh_from_db()
        shown, status = where_shown(client, page)
        assert shown == public_surfaces(page) and status == 200
        assert page.pk in {release.pk for release in release_versions(since)}
        [digest] = digest_to(subscriber.email, django_capture_on_commit_callbacks)
        assert TITLE in digest.body
        # The personal link now leads to the public page.
        assert client.get(url)["Location"].endswith(page.get_url())
