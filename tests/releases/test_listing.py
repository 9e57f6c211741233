"""The news listing: order, pagination, filters, messages for bad input, feed links, SQL cost."""

import re
from datetime import datetime, timedelta

import pytest
from django import forms
from django.utils import timezone

from directory.models import Publisher
from releases.forms import ReleaseFilterForm
from releases.query import ReleaseQuery
from tests.releases.listing_helpers import count_text, titles, tr

pytestmark = pytest.mark.django_db

LISTING = "/nl/nieuws/"


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def world(site_structure, factories):
    """Three publishers of three kinds, two themes and releases spread over 2024."""
    council = factories.council()
    finance = factories.publisher(slug="finance", name="FPS Finance")
    health = factories.publisher(slug="health", name="FPS Health")
    minister = factories.government_member(slug="minister-a", name="Minister A")
    economy = factories.theme(slug="economy")
    climate = factories.theme(slug="climate")
    meeting = factories.meeting(meeting_date=at(2024, 3, 1).date())
    r = {
        "budget": factories.release(
            title="Budget adjusted",
            publisher=finance,
            themes=[economy],
            published_at=at(2024, 1, 10),
        ),
        "hospitals": factories.release(
            title="Hospital funding",
            publisher=health,
            co_publishers=[finance],
            themes=[economy, climate],
            published_at=at(2024, 2, 10),
        ),
        "decision": factories.release(
            parent=meeting,
            title="Council decision on energy",
            publisher=council,
            themes=[climate],
            published_at=at(2024, 3, 1, 15),
        ),
        "speech": factories.release(
            title="Minister speech",
            publisher=minister,
            co_publishers=[health],
            published_at=at(2024, 4, 10),
        ),
        "french": factories.release(
            language="fr",
            title="Communiqué en français",
            publisher=finance,
            published_at=at(2024, 5, 10),
        ),
    }
    return {"publishers": (council, finance, health, minister), "releases": r}


def test_newest_first_with_council_decisions_and_only_this_language(client, world):
    response = client.get(LISTING)
    assert response.status_code == 200
    assert titles(response) == [
        "Minister speech",
        "Council decision on energy",
        "Hospital funding",
        "Budget adjusted",
    ]
    assert count_text(4) in response.content.decode()


def test_release_card_shows_date_publishers_themes_and_lead(client, world):
    html = client.get(LISTING).content.decode()
    assert 'datetime="2024-02-10T12:00:00+01:00"' in html
    assert 'href="/nl/source/health/"' in html and 'href="/nl/source/finance/"' in html
    assert "Theme" in html and "The lead of release" in html
    assert 'href="/nl/nieuws/?theme=climate"' in html


@pytest.mark.parametrize(
    "params, expected",
    [
        # Main publisher or co-publisher.
        ("publisher=finance", ["Hospital funding", "Budget adjusted"]),
        ("publisher=health", ["Minister speech", "Hospital funding"]),
        (
            "publisher=finance&publisher=minister-a",
            [
                "Minister speech",
                "Hospital funding",
                "Budget adjusted",
            ],
        ),
        ("type=council", ["Council decision on energy"]),
        ("type=member", ["Minister speech"]),
        ("type=organisation", ["Minister speech", "Hospital funding", "Budget adjusted"]),
        ("theme=climate", ["Council decision on energy", "Hospital funding"]),
        (
            "theme=climate&theme=economy",
            [
                "Council decision on energy",
                "Hospital funding",
                "Budget adjusted",
            ],
        ),
        ("from=2024-02-10&to=2024-03-01", ["Council decision on energy", "Hospital funding"]),
        ("to=2024-01-10", ["Budget adjusted"]),
        # Different filters combine.
        ("theme=economy&publisher=health", ["Hospital funding"]),
        ("theme=climate&type=organisation&from=2024-03-01", []),
    ],
)
def test_filters(client, world, params, expected):
    response = client.get(f"{LISTING}?{params}")
    assert response.status_code == 200
    assert titles(response) == expected
    html = response.content.decode()
    assert count_text(len(expected)) in html
    assert tr("Part of your request could not be used") not in html


def test_filters_are_listed_and_can_be_removed_one_by_one(client, world):
    html = client.get(f"{LISTING}?theme=climate&publisher=health").content.decode()
    assert 'class="active-filters__list"' in html
    # Removing the theme keeps the publisher.
    assert 'href="?publisher=health"' in html
    assert 'href="?publisher=health&amp;theme=climate"' not in html
    assert 'href="?theme=climate"' in html


