"""Nothing that is not live reaches the listing, the search, the feeds or the publisher pages:
drafts, scheduled, future-dated, expired, unpublished, withdrawn and private releases (and live
releases' unpublished changes) stay out."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from releases.models import PressReleasePage
from releases.query import ReleaseQuery
from releases.withdrawal import withdraw
from tests.releases.listing_helpers import count_text

pytestmark = pytest.mark.django_db

SECRET = "Confidential"
# Searched in lower case: the page echoes the search words, never "Confidential" itself.
SEARCHED = SECRET.lower()


@pytest.fixture
def world(site_structure, factories):
    publisher = factories.publisher(slug="finance")
    theme = factories.theme(slug="economy")
    common = {"publisher": publisher, "themes": [theme]}
    factories.release(title="Visible budget release", lead="Budget for everyone.", **common)

    def hidden(label, **fields):
        fields.setdefault("lead", f"Budget {SECRET} {label}.")
        return factories.release(title=f"{SECRET} {label} budget", **{**common, **fields})

    hidden("draft", publish=False)

    scheduled = hidden("scheduled", publish=False, go_live_at=timezone.now() + timedelta(days=1))
    scheduled.save_revision().publish()

    # Published with the plain Publish action while its publication date is in the future.
    future_dated = hidden(
        "future-dated", publish=False, published_at=timezone.now() + timedelta(days=1)
    )
    future_dated.save_revision().publish()

    expired = hidden("expired")
    # Between two runs of the scheduler an expired page is still flagged live.
    PressReleasePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    hidden("unpublished").unpublish()

    withdraw(hidden("withdrawn"), "Wrong figures.")

    private = hidden("private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    meeting = factories.meeting()
    PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    hidden("private-by-ancestor", parent=meeting)

    # A live release whose newer draft is not published yet.
    live = factories.release(title="Published wording budget", **common)
    live.title = f"{SECRET} unpublished wording budget"
    live.lead = f"Budget {SECRET} draft lead."
    live.save_revision()

    # Co-published by the publisher: a publisher's page counts these on the release row.
    co_published = {"publisher": factories.publisher(), "co_publishers": [publisher]}
    co_expired = hidden("co-published expired", **co_published)
    PressReleasePage.objects.filter(pk=co_expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    withdraw(hidden("co-published withdrawn", **co_published), "Wrong figures.")
    PageViewRestriction.objects.create(
        page=hidden("co-published private", **co_published),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )

    # A release co-published by the publisher, never published.
    factories.release(
        title=f"{SECRET} co-published draft budget",
        publisher=factories.publisher(),
        co_publishers=[publisher],
        publish=False,
    )
    return {"publisher": publisher}


URLS = [
    "/nl/nieuws/",
    "/nl/nieuws/?q=budget",
    f"/nl/nieuws/?q={SEARCHED}",
    "/nl/nieuws/?publisher=finance&theme=economy",
    "/nl/nieuws/?type=organisation&q=budget",
    "/nl/source/finance/",
    "/nl/feeds/",
]
FEEDS = [
    "/nl/nieuws/rss/",
    "/nl/nieuws/atom/",
    "/nl/nieuws/rss/?q=budget",
    f"/nl/nieuws/atom/?q={SEARCHED}",
    "/nl/nieuws/rss/?publisher=finance&theme=economy",
    "/nl/source/finance/rss/",
    "/nl/source/finance/atom/",
]


@pytest.mark.parametrize("url", URLS)
def test_pages_show_only_live_releases(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET not in html
    if SEARCHED not in url and "feeds" not in url:
        assert "Visible budget release" in html
        assert "Published wording budget" in html
        assert count_text(2) in html


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_carry_only_live_releases(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert SECRET.encode() not in response.content
    feed = feedparser.parse(response.content)
    expected = [] if SEARCHED in url else ["Published wording budget", "Visible budget release"]
    assert sorted(entry.title for entry in feed.entries) == expected


def test_the_query_object_itself(world):
    assert sorted(r.title for r in ReleaseQuery().results()) == [
        "Published wording budget",
        "Visible budget release",
    ]
    assert list(ReleaseQuery(text=SEARCHED).results()) == []
    assert ReleaseQuery(publishers=(world["publisher"],), text="budget").results().count() == 2
