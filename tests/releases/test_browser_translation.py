"""A communicator translates their release in a real browser (Debian's Chromium): from the
release's "Translate this page" they choose French, see the Dutch text beside each field,
enter the French title, save it and publish. The test takes the screenshot of the translation
editor the documentation shows (docs/screenshots/admin-translation.png, written with
UPDATE_SCREENSHOTS=1)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Collection

from releases.models import PressReleasePage
from releases.permissions import ensure_communicators_group
from tests import factories as f
from tests.browser import new_browser_page, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def communicator(site_structure):
    if not Collection.objects.exists():
        # Transactional tests flush the root collection the migrations made.
        Collection.add_root(name="Root")
    finance = f.publisher(name="FOD Financiën")
    user = get_user_model().objects.create_user("vertaler", "vertaler@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    finance.communicators.add(user)
    return user, finance


def test_a_communicator_translates_a_release(live_server, chromium, communicator, tmp_path):
    _user, finance = communicator
    release = f.release(
        publisher=finance,
        title="Hervorming van de accijnzen",
        slug="hervorming-accijnzen",
        lead="De regering hervormt de accijnzen op brandstof.",
    )
    page = new_browser_page(chromium, locale="en-GB", viewport={"width": 1280, "height": 1000})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "vertaler")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{release.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label("Français").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()

    # The translation editor: the Dutch source beside each field.
    editor = page.locator(".js-translation-editor")
    editor.get_by_text("De regering hervormt de accijnzen op brandstof.").wait_for()
    assert "Hervorming van de accijnzen" in editor.inner_text()

    title = editor.locator("li", has_text="Hervorming van de accijnzen").first
    title.get_by_role("button", name="Translate").click()
    title.locator("textarea").fill("Réforme des accises")
    title.get_by_role("button", name="Save").click()
    # Saved: the field offers to edit the translation again.
    title.get_by_role("button", name="Edit").wait_for()
    assert "Réforme des accises" in title.inner_text()
    save_screenshot(page, "admin-translation.png", tmp_path)

    page.get_by_role("button", name="Publish in Français").click()
    page.wait_for_load_state()
    fr = PressReleasePage.objects.get(
        translation_key=release.translation_key, locale__language_code="fr"
    )
    assert fr.live and fr.title == "Réforme des accises"
    assert fr.publisher == finance
