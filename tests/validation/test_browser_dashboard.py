"""A communicator's day starts on the dashboard, in a real browser (Debian's Chromium): they
log in and see a "new press release" link per language, their scheduled release, their
draft, their text in validation with each member's state and their releases' reach. The
test takes the screenshot the documentation shows (docs/screenshots/admin-dashboard.png, written
with UPDATE_SCREENSHOTS=1)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from subscriptions.models import Delivery, Dispatch, Subscriber
from tests.browser import new_browser_page, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reach(release, count):
    now = timezone.now()
    for n in range(count):
        subscriber = Subscriber.objects.create(
            email=f"journalist{n}@example.org",
            content_languages=["nl"],
            email_language="nl",
            confirmed_at=now,
            consent_at=now,
            consent_text="I agree.",
            consent_language="nl",
        )
        dispatch = Dispatch.objects.create(
            subscriber=subscriber, kind=Dispatch.Kind.DIGEST, state=Dispatch.State.SENT
        )
        Delivery.objects.create(subscriber=subscriber, page=release, dispatch=dispatch)


def test_the_dashboard_starts_the_day(
    live_server, chromium, in_validation, council, factories, tmp_path
):
    decision, _state, _links = in_validation
    factories.release(publisher=council, title="Agenda of next week's Council", publish=False)
    embargoed = factories.release(
        publisher=council, title="Budget 2027 presented to Parliament", publish=False
    )
    embargoed.go_live_at = timezone.now() + timedelta(days=1)
    embargoed.save_revision().publish()
    reach(factories.release(publisher=council, title="Federal holiday calendar adopted"), 3)

    page = new_browser_page(chromium, locale="en-GB", viewport={"width": 1280, "height": 1600})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "communicator")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    new_release = page.locator("#new-release-section")
    assert new_release.get_by_role("link", name="New release in NL").count() == 1
    scheduled = page.locator("#release-scheduled-section").inner_text()
    assert "Budget 2027 presented to Parliament" in scheduled
    assert "Agenda of next week's Council" in page.locator("#release-drafts-section").inner_text()
    in_validation_text = page.locator("#in-validation-section").inner_text()
    assert decision.title in in_validation_text and "Minister 1" in in_validation_text
    published = page.locator("#recently-published-section").inner_text()
    assert "Federal holiday calendar adopted" in published

    # The link opens a new release with the publisher chosen.
    new_release.get_by_role("link", name="New release in NL").click()
    page.wait_for_load_state()
    assert page.locator("select[name=publisher]").input_value() == str(council.pk)

    page.go_back()
    page.wait_for_load_state()
    save_screenshot(page, "admin-dashboard.png", tmp_path)
