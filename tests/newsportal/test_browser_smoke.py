"""A journalist's journey in a real browser (Debian's Chromium driven by Playwright): home page,
filter the news, open a release, switch language."""

import pytest

from tests.browser import new_browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(chromium):
    return new_browser_page(chromium, viewport={"width": 390, "height": 844})


@pytest.fixture
def journey_content(site_structure, factories):
    finance = factories.publisher(name="FOD Financiën", slug="fod-financien")
    health = factories.publisher(name="FOD Volksgezondheid", slug="fod-volksgezondheid")
    taxes = factories.theme(slug="belastingen")
    release_nl = factories.release(
        title="Nieuwe regels voor de belastingaangifte",
        slug="nieuwe-regels-belastingaangifte",
        lead="De aangifte wordt eenvoudiger voor iedereen.",
        publisher=finance,
        themes=[taxes],
    )
    factories.translation_of(
        release_nl,
        "fr",
        title="Nouvelles règles pour la déclaration fiscale",
        slug="nouvelles-regles-declaration-fiscale",
    )
    factories.release(title="Vaccinatiecampagne van start", publisher=health)
    return {"finance": finance, "release_nl": release_nl}


def test_home_filter_open_release_switch_language(live_server, browser_page, journey_content):
    page = browser_page
    response = page.goto(f"{live_server.url}/nl/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "nl"

    # From the home page to the full news listing.
    page.locator("main a[href='/nl/nieuws/']").first.click()
    page.wait_for_url("**/nl/nieuws/**")
    assert page.get_by_text("Vaccinatiecampagne van start").count() >= 1

    # Filter by publisher (on a phone, behind the "Filters" disclosure): the listing narrows
    # and the URL says so (shareable).
    page.get_by_text("Filters", exact=True).click()
    page.locator("select[name='publisher']").select_option("fod-financien")
    page.locator("form.filters button[type='submit']").click()
    page.wait_for_url("**publisher=fod-financien**")
    assert page.get_by_text("Vaccinatiecampagne van start").count() == 0
    page.get_by_role("link", name="Nieuwe regels voor de belastingaangifte").first.click()
    page.wait_for_url("**/nl/nieuws/nieuwe-regels-belastingaangifte/")
    assert page.locator("h1").inner_text().strip() == "Nieuwe regels voor de belastingaangifte"

    # The language switcher goes to the French version of the same release.
    page.locator("nav.language-switcher a[hreflang='fr']").click()
    page.wait_for_url("**/fr/**nouvelles-regles-declaration-fiscale/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Nouvelles règles" in page.locator("h1").inner_text()