def test_form_has_labels_grouped_publishers_and_keeps_the_applied_values(client, world):
    html = client.get(f"{LISTING}?theme=climate&from=2024-01-01&q=energy").content.decode()
    for field in ("q", "publisher", "type", "theme", "from", "to"):
        assert f'<label for="id_{field}">' in html
        assert f'id="id_{field}"' in html
    for group in ("Council of Ministers", "Federal institutions", "Government members"):
        assert f'<optgroup label="{tr(group)}">' in html
    assert '<option value="climate" selected>' in html
    assert 'value="2024-01-01"' in html
    assert 'value="energy"' in html


def test_repeated_values_keep_a_multiple_select(client, world):
    html = client.get(f"{LISTING}?theme=climate&theme=economy").content.decode()
    assert re.search(r'<select name="theme"[^>]*multiple', html)
    assert '<option value="climate" selected>' in html
    assert '<option value="economy" selected>' in html


def test_filter_selects_are_written_as_django_would_write_them(world, factories):
    """RepeatableSelect writes its HTML itself (releases.forms): the same markup as Django's
    widget templates, names escaped."""
    factories.publisher(slug="odd", name='A "quoted" <b>name</b> & co')
    for initial in ({}, {"publisher": ["odd"], "theme": ["climate", "economy"]}):
        form = ReleaseFilterForm(initial=initial)
        for name in ("publisher", "type", "theme"):
            field = form[name]
            widget = form.fields[name].widget
            args = (field.html_name, field.value(), {"id": field.auto_id})
            ours = widget.render(*args)
            django = forms.Select.render(widget, *args)
            assert re.sub(r">\s+<", "><", ours) == re.sub(r">\s+<", "><", django.strip())
    html = ReleaseFilterForm(initial={"publisher": ["odd"]})["publisher"].as_widget()
    assert "A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html


def test_former_publishers_are_still_offered(client, world, factories):
    factories.government_member(slug="former", name="Former Minister", is_active=False)
    html = client.get(LISTING).content.decode()
    assert tr("Former members and dissolved institutions") in html
    assert 'value="former"' in html


def test_feed_links_carry_exactly_the_filters(client, world):
    html = client.get(
        f"{LISTING}?theme=climate&publisher=nope&q=energy&page=1&utm=x"
    ).content.decode()
    rss = "/nl/nieuws/rss/?theme=climate&amp;q=energy"
    atom = "/nl/nieuws/atom/?theme=climate&amp;q=energy"
    head = html.split("</head>")[0]
    rss_title, atom_title = tr("RSS feed of this list"), tr("Atom feed of this list")
    assert f'type="application/rss+xml" title="{rss_title}" href="{rss}">' in head
    assert f'type="application/atom+xml" title="{atom_title}" href="{atom}">' in head
    assert f'href="{rss}" type="application/rss+xml"' in html
    assert f'href="{atom}" type="application/atom+xml"' in html


def test_unfiltered_feed_links(client, world):
    html = client.get(LISTING).content.decode()
    assert f'title="{tr("RSS feed of this list")}" href="/nl/nieuws/rss/"' in html


class TestPagination:
    @pytest.fixture
    def many(self, site_structure, factories, settings):
        settings.RELEASES_PER_PAGE = 2
        publisher = factories.publisher(slug="busy")
        for n in range(5):
            factories.release(
                title=f"Item {n}", publisher=publisher, published_at=at(2024, 1, 1 + n)
            )

    def test_pages(self, client, many):
        first = client.get(LISTING)
        assert titles(first) == ["Item 4", "Item 3"]
        assert count_text(5) in first.content.decode()
        assert tr("Page %(number)s of %(total)s", number=1, total=3) in first.content.decode()
        assert titles(client.get(f"{LISTING}?page=2")) == ["Item 2", "Item 1"]
        assert titles(client.get(f"{LISTING}?page=3")) == ["Item 0"]

    def test_page_links_keep_the_filters(self, client, many):
        html = client.get(f"{LISTING}?publisher=busy&page=2").content.decode()
        assert 'rel="next" href="?publisher=busy&amp;page=3"' in html
        assert 'rel="prev" href="?publisher=busy"' in html
        assert 'aria-current="page"' in html

    @pytest.mark.parametrize("page", ["4", "99999", "0", "-1", "9" * 5000])
    def test_a_page_beyond_the_list_is_404(self, client, many, page):
        assert client.get(f"{LISTING}?page={page}").status_code == 404

    @pytest.mark.parametrize(
        "page, shown", [("abc", "abc"), ("1.5", "1.5"), ("%00", None), ("%ED%A0%80", None)]
    )
    def test_a_page_that_is_not_a_number_shows_the_first_page_with_a_message(
        self, client, many, page, shown
    ):
        response = client.get(f"{LISTING}?page={page}")
        assert response.status_code == 200
        assert titles(response) == ["Item 4", "Item 3"]
        html = response.content.decode()
        assert tr("Part of your request could not be used") in html
        if shown:
            message = "“%(value)s” is not a page number: the first page is shown."
            assert tr(message, value=shown) in html

    def test_filtered_pages_are_not_indexed_by_search_engines(self, client, many):
        assert b'content="noindex, follow"' not in client.get(LISTING).content
        assert b'content="noindex, follow"' in client.get(f"{LISTING}?page=2").content
        assert b'content="noindex, follow"' in client.get(f"{LISTING}?type=member").content


