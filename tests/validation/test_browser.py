"""A spokesperson on a phone: opens the link from the captured email and approves."""

import pytest
from django.utils.translation import gettext, override

from validation.models import MemberValidation

from .conftest import links_by_recipient, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def phone(monkeypatch):
    # Playwright's sync API runs an event loop: let the test's ORM calls through.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="nl-BE", is_mobile=True
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def test_spokesperson_approves_on_a_phone(
    live_server, phone, make_decision, members, communicator, submit
):
    decision = make_decision(members[1:2])
    submit(decision, communicator)
    url = links_by_recipient()["spokes1a@example.be"]
    assert "/nl/validation/" in url

    response = phone.goto(live_server.url + path_of(url))
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert phone.locator("html").get_attribute("lang") == "nl"
    assert phone.locator("h1").inner_text().strip() == "Reform of the federal pension scheme"
    # Opening the page (and anything the browser preloads) changed nothing.
    assert MemberValidation.objects.get().status == "pending"

    with override("nl"):
        approve, thanks = gettext("Approve"), gettext("Thank you")
    button = phone.get_by_role("button", name=approve)
    box = button.bounding_box()
    # Reachable and big enough for a thumb on a 390 px wide screen.
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44
    button.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text().strip() == thanks

    row = MemberValidation.objects.get()
    assert (row.status, row.decided_by_email) == ("approved", "spokes1a@example.be")
    decision.refresh_from_db()
    assert decision.live
