"""The header and footer links come from the cache, and follow the pages they point to."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.models import ContentPage
from releases.models import NewsIndexPage

FOOTER_LINK = 'href="/fr/accessibilite/"'


def test_navigation_follows_publishing_moving_and_deleting(client, site_structure):
    home = site_structure["fr"]
    assert FOOTER_LINK not in client.get("/fr/").content.decode()

    page = ContentPage(title="Accessibilité", slug="accessibilite", body="<p>Texte</p>")
    page.locale = home.locale
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/fr/").content.decode()
    assert FOOTER_LINK in html
    assert 'href="/fr/actualites/"' in html

    # Renamed: the footer follows once the new title and slug are published.
    page.title, page.slug = "Accessibilité numérique", "accessibilite-numerique"
    page.save_revision().publish()
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/accessibilite-numerique/"' in html and FOOTER_LINK not in html

    page.unpublish()
    assert "accessibilite-numerique" not in client.get("/fr/").content.decode()

    # The news listing moved under another section: the header link follows.
    news = site_structure["fr"].get_children().get(slug="actualites").specific
    council = site_structure["fr"].get_children().get(slug="conseil-des-ministres")
    news.move(council, pos="last-child")
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/conseil-des-ministres/actualites/"' in html

    news.refresh_from_db()
    news.delete()
    html = client.get("/fr/").content.decode()
    assert "actualites" not in html


def test_navigation_costs_no_query_once_cached(client, site_structure):
    client.get("/fr/contacts/")  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/fr/contacts/").content.decode()
    assert 'href="/fr/actualites/"' in html
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "releases_contentpage" not in sql
    assert "releases_councilindexpage" not in sql


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


def test_restricted_sections_are_not_offered_as_translations(client, site_structure):
    """The switcher and hreflang links of the sections come from the cached navigation: a
    restricted section is left out there as everywhere, and comes back with its restriction gone."""
    assert "de" in alternates(client.get("/nl/nieuws/").content.decode())

    german = NewsIndexPage.objects.get(locale__language_code="de")
    PageViewRestriction.objects.create(page=german, restriction_type="password", password="x")
    assert "de" not in alternates(client.get("/nl/nieuws/").content.decode())

    PageViewRestriction.objects.all().delete()
    assert "de" in alternates(client.get("/nl/nieuws/").content.decode())


def test_an_expired_section_is_not_offered_as_a_translation(client, site_structure):
    # Past its expiry, not yet unpublished by the scheduler.
    german = NewsIndexPage.objects.get(locale__language_code="de")
    NewsIndexPage.objects.filter(pk=german.pk).update(expire_at=timezone.now() - timedelta(hours=1))
    html = client.get("/nl/nieuws/").content.decode()
    assert "de" not in alternates(html)
    assert 'href="/de/nachrichten/"' not in html


def test_a_restricted_home_leaves_the_language_switcher(client, site_structure):
    client.get("/nl/")  # fills the cache
    PageViewRestriction.objects.create(
        page=site_structure["de"], restriction_type="password", password="x"
    )
    html = client.get("/nl/").content.decode()
    assert "de" not in alternates(html)
