"""On a phone (390 × 844), the first screen of every page shows that page's content, not just the
header and the menu (the news listing's releases, not its filters; the contacts page's jump
list), and the contacts page's cards are compact: measured in a real browser (Debian's
Chromium)."""

import pytest

from tests.browser import new_browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(site_structure, factories):
    publisher = factories.publisher(name="FOD Financiën", slug="fod-financien")
    factories.contact(publisher, name="Marie Dubois")
    for n in range(3):
        factories.release(title=f"Nieuwe regels voor de belastingaangifte {n}", publisher=publisher)
    return factories.release(title="De begroting is klaar", publisher=publisher)


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


def test_header_is_short_and_content_starts_on_the_first_screen(live_server, chromium, world):
    page = new_browser_page(chromium, viewport=PHONE)
    page.goto(f"{live_server.url}/nl/")
    header = page.locator(".site-header").bounding_box()
    # Brand and languages, the search box, the menu: it took about 300 px before, without
    # the search box.
    assert header["height"] <= 200, header
    # The menu keeps every link.
    assert page.locator(".main-nav__link").count() >= 4
    first_release = page.locator(".home__latest .release-list__item").first.bounding_box()
    assert first_release["y"] + 60 < PHONE["height"], first_release

    page.goto(f"{live_server.url}{world.url}")
    assert top(page, ".release__title") < 250
    assert top(page, ".release__facts") < PHONE["height"]

    page.goto(f"{live_server.url}/nl/contacts/")
    # The search and the count of what it found are on the first screen; the jump list to each
    # section follows, before the long list.
    assert top(page, "input[name=q]") < PHONE["height"]
    assert top(page, ".contact-points__count") < PHONE["height"]
    assert top(page, ".jump-list") < top(page, ".contact-points__section")


def page_height(page):
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.fixture
def directory(site_structure, factories):
    """A directory the size of a real one's start: the Council, a government and federal
    institutions, each with press contacts whose cards carry every detail."""

    def contacts(publisher, count):
        for n in range(count):
            factories.contact(
                publisher,
                name=f"{publisher.name} Contact {n}",
                phone="+32 2 123 45 67",
                mobile="+32 470 12 34 56",
                languages="nl,fr,en",
                position_nl="Woordvoerder",
            )

    contacts(factories.council(), 2)
    for n in range(12):
        contacts(factories.government_member(name=f"Minister {n}"), 2)
    for n in range(20):
        contacts(factories.publisher(name=f"FOD Dienst {n}", slug=f"fod-dienst-{n}"), 1)


def test_news_listing_shows_releases_before_the_filters(live_server, chromium, world):
    page = new_browser_page(chromium, viewport=PHONE)
    listing_url = f"{live_server.url}{world.get_parent().url}"
    page.goto(listing_url)
    # The first release was about 1,140 px down, under the filter form.
    first_release = page.locator(".listing__results .release-list__item").first.bounding_box()
    assert first_release["y"] + 60 < PHONE["height"], first_release
    # The filters are one tap away, behind a disclosure that needs no script; they work.
    disclosure = page.locator("details.filters-disclosure")
    assert disclosure.get_attribute("open") is None
    page.locator("details.filters-disclosure > summary").click()
    search = page.locator(".filters input[name=q]")
    assert search.is_visible()
    search.fill("begroting")
    page.get_by_role("button", name="Persberichten tonen").click()
    page.wait_for_load_state()
    assert "begroting" in page.url

    # On a wide screen the filters are shown without the disclosure.
    wide = new_browser_page(chromium, viewport={"width": 1280, "height": 900})
    wide.goto(listing_url)
    assert wide.locator(".filters input[name=q]").is_visible()
    assert not wide.locator("details.filters-disclosure > summary").is_visible()


def test_contacts_page_is_compact_on_a_phone(live_server, chromium, directory):
    page = new_browser_page(chromium, viewport=PHONE)
    page.goto(f"{live_server.url}/nl/contacts/")
    # The jump list starts on the first screen, and takes the reader to a section.
    assert top(page, ".jump-list") < PHONE["height"]
    page.locator(".jump-list__sections a").last.click()
    assert page.url.endswith("#section-organisation")
    # A card with every detail: about 350 px before, 186 px now; this directory's page went
    # from about 20,900 px to 12,100.
    card = page.locator(".contact-card").first.bounding_box()
    assert card["height"] < 230, card
    assert page_height(page) < 14_000
