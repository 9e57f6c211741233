"""Content-Security-Policy: on public pages no inline script or style and no frame but the
videos a reader starts; Wagtail's admin has its own, looser policy. In a real browser a
release with every kind of block (video, images, structured data) and the admin's dashboard
and editor trip no violation."""

import json

import pytest
from django.urls import reverse

from tests.browser import new_browser_page

PUBLIC_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
}


def directives(header):
    result = {}
    for part in header.split(";"):
        name, _space, value = part.strip().partition(" ")
        if name:
            result[name] = value
    return result


@pytest.fixture
def release_with_everything(site_structure, factories):
    body, _media = factories.full_release_body()
    page = factories.release(title="Budget 2027", slug="budget-2027")
    page.body = body
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_public_pages_have_the_strict_policy(client, release_with_everything):
    for url in ("/nl/", release_with_everything.url, reverse("subscriptions:subscribe")):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        for name, value in PUBLIC_DIRECTIVES.items():
            assert policy[name] == value, (url, name, policy)
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert set(policy["frame-src"].split()) == {
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        }


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, admin_user, release_with_everything):
    client.force_login(admin_user)
    for url in ("/admin/", f"/admin/pages/{release_with_everything.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 200
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == "'self' 'unsafe-inline'"
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'self'"
    # The login page too: nothing under /admin/ goes without one.
    client.logout()
    assert "Content-Security-Policy" in client.get("/admin/login/")


# Collects every violation the page reports, from the first script on.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push({
    directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample,
    source: event.sourceFile, line: event.lineNumber
  });
});
"""


def violations(page, console):
    found = page.evaluate("window.__cspViolations")
    found += [message for message in console if "Content Security Policy" in message]
    return found


@pytest.fixture
def watched_page(chromium):
    page = new_browser_page(chromium)
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_release_with_a_video_trips_no_violation(
    live_server, watched_page, release_with_everything
):
    page, console = watched_page
    response = page.goto(f"{live_server.url}{release_with_everything.url}")
    assert response.status == 200
    assert "Content-Security-Policy" in {name.title() for name in response.headers} or (
        "content-security-policy" in response.headers
    )
    # Structured data is a data block: present, never blocked.
    structured = page.locator("script[type='application/ld+json']").first.text_content()
    assert json.loads(structured)["@type"]
    # The reader starts the YouTube video: the player frame is allowed.
    page.locator("button[data-video-provider='youtube']").click()
    frame = page.locator("[data-video-player] iframe")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    page.wait_for_timeout(500)
    assert violations(page, console) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_dashboard_and_editor_trip_no_violation(
    live_server, watched_page, release_with_everything, django_user_model
):
    django_user_model.objects.create_superuser("editor", "editor@example.be", "pw")
    page, console = watched_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name='username']", "editor")
    page.fill("input[name='password']", "pw")
    page.locator("form button[type='submit']").first.click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    found = violations(page, console)
    assert found == [], json.dumps(found, indent=1)
    page.goto(f"{live_server.url}/admin/pages/{release_with_everything.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name='title']").input_value() == "Budget 2027"
    assert violations(page, console) == [], "editor"
