"""On a phone (390 × 844), the first screen of every page shows that page's content, not just the
header and the menu: measured in a real browser (Debian's Chromium)."""

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
