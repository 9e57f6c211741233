"""sitemap.xml: an index of sections; every live public page in every language with its
hreflang alternates; nothing that is not live; a constant number of queries per page."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.models import ContentPage

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
BASE = "http://testserver"


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def index_locations(client):
    root = fetch(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]


def entries(client, url):
    """{location: {hreflang: href}} of one sitemap page."""
    root = fetch(client, url.removeprefix(BASE))
    result = {}
    for node in root.findall("sm:url", NS):
        location = node.find("sm:loc", NS).text
        result[location] = {
            link.get("hreflang"): link.get("href")
            for link in node.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
    return result


def all_entries(client):
    found = {}
    for location in index_locations(client):
        found.update(entries(client, location))
    return found


def test_index_lists_sections(client, site_structure):
    locations = index_locations(client)
    assert f"{BASE}/sitemap-pages.xml" in locations
    assert f"{BASE}/sitemap-releases.xml" in locations
    assert f"{BASE}/sitemap-views.xml" in locations


def test_every_live_page_in_every_language(client, site_structure, factories):
    meeting = factories.meeting(title="Ministerraad")
    decision = factories.release(parent=meeting, publisher=factories.council())
    home = site_structure["fr"]
    accessibility = ContentPage(
        title="Accessibilité", slug="accessibilite", body="<p>Texte</p>", locale=home.locale
    )
    home.add_child(instance=accessibility)
    accessibility.save_revision().publish()
    release = factories.release(language="en")

    found = all_entries(client)
    for code in ("fr", "nl", "de", "en"):
        assert f"{BASE}/{code}/" in found
    for url in (
        "/nl/nieuws/",
        "/fr/actualites/",
        "/de/nachrichten/",
        "/en/news/",
        "/nl/ministerraad/",
        "/fr/conseil-des-ministres/",
        meeting.url,
        decision.url,
        "/fr/accessibilite/",
        release.url,
    ):
        assert f"{BASE}{url}" in found, url
    for code in ("fr", "nl", "de", "en"):
        assert f"{BASE}/{code}/contacts/" in found
        assert f"{BASE}/{code}/feeds/" in found
    # The homes are translations of one another.
    assert found[f"{BASE}/fr/"] == {
        "fr": f"{BASE}/fr/",
        "nl": f"{BASE}/nl/",
        "de": f"{BASE}/de/",
        "en": f"{BASE}/en/",
        "x-default": f"{BASE}/nl/",
    }


def test_alternates_list_only_live_translations(client, site_structure, factories):
    nl = factories.release(language="nl", slug="begroting")
    fr = factories.translation_of(nl, "fr", slug="budget")
    de = factories.translation_of(nl, "de", slug="haushalt")
    de.unpublish()

    found = entries(client, "/sitemap-releases.xml")
    expected = {
        "nl": f"{BASE}/nl/nieuws/begroting/",
        "fr": f"{BASE}/fr/actualites/budget/",
        "x-default": f"{BASE}/nl/nieuws/begroting/",
    }
    assert found[f"{BASE}{nl.url}"] == expected
    assert found[f"{BASE}{fr.url}"] == expected
    assert f"{BASE}/de/nachrichten/haushalt/" not in found
    assert "haushalt" not in client.get("/sitemap-releases.xml").content.decode()


def test_nothing_that_is_not_live(client, site_structure, factories):
    live = factories.release(title="Live")
    factories.release(slug="draft-release", publish=False, live=False)
    factories.release(
        slug="scheduled-release", live=False, go_live_at=timezone.now() + timedelta(days=1)
    )
    expired = factories.release(slug="expired-release")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    private = factories.release(slug="private-release")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished = factories.release(slug="unpublished-release")
    unpublished.unpublish()
    hidden_meeting = factories.meeting(slug="hidden-meeting", publish=False, live=False)

    text = b"".join(
        client.get(location.removeprefix(BASE)).content for location in index_locations(client)
    ).decode()
    assert live.url in text
    for slug in (
        "draft-release",
        "scheduled-release",
        "expired-release",
        "private-release",
        "unpublished-release",
        hidden_meeting.slug,
    ):
        assert slug not in text


def test_releases_are_paginated(client, site_structure, factories, monkeypatch):
    from releases.sitemaps import ReleaseSitemap

    monkeypatch.setattr(ReleaseSitemap, "limit", 2)
    releases = [factories.release() for _ in range(5)]
    locations = index_locations(client)
    pages = [loc for loc in locations if "sitemap-releases.xml" in loc]
    assert pages == [
        f"{BASE}/sitemap-releases.xml",
        f"{BASE}/sitemap-releases.xml?p=2",
        f"{BASE}/sitemap-releases.xml?p=3",
    ]
    seen = {}
    for page in pages:
        seen.update(entries(client, page))
    assert sorted(seen) == sorted(f"{BASE}{release.url}" for release in releases)
    assert client.get("/sitemap-releases.xml?p=4").status_code == 404


def test_queries_do_not_grow_with_urls(client, site_structure, factories):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap-releases.xml").status_code == 200
        return len(queries)

    first = factories.release()
    factories.translation_of(first, "fr")
    client.get("/sitemap-releases.xml")
    few = count()
    for _ in range(8):
        page = factories.release()
        factories.translation_of(page, "fr")
        factories.translation_of(page, "en")
    assert count() == few
