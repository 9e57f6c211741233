"""Full-text search of the news listing through Wagtail search, combined with the filters, on
the database this suite runs on (SQLite by default) and explicitly on PostgreSQL."""

import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from directory.models import Publisher
from releases.models import PressReleasePage
from releases.query import ReleaseQuery, clean_search_text
from tests.releases.listing_helpers import count_text, titles, tr

pytestmark = pytest.mark.django_db

LISTING = "/nl/nieuws/"


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 10))


@pytest.fixture
def world(site_structure, factories):
    finance = factories.publisher(slug="finance", name="FPS Finance")
    health = factories.publisher(slug="health", name="FPS Health")
    economy = factories.theme(slug="economy")
    factories.release(
        title="Budget adjusted for the coming year",
        publisher=finance,
        themes=[economy],
        lead="The federal budget: the government revises the budget figures.",
        published_at=at(2024, 1, 10),
    )
    factories.release(
        title="Hospital funding",
        publisher=health,
        themes=[economy],
        lead="More money for hospitals in every region of the country, as the health "
        "minister announced after a long consultation with the sector; the budget rises.",
        published_at=at(2024, 2, 10),
    )
    factories.release(
        title="Vaccination campaign",
        publisher=health,
        lead="Autumn vaccination starts in October.",
        published_at=at(2024, 3, 10),
    )
    factories.release(
        language="fr",
        title="Budget de la santé",
        publisher=health,
        lead="Une hausse du budget pour la santé publique.",
        published_at=at(2024, 4, 10),
    )
    return {"finance": finance, "health": health, "economy": economy}


def check_search_and_filters(client):
    """What the listing's search must do on any database backend."""
    # Title and lead are searched, newest first by default.
    response = client.get(f"{LISTING}?q=budget")
    assert response.status_code == 200
    assert titles(response) == ["Hospital funding", "Budget adjusted for the coming year"]
    assert count_text(2) in response.content.decode()
    assert tr("Newest first.") in response.content.decode()
    assert 'href="?q=budget&amp;sort=relevance"' in response.content.decode()
    # By relevance when asked: the release about the budget outranks the one that mentions it
    # once, although it is older.
    response = client.get(f"{LISTING}?q=budget&sort=relevance")
    assert titles(response) == ["Budget adjusted for the coming year", "Hospital funding"]
    assert count_text(2) in response.content.decode()
    assert tr("Sorted by relevance.") in response.content.decode()
    assert 'href="?q=budget"' in response.content.decode()
    assert '<input type="hidden" name="sort" value="relevance">' in response.content.decode()
    # Every word must match.
    assert titles(client.get(f"{LISTING}?q=budget+hospitals")) == ["Hospital funding"]
    assert titles(client.get(f"{LISTING}?q=budget+vaccination")) == []
    # Search combines with each filter and with all of them.
    assert titles(client.get(f"{LISTING}?q=budget&publisher=health")) == ["Hospital funding"]
    assert titles(client.get(f"{LISTING}?q=budget&type=organisation&theme=economy")) == [
        "Hospital funding",
        "Budget adjusted for the coming year",
    ]
    assert titles(client.get(f"{LISTING}?q=budget&from=2024-02-01")) == ["Hospital funding"]
    assert titles(client.get(f"{LISTING}?q=budget&to=2024-01-31")) == [
        "Budget adjusted for the coming year"
    ]
    assert titles(client.get(f"{LISTING}?q=vaccination&theme=economy")) == []
    # Only the listing's language.
    fr = client.get("/fr/actualites/?q=sant%C3%A9")
    assert titles(fr) == ["Budget de la santé"]


def test_search_with_filters(client, world):
    """On SQLite (the default run) this is the FTS5 backend; under CI, PostgreSQL's."""
    # Each backend module can only be imported on its own database.
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        assert isinstance(get_search_backend(), SQLiteSearchBackend)
    elif connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        assert isinstance(get_search_backend(), PostgresSearchBackend)
    check_search_and_filters(client)


