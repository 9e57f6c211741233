"""The newcomer's path in a real browser: an email the site sent is in the development
mailbox, its HTML part shows in the sandboxed frame, and the link inside it works (the
subscription confirmation opens in a new tab and confirms)."""

import pytest

from subscriptions.models import Subscriber
from tests.browser import new_browser_page
from tests.subscriptions.test_flow import subscribe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mail_page_shows_the_email_and_its_link_works(
    live_server, chromium, settings, tmp_path, site_structure, factories, client,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "newsportal.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    # The links in emails point at the address the site answers on, as with `make run`.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    finance = factories.publisher(name="FPS Finance")
    response = subscribe(client, django_capture_on_commit_callbacks, organisations=[finance.pk])
    assert response.status_code == 302

    page = new_browser_page(chromium, locale="fr-BE")
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    assert page.goto(f"{live_server.url}/dev/mail/").status == 200
    page.get_by_role("link", name="Bevestig uw abonnement op de persberichten").first.click()
    page.wait_for_url("**/dev/mail/*.eml/")
    assert page.locator("h1").inner_text().strip().startswith("Bevestig uw abonnement")

    frame = page.frame_locator("iframe.devmail-html")
    link = frame.locator("a[href*='/subscribe/confirm/']").first
    link.wait_for()
    with page.expect_popup() as popup_info:
        link.click()
    confirm = popup_info.value
    confirm.wait_for_load_state()
    assert confirm.url.startswith(f"{live_server.url}/nl/subscribe/confirm/")
    confirm.locator("main form button[type='submit']").click()
    confirm.wait_for_load_state()
    assert Subscriber.objects.filter(email="reporter@example.org").exists()
    # The email's HTML ran under its own policy: nothing of it was refused on our page.
    assert violations == []
