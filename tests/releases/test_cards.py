"""Release cards name their publishers and themes from a cached list: it follows every change."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from directory.models import GovernmentMember, Organisation, Publisher
from releases.cards import all_publishers, all_themes, with_card_relations
from releases.models import PressReleasePage, Theme

pytestmark = pytest.mark.django_db

LISTING = "/nl/nieuws/"


def card_links(html):
    """(publisher names, theme names) of the first card of a page."""
    card = html.split('class="release-card"', 1)[1].split("</article>", 1)[0]
    publishers = re.findall(r'href="/nl/source/[^"]+">([^<]+)</a>', card)
    themes = re.findall(r'class="release-card__theme"><a [^>]+>([^<]+)</a>', card)
    return publishers, themes


def test_cards_show_publishers_and_themes_in_their_order(client, site_structure, factories):
    main = factories.publisher(name="Main publisher", sort_order=5)
    late = factories.publisher(name="Zeta agency", sort_order=9)
    early = factories.publisher(name="Alpha agency", sort_order=1)
    second = factories.theme(name_nl="Tweede", sort_order=2)
    first = factories.theme(name_nl="Eerste", sort_order=1)
    factories.release(publisher=main, co_publishers=[late, early], themes=[second, first])

    publishers, themes = card_links(client.get(LISTING).content.decode())

    assert publishers == ["Main publisher", "Alpha agency", "Zeta agency"]
    assert themes == ["Eerste", "Tweede"]


def test_renamed_publisher_and_theme_show_at_once(client, site_structure, factories):
    publisher = factories.publisher(name="Old name")
    theme = factories.theme(name_nl="Oud thema")
    factories.release(publisher=publisher, themes=[theme])
    assert card_links(client.get(LISTING).content.decode()) == (["Old name"], ["Oud thema"])

    publisher.name = "New name"
    publisher.save()
    theme.name_nl = "Nieuw thema"
    theme.save()

    assert card_links(client.get(LISTING).content.decode()) == (["New name"], ["Nieuw thema"])
    # The filter form offers the new names too.
    html = client.get(LISTING).content.decode()
    assert ">New name</option>" in html and ">Nieuw thema</option>" in html


def test_publishers_and_themes_missing_from_the_cache_are_read(site_structure, factories):
    """Rows written without signals (bulk loads, imports) are not in the cached lists yet:
    the cards read them from the database rather than lose them."""
    all_publishers(), all_themes()  # filled before the bulk insert
    (publisher,) = Publisher.objects.bulk_create([Publisher(name="Bulk", slug="bulk")])
    (theme,) = Theme.objects.bulk_create(
        [Theme(slug="bulk", name_fr="b", name_nl="Bulk thema", name_de="b", name_en="b")]
    )
    co = factories.publisher(name="Co")
    release = factories.release(publisher=co, co_publishers=[publisher], themes=[theme])

    (card,) = with_card_relations(PressReleasePage.objects.filter(pk=release.pk))

    assert card.publisher == co
    assert card.card_co_publishers == [publisher]
    assert card.card_themes == [theme]


def test_card_relations_cost_the_same_for_one_or_many_releases(
    site_structure, factories, django_assert_max_num_queries
):
    themes = [factories.theme(), factories.theme()]
    factories.release(themes=themes, co_publishers=[factories.publisher()])
    all_publishers(), all_themes()
    # The releases with their locale, their theme links, their co-publisher links.
    with django_assert_max_num_queries(3):
        assert len(with_card_relations(PressReleasePage.objects.all())[:]) == 1
    for n in range(5):
        factories.release(
            themes=themes,
            co_publishers=[factories.publisher()],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
    all_publishers(), all_themes()
    with django_assert_max_num_queries(3):
        releases = with_card_relations(PressReleasePage.objects.all())[:]
    assert len(releases) == 6
    assert all(len(release.card_co_publishers) == 1 for release in releases)


def test_publishers_edited_as_the_admin_does_show_at_once(client, site_structure, factories):
    """The admin edits publishers through proxy models (organisations, government members):
    their saves drop the cached list as well."""
    publisher = factories.publisher(name="Old name")
    factories.release(publisher=publisher)
    assert "Old name" in client.get(LISTING).content.decode()

    organisation = Organisation.objects.get(pk=publisher.pk)
    organisation.name = "New name"
    organisation.save()
    GovernmentMember.objects.create(name="Brand New Minister", slug="brand-new")

    html = client.get(LISTING).content.decode()
    assert card_links(html)[0] == ["New name"]
    assert ">Brand New Minister</option>" in html
