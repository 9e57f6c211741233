"""The publisher ("source") page: source block, press contacts, latest releases, feeds."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.releases.listing_helpers import count_text, titles, tr

pytestmark = pytest.mark.django_db


def ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def finance(site_structure, factories):
    publisher = factories.publisher(
        slug="finance",
        name="FPS Finance",
        name_nl="FOD Financiën",
        name_fr="SPF Finances",
        acronym_nl="FIN",
        address="Koning Albert II-laan 33\n1030 Brussel",
        phone="+32 2 572 57 57",
        website="https://finance.belgium.be",
        email="press@minfin.fed.be",
    )
    factories.contact(publisher, name="Anna Spokes", phone="+32 2 111 11 11")
    factories.contact(publisher, name="Gone Contact", is_active=False)
    other = factories.publisher(slug="health")
    factories.release(title="Own release", publisher=publisher, published_at=ago(3))
    factories.release(
        title="Co-published release",
        publisher=other,
        co_publishers=[publisher],
        published_at=ago(1),
    )
    factories.release(title="Someone else's release", publisher=other, published_at=ago(2))
    factories.release(
        language="fr", title="Communiqué des Finances", publisher=publisher, published_at=ago(4)
    )
    return publisher


def test_url_names():
    with translation.override("nl"):
        assert reverse("releases:publisher", args=["finance"]) == "/nl/source/finance/"
        assert reverse("releases:publisher_rss", args=["finance"]) == "/nl/source/finance/rss/"
        assert reverse("releases:publisher_atom", args=["finance"]) == "/nl/source/finance/atom/"


def test_publisher_page(client, finance):
    response = client.get("/nl/source/finance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>FOD Financiën", html)
    # The source block.
    assert "Koning Albert II-laan 33<br>1030 Brussel" in html
    assert "+32 2 572 57 57" in html and "https://finance.belgium.be" in html
    # Active press contacts only, with their vCard.
    assert "Anna Spokes" in html and "Gone Contact" not in html
    assert "/vcard/" in html
    # Its releases in this language, main or co-publisher, newest first.
    assert titles(response) == ["Co-published release", "Own release"]
    assert count_text(2) in html


def test_other_language(client, finance):
    response = client.get("/fr/source/finance/")
    assert response.status_code == 200
    assert re.search(r"<h1[^>]*>SPF Finances", response.content.decode())
    assert titles(response) == ["Communiqué des Finances"]


def test_feed_links_and_autodiscovery(client, finance):
    html = client.get("/nl/source/finance/").content.decode()
    for kind in ("rss", "atom"):
        assert re.search(
            rf'<link rel="alternate" type="application/{kind}\+xml" title="[^"]+" '
            rf'href="/nl/source/finance/{kind}/">',
            html,
        )
    assert 'href="/nl/source/finance/rss/" type="application/rss+xml"' in html


def test_unknown_publisher_is_404(client, site_structure):
    assert client.get("/nl/source/nobody/").status_code == 404


def test_former_member_keeps_a_page(client, site_structure, factories):
    former = factories.government_member(
        slug="former-minister",
        name="Jan Former",
        is_active=False,
        term_start=date(2014, 10, 11),
        term_end=date(2018, 12, 9),
    )
    factories.release(title="Statement from 2017", publisher=former)
    response = client.get("/nl/source/former-minister/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        tr(
            "Former member of the government: "
            "this page keeps the releases published during the term."
        )
        in html
    )
    assert titles(response) == ["Statement from 2017"]


def test_dissolved_institution_keeps_a_page(client, site_structure, factories):
    factories.publisher(slug="dissolved", is_active=False)
    response = client.get("/nl/source/dissolved/")
    assert response.status_code == 200
    html = response.content.decode()
    note = "This institution no longer publishes: this page keeps its archived releases."
    assert tr(note) in html
    assert tr("No release of this source in this language yet.") in html


def test_pagination(client, site_structure, factories, settings):
    settings.RELEASES_PER_PAGE = 2
    publisher = factories.publisher(slug="busy")
    for n in range(3):
        factories.release(title=f"Item {n}", publisher=publisher, published_at=ago(n + 1))
    assert titles(client.get("/nl/source/busy/")) == ["Item 0", "Item 1"]
    second = client.get("/nl/source/busy/?page=2")
    assert titles(second) == ["Item 2"]
    assert 'rel="prev" href="?"' in second.content.decode()
    assert client.get("/nl/source/busy/?page=3").status_code == 404
    odd = client.get("/nl/source/busy/?page=%00x")
    assert odd.status_code == 200
    message = "“%(value)s” is not a page number: the first page is shown."
    assert tr(message, value="\N{REPLACEMENT CHARACTER}x") in odd.content.decode()


def test_sql_queries_do_not_grow_with_releases(
    client, site_structure, factories, django_assert_max_num_queries
):
    publisher = factories.publisher(slug="prolific")
    factories.contact(publisher)
    theme = factories.theme()

    def make(count):
        for n in range(count):
            factories.release(
                publisher=publisher,
                themes=[theme],
                co_publishers=[factories.publisher()],
                published_at=ago(n + 1),
            )

    make(3)
    client.get("/nl/source/prolific/")
    with django_assert_max_num_queries(30) as small:
        assert len(titles(client.get("/nl/source/prolific/"))) == 3
    small_count = len(small)  # read now: the next request empties Django's query log
    make(22)
    client.get("/nl/source/prolific/")  # new publishers were saved: their cached list is read again
    with django_assert_max_num_queries(small_count):
        assert len(titles(client.get("/nl/source/prolific/"))) == 20