BAD_DATE = "“%(value)s” is not a date in the form YYYY-MM-DD and was ignored."


@pytest.mark.parametrize(
    "params, message, value",
    [
        ("publisher=nobody", "Unknown publisher “%(value)s” was ignored.", "nobody"),
        ("theme=%3Cscript%3E", "Unknown theme “%(value)s” was ignored.", "<script>"),
        ("type=press", "Unknown type of publisher “%(value)s” was ignored.", "press"),
        ("from=2024-02-30", BAD_DATE, "2024-02-30"),
        ("to=yesterday", BAD_DATE, "yesterday"),
        ("from=0001-01-01", BAD_DATE, "0001-01-01"),
        ("to=9999-12-31", BAD_DATE, "9999-12-31"),
        (
            "from=2024-05-01&to=2024-01-01",
            "The start date is after the end date: both were ignored.",
            None,
        ),
        ("publisher=' OR 1=1 --", "Unknown publisher “%(value)s” was ignored.", "' OR 1=1 --"),
        ("theme=%00", "Unknown theme “%(value)s” was ignored.", "\N{REPLACEMENT CHARACTER}"),
    ],
)
def test_bad_filters_are_ignored_with_a_clear_message(client, world, params, message, value):
    response = client.get(f"{LISTING}?{params}")
    assert response.status_code == 200
    html = response.content.decode()
    assert tr("Part of your request could not be used") in html
    assert (tr(message, value=value) if value is not None else tr(message)) in html
    # What could not be used is not applied: the whole list shows.
    assert len(titles(response)) == 4


def test_bad_values_do_not_drop_the_good_ones(client, world):
    response = client.get(f"{LISTING}?publisher=nobody&publisher=health&from=nonsense")
    assert titles(response) == ["Minister speech", "Hospital funding"]
    message = tr("Unknown publisher “%(value)s” was ignored.", value="nobody")
    assert message in response.content.decode()


def test_a_parameter_repeated_thousands_of_times_is_capped(client, world):
    query = "&".join(f"theme=t{n}" for n in range(2000))
    response = client.get(f"{LISTING}?{query}")
    assert response.status_code == 200
    message = tr(
        "Only the first %(count)s values of “%(name)s” were used.", count=20, name=tr("Theme")
    )
    assert message in response.content.decode()


def test_release_query_is_the_one_rule(world, locales):
    """The query object used by listing, feeds and publisher pages, without HTTP."""
    council, finance, health, minister = world["publishers"]
    query = ReleaseQuery(publishers=(finance,), kinds=(Publisher.Kind.ORGANISATION,))
    assert [r.title for r in query.results(locale=locales["nl"])] == [
        "Hospital funding",
        "Budget adjusted",
    ]
    assert [r.title for r in query.results(locale=locales["fr"])] == ["Communiqué en français"]
    # Without a locale: every language.
    assert query.results().count() == 3


def test_form_parses_to_the_query(world):
    from django.http import QueryDict

    form = ReleaseFilterForm(QueryDict("theme=climate&type=member&from=2024-01-01&q=Énergie%21"))
    query = form.release_query
    assert [t.slug for t in query.themes] == ["climate"]
    assert query.kinds == ("member",)
    assert query.date_from.isoformat() == "2024-01-01"
    # The text keeps the web search syntax (here a "!"); PostgreSQL parses it.
    assert query.text == "Énergie!"
    assert form.ignored == []
    assert form.querystring() == "type=member&theme=climate&from=2024-01-01&q=%C3%89nergie%21"