@pytest.mark.postgres
def test_search_with_filters_on_postgresql(client, world):
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    assert connection.vendor == "postgresql"
    assert isinstance(get_search_backend(), PostgresSearchBackend)
    check_search_and_filters(client)


def test_search_results_are_the_query_objects_results(world, locales):
    """Search through the query object directly, as the API and digests will."""
    query = ReleaseQuery(publishers=(world["health"],), text="budget")
    assert [r.title for r in query.results(locale=locales["nl"])] == ["Hospital funding"]
    # Date order by default, relevance when the query asks for it, date order when the caller
    # insists (feeds).
    by_date = ["Hospital funding", "Budget adjusted for the coming year"]
    query = ReleaseQuery(text="budget")
    assert [r.title for r in query.results(locale=locales["nl"])] == by_date
    query = ReleaseQuery(text="budget", relevance=True)
    assert [r.title for r in query.results(locale=locales["nl"])] == by_date[::-1]
    assert [r.title for r in query.results(locale=locales["nl"], relevance=False)] == by_date


def test_search_pages_and_counts(client, world, settings):
    settings.RELEASES_PER_PAGE = 1
    first = client.get(f"{LISTING}?q=budget&sort=relevance")
    assert titles(first) == ["Budget adjusted for the coming year"]
    assert count_text(2) in first.content.decode()
    assert 'rel="next" href="?q=budget&amp;sort=relevance&amp;page=2"' in first.content.decode()
    assert titles(client.get(f"{LISTING}?q=budget&sort=relevance&page=2")) == ["Hospital funding"]
    assert client.get(f"{LISTING}?q=budget&page=3").status_code == 404


def test_a_search_stops_counting_past_the_limit(client, world, settings):
    settings.SEARCH_MAX_RESULTS = 1
    settings.RELEASES_PER_PAGE = 1
    response = client.get(f"{LISTING}?q=budget")
    html = response.content.decode()
    assert tr("More than %(limit)s releases", limit=1) in html
    assert (
        tr(
            "Only the first %(limit)s results can be browsed: add words or filters to narrow the "
            "search.",
            limit=1,
        )
        in html
    )
    assert titles(response) == ["Hospital funding"]
    # Paging stops at the limit.
    assert client.get(f"{LISTING}?q=budget&page=2").status_code == 404
    # Under the limit, the figure is exact.
    settings.SEARCH_MAX_RESULTS = 2
    assert count_text(2) in client.get(f"{LISTING}?q=budget").content.decode()


def test_relevance_ranks_the_newest_matches_within_the_limit(client, world, settings):
    # The older release about the budget outranks the newer one that mentions it (see above),
    # but past the limit only the newest matches are ranked, and the page says so.
    settings.SEARCH_MAX_RESULTS = 1
    response = client.get(f"{LISTING}?q=budget&sort=relevance")
    html = response.content.decode()
    assert titles(response) == ["Hospital funding"]
    assert tr("More than %(limit)s releases", limit=1) in html
    message = (
        "Only the %(limit)s most recent matches are ranked and can be browsed: add words, dates "
        "or filters to narrow the search."
    )
    assert tr(message, limit=1) in html
    assert client.get(f"{LISTING}?q=budget&sort=relevance&page=2").status_code == 404
    # Within the limit, every match is ranked.
    settings.SEARCH_MAX_RESULTS = 2
    response = client.get(f"{LISTING}?q=budget&sort=relevance")
    assert titles(response) == ["Budget adjusted for the coming year", "Hospital funding"]
    assert tr(message, limit=2) not in response.content.decode()


