"""RSS 2.0 and Atom feeds of the listing (any filter combination) and per publisher, read back
with feedparser."""

import re
from datetime import datetime, timedelta
from html import unescape

import feedparser
import pytest
from django.utils import timezone

from tests.releases.listing_helpers import tr

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime(year, month, day, hour))


def parse(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def item_titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.fixture
def world(site_structure, factories):
    council = factories.council()
    finance = factories.publisher(slug="finance", name="FPS Finance", acronym_nl="FIN")
    health = factories.publisher(slug="health", name="FPS Health")
    economy = factories.theme(slug="economy", name_nl="Economie", name_fr="Économie")
    climate = factories.theme(slug="climate", name_nl="Klimaat", name_fr="Climat")
    meeting = factories.meeting(meeting_date=at(2024, 3, 1).date())
    factories.release(
        title="Budget & taxes",
        slug="budget",
        publisher=finance,
        themes=[economy],
        lead="Figures <revised>.",
        published_at=at(2024, 1, 10),
    )
    factories.release(
        title="Hospital funding",
        slug="hospitals",
        publisher=health,
        co_publishers=[finance],
        themes=[economy, climate],
        published_at=at(2024, 2, 10),
    )
    factories.release(
        parent=meeting,
        title="Council decision on energy",
        slug="energy",
        publisher=council,
        themes=[climate],
        published_at=at(2024, 3, 1, 15),
    )
    factories.release(
        language="fr",
        title="Communiqué en français",
        slug="communique",
        publisher=finance,
        themes=[economy],
        published_at=at(2024, 5, 10),
    )
    return {"finance": finance, "health": health}


def test_rss_of_all_news(client, world):
    feed = parse(client, "/nl/nieuws/rss/")
    assert feed.version == "rss20"
    assert feed.feed.language == "nl"
    assert feed.feed.title == "Nieuws – news.belgium"
    assert feed.feed.link == "http://testserver/nl/nieuws/"
    # Newest first, Council decisions included, other languages not.
    assert item_titles(feed) == ["Council decision on energy", "Hospital funding", "Budget & taxes"]
    hospital = feed.entries[1]
    assert hospital.link == "http://testserver/nl/nieuws/hospitals/"
    assert hospital.description == "The lead of release" or hospital.description.startswith(
        "The lead of release"
    )
    assert hospital.published_parsed[:5] == (2024, 2, 10, 8, 0)  # 09:00 in Brussels
    assert hospital.author == "FPS Health, FPS Finance (FIN)"
    assert sorted(tag.term for tag in hospital.tags) == ["Economie", "Klimaat"]
    decision = feed.entries[0]
    assert (
        decision.link
        == "http://testserver/nl/ministerraad/" + decision.link.split("/nl/ministerraad/")[1]
    )
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == 3
    assert all(entry_id.startswith("tag:testserver,") for entry_id in ids)
    budget = feed.entries[2]
    assert budget.title == "Budget & taxes"
    # The lead is text: it reaches the reader as text, not as markup.
    assert unescape(budget.description) == "Figures <revised>."


def test_atom_of_all_news(client, world):
    feed = parse(client, "/nl/nieuws/atom/")
    assert feed.version == "atom10"
    assert feed.feed.language == "nl"
    assert item_titles(feed) == ["Council decision on energy", "Hospital funding", "Budget & taxes"]
    entry = feed.entries[1]
    assert entry.link == "http://testserver/nl/nieuws/hospitals/"
    assert entry.summary.startswith("The lead of release")
    assert entry.author == "FPS Health, FPS Finance (FIN)"
    assert entry.published_parsed[:3] == (2024, 2, 10)
    assert {tag.term for tag in entry.tags} == {"Economie", "Klimaat"}
    rss_ids = [entry.id for entry in parse(client, "/nl/nieuws/rss/").entries]
    assert [entry.id for entry in feed.entries] == rss_ids


def test_feed_language_follows_the_listing(client, world):
    feed = parse(client, "/fr/actualites/rss/")
    assert feed.feed.language == "fr"
    assert item_titles(feed) == ["Communiqué en français"]
    assert feed.entries[0].tags[0].term == "Économie"
    assert parse(client, "/fr/actualites/atom/").feed.language == "fr"


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize(
    "params, expected",
    [
        ("publisher=finance", ["Hospital funding", "Budget & taxes"]),
        ("type=council", ["Council decision on energy"]),
        ("theme=climate", ["Council decision on energy", "Hospital funding"]),
        ("theme=economy&publisher=health", ["Hospital funding"]),
        ("from=2024-02-01&to=2024-02-28", ["Hospital funding"]),
        # Feeds stay chronological when they carry a search.
        ("q=funding+hospital", ["Hospital funding"]),
        ("q=the+lead", ["Council decision on energy", "Hospital funding"]),
        ("theme=climate&type=organisation&from=2024-03-01", []),
    ],
)
def test_every_filter_combination_has_its_feed(client, world, kind, params, expected):
    feed = parse(client, f"/nl/nieuws/{kind}/?{params}")
    assert item_titles(feed) == expected
    assert feed.feed.link.endswith(f"/nl/nieuws/?{params.replace('+', '%20')}") or (
        feed.feed.link.startswith("http://testserver/nl/nieuws/?")
    )


def test_filtered_feed_describes_its_filters(client, world):
    feed = parse(client, "/nl/nieuws/rss/?theme=climate&publisher=health")
    assert "Klimaat" in feed.feed.title and "FPS Health" in feed.feed.title
    assert "Klimaat" in feed.feed.description
    assert feed.feed.link == "http://testserver/nl/nieuws/?publisher=health&theme=climate"


@pytest.mark.parametrize(
    "params",
    ["publisher=nobody", "theme=nope", "from=2024-99-01", "from=2024-05-01&to=2024-01-01"],
)
def test_a_feed_for_filters_that_cannot_apply_does_not_exist(client, world, params):
    assert client.get(f"/nl/nieuws/rss/?{params}").status_code == 404
    assert client.get(f"/nl/nieuws/atom/?{params}").status_code == 404


def test_feed_items_are_capped(client, site_structure, factories, monkeypatch):
    from releases import feeds

    monkeypatch.setattr(feeds, "FEED_MAX_ITEMS", 3)
    publisher = factories.publisher()
    for n in range(5):
        factories.release(
            title=f"Item {n}",
            publisher=publisher,
            published_at=timezone.now() - timedelta(days=n),
        )
    assert item_titles(parse(client, "/nl/nieuws/rss/")) == ["Item 0", "Item 1", "Item 2"]


class TestPublisherFeeds:
    def test_rss_includes_co_published_releases(self, client, world):
        feed = parse(client, "/nl/source/finance/rss/")
        assert feed.version == "rss20"
        assert feed.feed.language == "nl"
        assert feed.feed.title == "FPS Finance (FIN) – news.belgium"
        assert feed.feed.link == "http://testserver/nl/source/finance/"
        assert item_titles(feed) == ["Hospital funding", "Budget & taxes"]

    def test_atom_in_another_language(self, client, world):
        feed = parse(client, "/fr/source/finance/atom/")
        assert feed.version == "atom10"
        assert feed.feed.language == "fr"
        assert item_titles(feed) == ["Communiqué en français"]

    def test_unknown_publisher_is_404(self, client, world):
        assert client.get("/nl/source/nobody/rss/").status_code == 404
        assert client.get("/nl/source/nobody/atom/").status_code == 404

    def test_former_member_keeps_a_feed(self, client, site_structure, factories):
        former = factories.government_member(slug="former", is_active=False)
        factories.release(title="Old statement", publisher=former)
        assert item_titles(parse(client, "/nl/source/former/rss/")) == ["Old statement"]


@pytest.mark.parametrize(
    "url", ["/nl/nieuws/rss/?theme={theme}", "/nl/nieuws/atom/", "/nl/source/{publisher}/rss/"]
)
def test_sql_queries_do_not_grow_with_items(
    client, site_structure, factories, django_assert_max_num_queries, url
):
    theme = factories.theme()
    main = factories.publisher()
    co = factories.publisher()

    def make(count):
        for n in range(count):
            factories.release(
                publisher=main,
                themes=[theme],
                co_publishers=[co],
                published_at=timezone.now() - timedelta(hours=n + 1),
            )

    url = url.format(theme=theme.slug, publisher=main.slug)
    make(3)
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        assert len(parse(client, url).entries) == 3
    make(22)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(parse(client, url).entries) == 25


class TestFeedsPage:
    def test_lists_every_feed(self, client, world, factories):
        factories.government_member(slug="minister-b", name="Minister B")
        response = client.get("/nl/feeds/")
        assert response.status_code == 200
        html = response.content.decode()
        # All news and the Council, in both formats.
        assert 'href="/nl/nieuws/rss/" type="application/rss+xml"' in html
        assert 'href="/nl/nieuws/atom/" type="application/atom+xml"' in html
        assert 'href="/nl/nieuws/rss/?type=council"' in html
        assert 'href="/nl/nieuws/atom/?type=council"' in html
        # One per publisher, grouped by type.
        for slug in ("finance", "health", "minister-b", "council-of-ministers"):
            assert f'href="/nl/source/{slug}/rss/"' in html
            assert f'href="/nl/source/{slug}/atom/"' in html
        groups = re.findall(r"<h3[^>]*>([^<]+)</h3>", html)
        kinds = ("Council of Ministers", "Federal institutions", "Government members")
        assert groups == [tr(kind) for kind in kinds]
        # One per theme.
        assert 'href="/nl/nieuws/rss/?theme=climate"' in html
        assert 'href="/nl/nieuws/atom/?theme=economy"' in html
        # Any filtered list has its own feed.
        assert '<a href="/nl/nieuws/">' in html
        # Autodiscovery of the all-news feed.
        assert '<link rel="alternate" type="application/rss+xml"' in html

    def test_every_listed_feed_works(self, client, world):
        html = client.get("/fr/feeds/").content.decode()
        urls = set(re.findall(r'href="(/fr/[^"]*/(?:rss|atom)/[^"]*)"', html))
        assert len(urls) >= 10
        for url in urls:
            feed = parse(client, unescape(url))
            assert feed.feed.language == "fr"


class TestItemMediaAndFullText:
    """Each item carries its lead once escaped and its main image; `?full=1` adds the text."""

    @pytest.fixture
    def illustrated(self, site_structure, factories):
        body, media = factories.full_release_body()
        release = factories.release(
            title="Budget agreed",
            slug="budget-agreed",
            lead="L'accord sur l'énergie & le budget.",
            body=body,
            published_at=at(2024, 6, 1),
        )
        factories.release(title="Without pictures", published_at=at(2024, 5, 1))
        return release, media

    @pytest.mark.parametrize("url", ["/nl/nieuws/rss/", "/nl/nieuws/atom/"])
    def test_lead_is_escaped_once_and_main_image_is_an_enclosure(self, client, illustrated, url):
        feed = parse(client, url)
        budget, plain = feed.entries
        # feedparser decodes the XML once: the reader gets the text, not "&#x27;".
        assert budget.summary == "L'accord sur l'énergie &amp; le budget."
        (enclosure,) = budget.enclosures
        assert enclosure.href.startswith("http://testserver/")
        assert enclosure.type == "image/png"
        rendition = illustrated[1]["photo"].get_rendition("width-1200")
        assert enclosure.href == f"http://testserver{rendition.url}"
        assert int(enclosure.length) == rendition.file.size > 0
        assert not plain.get("enclosures")
        # Without ?full=1 no full text.
        assert "content" not in budget

    @pytest.mark.parametrize("url", ["/nl/nieuws/rss/?full=1", "/nl/nieuws/atom/?full=1"])
    def test_full_text_feed(self, client, illustrated, url):
        feed = parse(client, url)
        budget = feed.entries[0]
        (content,) = budget.content
        assert content.type == "text/html"
        assert "The government agreed on the <b>budget</b>." in content.value
        assert "What changes" in content.value
        # Every address in the text is absolute: readers resolve them against the feed.
        addresses = re.findall(r'(?:href|src)="([^"]+)"', content.value)
        assert addresses and all(
            address.startswith(("http://testserver/", "https://", "mailto:", "#"))
            for address in addresses
        ), addresses
        # The feed's own address keeps the choice.
        assert any("full=1" in link.href for link in feed.feed.links if link.rel == "self")

    def test_full_text_feed_queries_stay_bounded(
        self, client, illustrated, django_assert_max_num_queries
    ):
        parse(client, "/nl/nieuws/rss/?full=1")  # makes the renditions once
        with django_assert_max_num_queries(40):
            parse(client, "/nl/nieuws/rss/?full=1")
