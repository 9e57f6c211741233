"""The routes of the section pages are remembered per process (core.routing), and never
outlive what they point to: unpublished, renamed, moved or restricted sections answer as
Wagtail's own routing would."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from core import routing
from releases.models import NewsIndexPage


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries.captured_queries]


def _news(site_structure, language="fr"):
    return site_structure[language].get_children().get(slug__in=["actualites", "nieuws"]).specific


def test_a_remembered_route_skips_the_site_and_tree_lookups(client, site_structure):
    first, first_sql = _queries(client, "/fr/actualites/")
    again, again_sql = _queries(client, "/fr/actualites/")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert any('FROM "wagtailcore_site"' in sql for sql in first_sql)
    assert not any('FROM "wagtailcore_site"' in sql for sql in again_sql)
    assert len(again_sql) <= len(first_sql) - 3
    # The other language, a sub-page (feed) and the home page: each its own route.
    assert client.get("/nl/nieuws/").status_code == 200
    assert b"<rss" in client.get("/fr/actualites/rss/").content
    assert b"<rss" in client.get("/fr/actualites/rss/").content
    assert client.get("/fr/").status_code == client.get("/fr/").status_code == 200
    assert client.get("/fr/actualites/no-such-feed/").status_code == 404
    assert client.get("/fr/actualites/no-such-feed/").status_code == 404


def test_an_unpublished_section_is_not_served_from_its_remembered_route(client, site_structure):
    news = _news(site_structure)
    client.get("/fr/actualites/")
    # Behind the signals' back (a bulk update, another process): the route is only a hint.
    NewsIndexPage.objects.filter(pk=news.pk).update(live=False)
    assert client.get("/fr/actualites/").status_code == 404
    NewsIndexPage.objects.filter(pk=news.pk).update(live=True)
    assert client.get("/fr/actualites/").status_code == 200

    client.get("/fr/actualites/")
    news.unpublish()
    assert client.get("/fr/actualites/").status_code == 404


def test_a_renamed_section_leaves_its_old_address(client, site_structure):
    news = _news(site_structure)
    assert client.get("/fr/actualites/").status_code == 200
    news.slug = "nouvelles"
    news.save_revision().publish()
    assert client.get("/fr/actualites/").status_code == 404
    assert client.get("/fr/nouvelles/").status_code == 200


def test_a_restricted_section_asks_for_its_password_after_being_remembered(client, site_structure):
    news = _news(site_structure)
    assert client.get("/fr/actualites/").status_code == 200
    # Without the signals (another process's change this one has not heard of yet): the
    # remembered route still goes through Wagtail's view restriction check.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=news, restriction_type="password", password="s3cret")]
    )
    response = client.get("/fr/actualites/")
    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert b"release-list" not in response.content and b"listing__count" not in response.content


def test_another_host_is_routed_to_its_own_site(client, site_structure):
    client.get("/fr/actualites/")
    other = Site.objects.create(
        hostname="other.example", port=80, root_page=site_structure["nl"], site_name="Other"
    )
    try:
        # The same path on another host is another route (and Wagtail's answer for it).
        response = client.get("/fr/actualites/", HTTP_HOST="other.example")
        assert response.status_code in (200, 404)
        assert client.get("/fr/actualites/").status_code == 200
    finally:
        other.delete()


def test_routes_are_bounded(client, site_structure, monkeypatch):
    monkeypatch.setattr(routing, "MAX_ROUTES", 2)
    for url in ("/fr/", "/fr/actualites/", "/nl/nieuws/", "/de/"):
        assert client.get(url).status_code == 200
    assert len(routing._routes) == 2


def test_release_pages_are_not_remembered(client, site_structure, factories):
    release = factories.release(language="fr")
    routing.forget_routes()
    assert client.get(release.url).status_code == 200
    assert all(entry[2] is not type(release) for entry in routing._routes.values())


def test_a_release_is_routed_from_its_remembered_section(client, site_structure, factories):
    release = factories.release(language="fr")
    url = release.url
    assert client.get("/fr/actualites/").status_code == 200  # the section, remembered
    first, first_sql = _queries(client, url)
    assert first.status_code == 200
    assert not any('FROM "wagtailcore_site"' in sql for sql in first_sql)
    assert release.title.encode() in first.content
    # Gone from under a remembered section: Wagtail's answer, a 404.
    release.unpublish()
    assert client.get(url).status_code == 404
    assert client.get("/fr/actualites/").status_code == 200