def test_unknown_sort_order_is_reported_and_the_newest_come_first(client, world):
    response = client.get(f"{LISTING}?q=budget&sort=oldest")
    assert response.status_code == 200
    message = tr("Unknown sort order “%(value)s”: the newest releases come first.", value="oldest")
    assert message in response.content.decode()
    assert titles(response) == ["Hospital funding", "Budget adjusted for the coming year"]
    # Without search text there is nothing to rank: the order stays by date, silently.
    response = client.get(f"{LISTING}?sort=relevance")
    assert "sort=relevance" not in response.content.decode()


def test_removing_the_search_text_drops_its_order(client, world):
    html = client.get(f"{LISTING}?q=budget&sort=relevance&theme=economy").content.decode()
    assert 'href="?theme=economy"' in html


@pytest.mark.parametrize(
    "raw",
    [
        "%22budget",  # unbalanced quote: FTS5 syntax
        "budget%22%20OR%20%221%22%3D%221",
        "%27%3B%20DROP%20TABLE%20wagtailcore_page%3B%20--",
        "budget%00",  # NUL byte: PostgreSQL refuses it in a string
        "%ED%A0%80budget",  # a lone surrogate, UTF-8 encoded
        "budget%F0%9F%92%B0",  # emoji
        "NEAR%28budget%20year%29",
        "budget%2A",
        "-budget",
        "budget%20AND%20NOT%20OR",
        "budget%3Aadjusted",
        "%5Cbudget%5C",
        "b%CC%81udget",  # combining accent
        "%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9",  # Arabic
        "%25s%25s%25d",
        "%7B%7B7*7%7D%7D",
    ],
)
def test_odd_search_text_never_breaks_the_page(client, world, raw):
    response = client.get(f"{LISTING}?q={raw}")
    assert response.status_code == 200
    counts = [count_text(n) for n in range(4)]
    heading = re.search(r'id="results-title">([^<]+)</h2>', response.content.decode())
    assert heading.group(1) in counts
    # Still searchable afterwards: the database was not harmed.
    assert PressReleasePage.objects.count() == 4


def test_sql_looking_text_is_only_words(client, world):
    response = client.get(f"{LISTING}?q=budget%27%20OR%20%271%27%3D%271")
    assert response.status_code == 200
    if connection.vendor == "postgresql":
        # Web search syntax: "budget" OR "1" = "1"; only the live budget releases match.
        assert titles(response) == ["Hospital funding", "Budget adjusted for the coming year"]
    else:
        # Words "budget", "OR", "1", "1": nothing matches them all, nothing leaks.
        assert titles(response) == []


def test_a_10000_character_query_is_cut_with_a_message(client, world, settings):
    response = client.get(f"{LISTING}?q=" + "budget " + "x" * 10_000)
    assert response.status_code == 200
    html = response.content.decode()
    limit = settings.SEARCH_QUERY_MAX_LENGTH
    message = tr(
        "Your search was longer than %(limit)s characters: only the first %(limit)s were used.",
        limit=limit,
    )
    assert message in html
    # The search field shows what was applied, within its maxlength.
    value = re.search(r'<input type="search" name="q" value="([^"]*)"', html).group(1)
    assert len(value) <= limit
    assert f'maxlength="{limit}"' in html


def test_text_without_words_is_ignored_with_a_message(client, world):
    response = client.get(f"{LISTING}?q=%22%27%28%29%2A%3A%00")
    assert response.status_code == 200
    message = tr("Your search contained no letters or digits and was ignored.")
    assert message in response.content.decode()
    assert len(titles(response)) == 3


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("  Budget  2024 ", "Budget 2024"),
        ("l'économie", "l économie"),
        ('"quoted" AND (x OR y)*', "quoted AND x OR y"),
        ("a\x00b\ud800c", "a b c"),
        ("snake_case-word", "snake case word"),
        ("e\u0301te\u0301", "été"),
        ("!!!", ""),
    ],
)
def test_clean_search_text(text, cleaned):
    assert clean_search_text(text) == cleaned


def test_search_does_not_depend_on_index_contents_of_hidden_pages(client, world, factories):
    """A draft matching the words is indexed like any page, but never shown."""
    factories.release(title="Budget draft", publish=False)
    assert "Budget draft" not in titles(client.get(f"{LISTING}?q=budget"))


