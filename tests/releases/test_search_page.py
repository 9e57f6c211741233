"""The search page on PostgreSQL (issue 13): highlights escaped safely, facets with counts that
choose several publishers or themes, the count in the other languages with a link, "did you
mean", the header's search box, and a cap on the SQL queries of a search page."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import get_language_info, ngettext
from wagtail.rich_text import RichText

from tests.releases.listing_helpers import titles, tr

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LISTING = "/nl/nieuws/"


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 10))


@pytest.fixture
def world(site_structure, factories):
    finance = factories.publisher(slug="finance", name="FOD Financiën")
    health = factories.publisher(slug="health", name="FOD Volksgezondheid")
    minister = factories.government_member(slug="minister-a", name="Minister A")
    economy = factories.theme(slug="economy", name_nl="Economie")
    care = factories.theme(slug="care", name_nl="Zorg")
    factories.release(
        title="Ontwerpbegroting 2025 ingediend",
        lead="De regering dient de ontwerpbegroting in.",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Het Rekenhof <b>onderzoekt</b> de cijfers &amp; "
                    "tabellen van de begroting.</p>"
                ),
            )
        ],
        publisher=finance,
        themes=[economy],
        published_at=at(2025, 3, 1),
    )
    factories.release(
        title="Begrotingscontrole in de zorg",
        lead="De begroting <script>alert(1)</script> van de ziekenhuizen wordt herzien.",
        publisher=health,
        co_publishers=[minister],
        themes=[care, economy],
        published_at=at(2024, 3, 1),
    )
    factories.release(
        title="Vaccinatiecampagne start",
        lead="De griepvaccinatie begint in oktober.",
        publisher=health,
        themes=[care],
        published_at=at(2024, 10, 1),
    )
    factories.release(
        language="fr",
        title="Le budget est déposé",
        lead="Le gouvernement dépose le projet de budget.",
        publisher=finance,
    )
    factories.release(
        language="de",
        title="Der Haushalt wird vorgelegt",
        lead="Die Regierung legt den Haushalt vor.",
        publisher=finance,
    )
    return {"finance": finance, "health": health, "minister": minister, "economy": economy}


def test_results_show_the_matching_passage_marked_and_escaped(client, world):
    html = client.get(f"{LISTING}?q=begroting").content.decode()
    assert titles(client.get(f"{LISTING}?q=begroting")) == [
        "Ontwerpbegroting 2025 ingediend",
        "Begrotingscontrole in de zorg",
    ]
    assert "<mark>begroting</mark>" in html
    assert "<mark>ontwerpbegroting</mark>" in html
    # Markup typed in a lead is never echoed as markup; the body's rich text is read as text.
    assert "<script>" not in html
    assert "alert(1)" in html
    assert "<b>onderzoekt</b>" not in html
    assert "cijfers &amp; tabellen" in html


def long_body(before, words, after=""):
    """A body of several paragraphs: `before` paragraphs of filler, one with `words`."""
    filler = "<p>" + "Het overleg over de dossiers van de federale diensten gaat verder. " * 8
    paragraphs = [filler + "</p>"] * before + [f"<p>{words}</p>"]
    paragraphs += [filler + after + "</p>"] if after else []
    return [("paragraph", RichText(paragraph)) for paragraph in paragraphs]


def test_a_match_deep_in_a_long_release_gets_its_passage(client, site_structure, factories):
    # About 9,000 characters before the matching sentence: far past what ts_headline is given.
    factories.release(
        title="Overleg met de diensten",
        lead="Een lang verslag.",
        body=long_body(17, "De pensioenhervorming wordt in maart besproken."),
    )
    html = client.get(f"{LISTING}?q=pensioenhervorming").content.decode()
    assert titles(client.get(f"{LISTING}?q=pensioenhervorming")) == ["Overleg met de diensten"]
    assert "<mark>pensioenhervorming</mark> wordt in maart besproken" in html


def test_a_stem_unlike_its_word_still_finds_the_passage(client, site_structure, factories):
    """French "hôpital" is stemmed "hopital", which does not begin "hôpitaux"."""
    factories.release(
        language="fr",
        title="Rapport annuel",
        lead="Un long rapport.",
        body=long_body(17, "Les hôpitaux recevront un financement supplémentaire."),
    )
    html = client.get("/fr/actualites/?q=hôpital").content.decode()
    assert "<mark>hôpitaux</mark> recevront" in html


def test_a_short_release_is_highlighted_whole(client, site_structure, factories):
    factories.release(title="Kort", lead="Alleen de begroting.", body=[])
    html = client.get(f"{LISTING}?q=begroting").content.decode()
    assert "Alleen de <mark>begroting</mark>" in html


def test_headline_needles():
    from releases.search import headline_needles

    assert headline_needles("'pensioenhervorm' | 'pensioenhervorming'") == [
        "pensioenhervo",
        "pensioenhervormi",
    ]
    # Excluded words are not looked for, nor one- or two-letter ones; quotes are unescaped.
    assert headline_needles("'hopital' & !'grev' & 'a' <-> 'l''eau'") == ["hopit", "l'ea"]
    assert headline_needles("'begrot' & 'begrot'") == ["begr"]
    assert len(headline_needles(" | ".join(f"'w{n:02}abcdef'" for n in range(30)))) == 12


def test_facets_count_the_matches_and_choose_several_publishers(client, world):
    html = client.get(f"{LISTING}?q=begroting").content.decode()
    facets = facet_links(html)
    assert facets["FOD Financiën"] == ("1", "q=begroting&publisher=finance")
    assert facets["FOD Volksgezondheid"] == ("1", "q=begroting&publisher=health")
    assert facets["Minister A"] == ("1", "q=begroting&publisher=minister-a")
    assert facets["Economie"] == ("2", "q=begroting&theme=economy")
    assert facets["Zorg"] == ("1", "q=begroting&theme=care")
    assert facets["2025"] == ("1", "q=begroting&from=2025-01-01&to=2025-12-31")
    # One publisher chosen: the others still count what choosing them too would add.
    html = client.get(f"{LISTING}?q=begroting&publisher=finance").content.decode()
    facets = facet_links(html)
    assert facets["FOD Volksgezondheid"] == (
        "1",
        "publisher=finance&q=begroting&publisher=health",
    )
    assert facets["FOD Financiën"] == ("1", "q=begroting")  # applied: the link removes it
    both = client.get(f"{LISTING}?publisher=finance&q=begroting&publisher=health")
    assert titles(both) == ["Ontwerpbegroting 2025 ingediend", "Begrotingscontrole in de zorg"]


def facet_links(html):
    """`{label: (count, query string)}` of the facet links."""
    nav = html[html.index('class="facets"') :]
    found = {}
    for query, body in re.findall(
        r'class="facets__link[^"]*" href="\?([^"]*)"[^>]*>(.*?)</a>', nav, re.S
    ):
        label = body.split('<span class="facets__count"')[0]
        label = re.sub(r"<span.*?</span>", "", label, flags=re.S).strip()
        count = re.search(r"\((\d+)", body).group(1)
        found[label] = (count, query.replace("&amp;", "&"))
    return found


def test_other_languages_are_counted_with_a_link(client, world):
    html = client.get(f"{LISTING}?q=budget").content.decode()
    # Dutch has no "budget"; French has one, found through its own analysis.
    assert titles(client.get(f"{LISTING}?q=budget")) == []
    assert 'href="/fr/actualites/?q=budget" hreflang="fr"' in html
    links = dict(re.findall(r'hreflang="(\w\w)">([^<]+)</a>', html[html.index("listing__lang") :]))
    with translation.override("nl"):
        name = get_language_info("fr")["name_translated"]
        text = ngettext(
            "%(counter)s result in %(language)s", "%(counter)s results in %(language)s", 1
        ) % {"counter": 1, "language": name}
    assert links == {"fr": text}


def test_did_you_mean_a_close_spelling_with_results(client, world):
    html = client.get(f"{LISTING}?q=vaccinatiecampange").content.decode()
    assert titles(client.get(f"{LISTING}?q=vaccinatiecampange")) == []
    assert tr("Did you mean:") in html
    assert 'href="?q=vaccinatiecampagne">vaccinatiecampagne</a>' in html
    # A search with results suggests nothing.
    assert tr("Did you mean:") not in client.get(f"{LISTING}?q=vaccinatie").content.decode()


def test_every_page_has_a_search_box_in_the_header(client, world):
    for url in ("/nl/", LISTING, "/fr/"):
        html = client.get(url).content.decode()
        header = html[html.index('class="site-header"') : html.index("</header>")]
        assert 'class="site-search__form"' in header
        assert 'name="q"' in header
    nl = client.get("/nl/").content.decode()
    assert 'action="/nl/nieuws/"' in nl


def test_a_search_page_has_a_fixed_number_of_queries(
    client, world, factories, django_assert_max_num_queries
):
    client.get(LISTING)  # warm the caches that live across requests
    url = f"{LISTING}?q=begroting&publisher=finance&theme=economy&from=2020-01-01&to=2026-12-31"
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    count = len(first)
    for n in range(25):
        factories.release(
            title=f"Begroting {n}",
            lead="De begroting.",
            publisher=world["finance"],
            themes=[world["economy"]],
            published_at=timezone.now() - timedelta(days=n + 1),
        )
    client.get(LISTING)
    with django_assert_max_num_queries(count):
        assert len(titles(client.get(url))) == 20
    # The plain search, no filter: fewer.
    with django_assert_max_num_queries(25):
        client.get(f"{LISTING}?q=begroting")


# Search text a visitor (or a script) may send: the web search syntax half-written, tsquery
# operators, LIKE wildcards for the compound lookup, words longer than PostgreSQL indexes.
HOSTILE_SEARCHES = [
    '"',
    '"""',
    '"unclosed phrase',
    "-",
    "--begroting",
    '-"',
    "OR",
    "or or OR -",
    "begroting OR",
    "!",
    "&",
    "|",
    ":*",
    "begroting:*",
    "begroting:A",
    "a & | ! : * ( ) < > <-> <2>",
    "'",
    "''",
    "begroting'",
    "\\",
    "begr%oting_",
    "%%%%%",
    "ontwerp-begroting",
    "(begroting",
    "<script>alert(1)</script>",
    "x" * 2500,
    "begroting " * 60,
    "𝕏𝕏𝕏 begroting 💰",
    "a\x00b",
    "\u202e\u200bbegroting",
]


@pytest.mark.parametrize("text", HOSTILE_SEARCHES)
def test_hostile_search_text_gets_a_page(client, world, text):
    for url in (LISTING, "/fr/actualites/"):
        response = client.get(url, {"q": text})
        assert response.status_code == 200, text
        assert b"<script>alert(1)" not in response.content
    response = client.get(LISTING, {"q": text, "sort": "relevance", "publisher": "finance"})
    assert response.status_code == 200
