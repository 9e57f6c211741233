"""Which view restrictions apply to a page: Wagtail's answer (the page's and its ancestors',
an alias standing for its source), read in one query (core.pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, get_page_models

from core.pages import ViewRestrictionsInOneQueryMixin

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )


def wagtails_answer(page):
    """What Wagtail's own get_view_restrictions returns, for comparison."""
    return set(Page.get_view_restrictions(page))


def test_restrictions_of_the_page_and_its_ancestors(factories, site_structure):
    news = factories.news_index("fr")
    release = factories.release(language="fr")
    elsewhere = factories.release(language="nl")
    assert set(release.get_view_restrictions()) == set() == wagtails_answer(release)
    on_news = restrict(news)
    on_release = restrict(release)
    restrict(elsewhere)
    assert set(release.get_view_restrictions()) == {on_news, on_release}
    assert set(news.get_view_restrictions()) == {on_news} == wagtails_answer(news)
    assert set(release.get_view_restrictions()) == wagtails_answer(release)
    home = site_structure["fr"]
    on_home = restrict(home)
    assert set(release.get_view_restrictions()) == {on_home, on_news, on_release}
    assert set(home.get_view_restrictions()) == {on_home} == wagtails_answer(home)


def test_an_alias_is_restricted_as_its_source(factories, site_structure):
    release = factories.release(language="fr")
    alias = release.create_alias(parent=factories.news_index("nl"), update_slug="alias")
    on_source = restrict(release)
    assert set(alias.get_view_restrictions()) == {on_source} == wagtails_answer(alias)


def test_one_query(factories, site_structure):
    release = factories.release(language="fr")
    restrict(release)
    with CaptureQueriesContext(connection) as queries:
        assert len(release.get_view_restrictions()) == 1
    assert len(queries) == 1


def test_a_restricted_release_asks_for_its_password(client, factories, site_structure):
    release = factories.release(language="fr", title="Under restriction")
    assert b"Under restriction" in client.get(release.url).content
    restrict(factories.news_index("fr"))
    response = client.get(release.url)
    assert b'name="password"' in response.content
    assert b"Under restriction" not in response.content


def test_every_page_type_of_the_site_reads_them_in_one_query():
    own = [model for model in get_page_models() if model is not Page]
    assert own
    assert [m.__name__ for m in own if not issubclass(m, ViewRestrictionsInOneQueryMixin)] == []
