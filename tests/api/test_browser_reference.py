"""The API's reference page in a real browser: every operation listed, every asset from the
site itself (no CDN), no Content-Security-Policy violation, and "Try it out" reaches the API."""

import pytest

from tests.browser import new_browser_page
from tests.newsportal.test_csp import COLLECT_VIOLATIONS, violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_reference_page_works_offline_under_the_policy(live_server, chromium, site_structure):
    page = new_browser_page(chromium)
    page.add_init_script(COLLECT_VIOLATIONS)
    console, requested = [], []
    page.on("console", lambda message: console.append(message.text))
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert response.status == 200
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == 7
    page.locator(".opblock-summary", has_text="/api/v1/themes/").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response-col_status", has_text="200").wait_for()
    assert [url for url in requested if not url.startswith(live_server.url)] == []
    assert violations(page, console) == []
