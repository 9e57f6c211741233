"""A spokesperson on a phone: opens the link from the captured email and approves."""

import pytest
from django.utils.translation import gettext, override

from tests.browser import new_browser_page
from validation.models import MemberValidation

from .conftest import links_by_recipient, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(chromium):
    return new_browser_page(chromium, viewport={"width": 390, "height": 844}, is_mobile=True)


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