def test_bad_filter_values_are_dropped_with_a_message_and_the_form_says_invalid(world, client):
    from django.http import QueryDict

    form = ReleaseFilterForm(QueryDict("theme=climate&theme=nope&from=2024-02-30&type=x"))
    query = form.release_query
    assert [t.slug for t in query.themes] == ["climate"]
    assert query.date_from is None and query.kinds == ()
    assert len(form.ignored) == 3
    # Django's validation is not bent to say otherwise: the raw parameters are invalid.
    assert not form.is_valid()
    response = client.get("/nl/nieuws/?theme=climate&theme=nope&from=2024-02-30&type=x")
    assert response.status_code == 200


def test_sql_queries_do_not_grow_with_the_releases_shown(
    client, site_structure, factories, django_assert_max_num_queries
):
    themes = [factories.theme(), factories.theme()]
    co = factories.publisher()

    def make(count):
        for n in range(count):
            factories.release(
                publisher=factories.publisher(),
                themes=themes,
                co_publishers=[co],
                published_at=timezone.now() - timedelta(hours=n + 1),
            )

    make(3)
    client.get(LISTING)  # warm caches that live across requests (site root paths)
    with django_assert_max_num_queries(30) as small:
        assert len(titles(client.get(f"{LISTING}?theme={themes[0].slug}"))) == 3
    small_count = len(small)  # read now: the next request empties Django's query log
    make(22)
    client.get(LISTING)  # new publishers were saved: the cached list of them is read again
    with django_assert_max_num_queries(small_count):
        assert len(titles(client.get(f"{LISTING}?theme={themes[0].slug}"))) == 20


@pytest.fixture
def one_publishers_year(site_structure, factories, settings):
    """A publisher's releases as main and as co-publisher, interleaved in time, with ties of
    one minute, next to another publisher's and to what must never show."""
    settings.RELEASES_PER_PAGE = 4
    finance = factories.publisher(slug="finance", name="FPS Finance")
    other = factories.publisher(slug="other", name="Other")
    minister = factories.government_member(slug="minister-a", name="Minister A")
    expected = []
    for n in range(11):
        published_at = at(2024, 1, 1 + n // 2)  # two releases a day: one minute, two pages
        if n % 3 == 0:
            release = factories.release(
                publisher=other, co_publishers=[finance], published_at=published_at
            )
        else:
            release = factories.release(publisher=finance, published_at=published_at)
        expected.append(release)
        factories.release(publisher=other, published_at=published_at)
    factories.release(publisher=finance, publish=False)
    factories.release(publisher=finance, language="fr")
    factories.release(publisher=minister, co_publishers=[finance], published_at=at(2023, 6, 1))
    newest = sorted(expected + [], key=lambda r: (r.published_at, r.pk), reverse=True)
    return {"finance": finance, "minister": minister, "newest": newest}


def test_publisher_filter_pages_through_main_and_co_published_releases(client, one_publishers_year):
    """A filter on a publisher merges its releases and the ones it co-published, newest first
    (by page id within one minute), page after page, with nothing left out or repeated."""
    world = one_publishers_year
    minister_release = ReleaseQuery(publishers=(world["minister"],)).results()[0]
    expected = [release.title for release in world["newest"]] + [minister_release.title]

    shown = []
    for number in (1, 2, 3):
        response = client.get(f"{LISTING}?publisher=finance&page={number}")
        assert count_text(12) in response.content.decode()
        shown += titles(response)
    assert shown == expected
    assert client.get(f"{LISTING}?publisher=finance&page=4").status_code == 404


def test_publisher_filter_results_slice_like_a_list(one_publishers_year):
    world = one_publishers_year
    results = ReleaseQuery(publishers=(world["finance"],)).results()
    everything = [release.pk for release in results]
    assert len(everything) == results.count() == len(results) == 13  # the French one too
    assert [release.pk for release in results[3:9]] == everything[3:9]
    assert [release.pk for release in results[10:]] == everything[10:]
    assert results[5].pk == everything[5]
    assert results[20:30] == []
    # The type filter follows the same rule (main or co-publisher) in one set.
    by_kind = ReleaseQuery(kinds=(Publisher.Kind.GOVERNMENT_MEMBER,)).results()
    assert [release.publisher for release in by_kind] == [world["minister"]]
