from wagtail.models import Page, Site

from core.models import HomePage
from core.site_structure import ensure_site_structure
from releases.models import CouncilIndexPage, NewsIndexPage


def test_four_language_trees_linked_as_translations(site_structure):
    homes = HomePage.objects.all()
    assert sorted(h.locale.language_code for h in homes) == ["de", "en", "fr", "nl"]
    assert len({h.translation_key for h in homes}) == 1
    assert NewsIndexPage.objects.count() == 4
    assert CouncilIndexPage.objects.count() == 4
    assert Site.objects.get(is_default_site=True).root_page.specific.locale.language_code == "nl"
    urls = sorted(p.url for p in NewsIndexPage.objects.all())
    assert urls == ["/de/nachrichten/", "/en/news/", "/fr/actualites/", "/nl/nieuws/"]


def test_site_structure_is_idempotent(site_structure):
    before = Page.objects.count()
    ensure_site_structure()
    assert Page.objects.count() == before