@pytest.fixture
def linked_world(site_structure, factories):
    """Releases that all mention the budget, published and co-published by publishers of each
    type, with one, two or no themes, and some out of sight; `releases` describes the visible
    ones as (title, publisher, co-publishers, themes, day of January 2024)."""
    world = {
        "finance": factories.publisher(slug="finance"),
        "health": factories.publisher(slug="health"),
        "minister": factories.government_member(slug="minister"),
        "council": factories.council(slug="council"),
        "economy": factories.theme(slug="economy"),
        "care": factories.theme(slug="care"),
    }
    releases = [
        ("Budget 0", "finance", [], ["economy"], 1),
        ("Budget 1", "health", ["finance"], ["care"], 2),
        ("Budget 2", "minister", ["health"], ["economy", "care"], 3),
        ("Budget 3", "minister", [], [], 4),
        ("Budget 4", "council", ["minister", "finance"], ["economy"], 5),
        ("Budget 5", "finance", ["council"], [], 6),
    ]
    for title, publisher, co_publishers, themes, day in releases:
        factories.release(
            title=title,
            lead="The budget.",
            publisher=world[publisher],
            co_publishers=[world[slug] for slug in co_publishers],
            themes=[world[slug] for slug in themes],
            published_at=at(2024, 1, day),
        )
    factories.release(title="Budget draft", publisher=world["finance"], publish=False)
    factories.release(title="Budget in French", publisher=world["finance"], language="fr")
    return {**world, "releases": releases}


FILTERS = [
    {"publishers": ("finance",)},
    {"publishers": ("health", "council")},
    {"kinds": (Publisher.Kind.GOVERNMENT_MEMBER,)},
    {"kinds": (Publisher.Kind.COUNCIL, Publisher.Kind.ORGANISATION)},
    {"themes": ("economy",)},
    {"themes": ("economy", "care")},
    {"publishers": ("minister",), "themes": ("care",)},
    {"kinds": (Publisher.Kind.ORGANISATION,), "themes": ("economy",), "date_from": 2},
    {"publishers": ("finance",), "date_to": 5},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_filters_find_main_and_co_publishers_and_any_theme(linked_world, locales, filters):
    """A publisher finds its own releases and the ones it co-published, a type likewise, and
    the releases with any of the themes; different filters combine. The listing and the search
    (on PostgreSQL both judged on the release row's copies of the links) agree with the
    releases as they were written."""
    kinds = {slug: linked_world[slug].kind for slug in ("finance", "health", "minister", "council")}

    def expected(publisher, co_publishers, themes, day):
        publishers = {publisher, *co_publishers}
        return (
            (not filters.get("publishers") or publishers & set(filters["publishers"]))
            and (not filters.get("kinds") or {kinds[p] for p in publishers} & set(filters["kinds"]))
            and (not filters.get("themes") or set(themes) & set(filters["themes"]))
            and day >= filters.get("date_from", 0)
            and day <= filters.get("date_to", 31)
        )

    newest_first = [
        title for title, *links in reversed(linked_world["releases"]) if expected(*links)
    ]
    assert newest_first  # each combination finds something
    dates = {key: date(2024, 1, filters[key]) for key in ("date_from", "date_to") if key in filters}
    query = ReleaseQuery(
        publishers=tuple(linked_world[slug] for slug in filters.get("publishers", ())),
        kinds=filters.get("kinds", ()),
        themes=tuple(linked_world[slug] for slug in filters.get("themes", ())),
        **dates,
    )
    nl = locales["nl"]
    items, count = query.listing(locale=nl)
    assert [release.title for release in items] == newest_first
    assert count == len(newest_first)
    searched = replace(query, text="budget")
    items, count = searched.listing(locale=nl)
    assert [release.title for release in items] == newest_first
    assert count == len(newest_first)
