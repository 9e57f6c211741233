"""What PostgreSQL's search reads on the release row (migration 0012): its page's state (live,
expiry, locale) and the ids of its themes and co-publishers, copied by triggers. The search
must follow every change of the page table at once, whatever writes it, and never show what
the page table hides."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from releases.models import PressReleasePage
from tests.releases.listing_helpers import titles

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SEARCH = "/nl/nieuws/?q=begroting"
# The French listing counts the Dutch matches in its "in other languages" line.
FROM_FRENCH = "/fr/actualites/?q=begroting"


@pytest.fixture
def release(site_structure, factories):
    factories.release(title="Begroting voor de spoorwegen", publisher=factories.publisher())
    return factories.release(title="Begroting voor de gevangenissen")


def found(client):
    return titles(client.get(SEARCH))


def dutch_count_from_french(client):
    html = client.get(FROM_FRENCH).content.decode()
    match = re.search(r'hreflang="nl">(\d+)', html)
    return int(match.group(1)) if match else 0


def test_unpublished_and_republished(client, release):
    assert "Begroting voor de gevangenissen" in found(client)
    assert dutch_count_from_french(client) == 2
    release.unpublish()
    assert found(client) == ["Begroting voor de spoorwegen"]
    assert dutch_count_from_french(client) == 1
    release.refresh_from_db()
    release.save_revision().publish()
    assert "Begroting voor de gevangenissen" in found(client)
    assert dutch_count_from_french(client) == 2


def test_a_raw_update_of_the_page_table_is_followed(client, release):
    pages = Page.objects.filter(pk=release.pk)
    pages.update(live=False)
    assert found(client) == ["Begroting voor de spoorwegen"]
    pages.update(live=True, expire_at=timezone.now() - timedelta(minutes=1))
    assert found(client) == ["Begroting voor de spoorwegen"]
    pages.update(expire_at=timezone.now() + timedelta(days=1))
    assert "Begroting voor de gevangenissen" in found(client)


def test_a_view_restriction_hides_it_from_the_search(client, release):
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert found(client) == ["Begroting voor de spoorwegen"]
    assert dutch_count_from_french(client) == 1


def test_the_copies_equal_what_they_copy(release, factories):
    economy, care = factories.theme(slug="economy"), factories.theme(slug="care")
    minister = factories.government_member(slug="minister-a")
    other = factories.release(title="Derde", themes=[economy], co_publishers=[minister])
    assert row(other) == (True, None, other.locale_id, [economy.pk], [minister.pk])
    # Published again with other themes and no co-publisher: the editor's path.
    other.themes.set([care, economy])
    other.co_publishers.set([])
    other.save_revision().publish()
    assert row(other)[3:] == (sorted([care.pk, economy.pk]), [])
    # Deleting a theme deletes its links.
    economy.delete()
    assert row(other)[3] == [care.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM releases_pressreleasepage r
            JOIN wagtailcore_page p ON p.id = r.page_ptr_id
            WHERE r.page_live IS DISTINCT FROM p.live
               OR r.page_expire_at IS DISTINCT FROM p.expire_at
               OR r.page_locale_id IS DISTINCT FROM p.locale_id
               OR r.theme_ids <> coalesce((SELECT array_agg(theme_id ORDER BY theme_id)
                    FROM releases_pressreleasepage_themes t
                    WHERE t.pressreleasepage_id = r.page_ptr_id), '{}')
            """
        )
        assert cursor.fetchone() == (0,)


def test_bulk_written_releases_carry_their_links(site_structure, factories):
    """releases.bulk writes the links before the rows: the rows' insert trigger copies them."""
    from tests.releases.test_bulk import write_releases

    themes = [factories.theme(), factories.theme()]
    minister = factories.government_member()
    pages = write_releases(3, themes=themes, co_publishers=[minister])
    for page in pages:
        assert row(page) == (
            True,
            None,
            page.locale_id,
            sorted(theme.pk for theme in themes),
            [minister.pk],
        )


def row(release):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_live, page_expire_at, page_locale_id, theme_ids, co_publisher_ids "
            "FROM releases_pressreleasepage WHERE page_ptr_id = %s",
            [release.pk],
        )
        return cursor.fetchone()


def test_cards_show_the_copied_themes(client, release, factories):
    theme = factories.theme(slug="prisons", name_nl="Gevangenissen")
    page = PressReleasePage.objects.get(pk=release.pk)
    page.themes.set([theme])
    page.save_revision().publish()
    html = client.get(SEARCH).content.decode()
    assert "Gevangenissen" in html


def test_a_publisher_also_listed_as_co_publisher_counts_once(client, site_structure, factories):
    from tests.releases.test_search_page import facet_links

    finance = factories.publisher(slug="finance", name="FOD Financiën")
    minister = factories.government_member(slug="minister-a", name="Minister A")
    factories.release(title="Begroting 2026", publisher=finance, co_publishers=[finance, minister])
    facets = facet_links(client.get(SEARCH).content.decode())
    assert facets["FOD Financiën"][0] == "1"
    assert facets["Minister A"][0] == "1"
    kinds = {label: count for label, (count, query) in facets.items() if "type=" in query}
    assert sorted(kinds.values()) == ["1", "1"]
