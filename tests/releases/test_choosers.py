"""Press contacts and co-publishers are chosen by typing a few letters (wagtail-autocomplete):
the chooser offers active entries only, keeps those a release already names, creates nothing,
answers only for its own models and speaks the admin's language."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Collection

from releases.models import PressReleasePage
from releases.permissions import ensure_communicators_group
from tests.browser import new_browser_page
from tests.releases.test_permissions import add_url, release_form

SEARCH = "/admin/autocomplete/search/"
OBJECTS = "/admin/autocomplete/objects/"
CONTACT, PUBLISHER = "directory.PressContact", "directory.Publisher"


@pytest.fixture
def world(site_structure, factories):
    if not Collection.objects.exists():
        # A transactional test flushed the root collection the communicators group needs.
        Collection.add_root(name="Root")
    finance = factories.publisher(name="FPS Finance", slug="fps-finance")
    health = factories.publisher(name="FPS Health", slug="fps-health")
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    finance.communicators.add(user)
    return {
        "user": user,
        "finance": finance,
        "health": health,
        "dissolved": factories.publisher(name="FPS Dissolved", is_active=False),
        "former": factories.government_member(name="Mark Former", is_active=False),
        "own": factories.contact(finance, name="Marie Dubois"),
        "partner": factories.contact(health, name="Marc Peeters"),
        "left": factories.contact(finance, name="Martin Left", is_active=False),
    }


def chooser_json(*objects):
    return json.dumps([{"pk": obj.pk, "title": str(obj)} for obj in objects])


def search(client, model, query, **extra):
    response = client.post(SEARCH, {"type": model, "query": query, **extra})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.django_db
def test_the_form_renders_the_choosers_for_a_communicator(
    client, world, factories, django_assert_max_num_queries
):
    client.force_login(world["user"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    with django_assert_max_num_queries(60):
        response = client.get(add_url(factories.news_index("nl")))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("press_contacts", "co_publishers"):
        assert f'data-autocomplete-input-name="{name}"' in html
    # Never "create new" from the chooser.
    assert "data-autocomplete-input-can-create" not in html
    # The widget's strings in the admin's language, and the script that puts them in.
    assert "Rien n" in html and "js/admin-autocomplete.js" in html


@pytest.mark.django_db
def test_saving_with_chosen_contacts_and_co_publishers(client, world, factories):
    client.force_login(world["user"])
    data = release_form(
        world["finance"],
        "joint-release",
        action=None,
        press_contacts=chooser_json(world["own"], world["partner"]),
        co_publishers=chooser_json(world["health"]),
    )
    response = client.post(add_url(factories.news_index("nl")), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = PressReleasePage.objects.get(slug="joint-release")
    release = page.get_latest_revision_as_object()
    assert set(release.press_contacts.all()) == {world["own"], world["partner"]}
    assert list(release.co_publishers.all()) == [world["health"]]

    # The edit form shows them chosen; a contact who has left since stays named.
    world["partner"].is_active = False
    world["partner"].save()
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Marc Peeters" in html and "Marie Dubois" in html


@pytest.mark.django_db
def test_inactive_entries_cannot_be_posted(client, world, factories):
    client.force_login(world["user"])
    data = release_form(
        world["finance"],
        "with-former",
        action=None,
        press_contacts=chooser_json(world["left"]),
        co_publishers=chooser_json(world["dissolved"]),
    )
    response = client.post(add_url(factories.news_index("nl")), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "press_contacts" in errors and "co_publishers" in errors
    # A value that is not the widget's JSON is an error message too, never a 500.
    for garbled in ("[{", "[1, {}]", '{"pk": "x"}', "999999"):
        data = release_form(world["finance"], "garbled", action=None, press_contacts=garbled)
        response = client.post(add_url(factories.news_index("nl")), data)
        assert "press_contacts" in response.context["form"].errors, garbled


@pytest.mark.django_db
def test_the_endpoint_offers_active_entries_only(client, world, factories):
    client.force_login(world["user"])
    # Three letters: the active contacts, the communicator's own publisher's first.
    assert search(client, CONTACT, "Mar") == [
        "Marie Dubois (FPS Finance)",
        "Marc Peeters (FPS Health)",
    ]
    assert search(client, CONTACT, "Mar", exclude=str(world["own"].pk)) == [
        "Marc Peeters (FPS Health)"
    ]
    # A contact of a dissolved publisher is not offered either.
    factories.contact(world["dissolved"], name="Mary Dissolved")
    assert "Mary Dissolved (FPS Dissolved)" not in search(client, CONTACT, "Mar")
    publishers = search(client, PUBLISHER, "FPS")
    assert "FPS Health" in publishers and "FPS Dissolved" not in publishers
    assert search(client, PUBLISHER, "Mark") == []
    # Government members are named with their portfolio.
    factories.government_member(name="Jan Goossens", portfolio_en="Minister of Energy")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert search(client, PUBLISHER, "Goo") == ["Jan Goossens, Minister of Energy"]


@pytest.mark.django_db
def test_the_endpoint_answers_for_its_own_models_and_refuses_bad_input(client, world):
    assert client.post(SEARCH, {"type": CONTACT, "query": "Mar"}).status_code in (302, 403)
    client.force_login(world["user"])
    for model in ("wagtailimages.Image", "wagtaildocs.Document", "auth.User", "nope", ""):
        assert client.post(SEARCH, {"type": model, "query": "a"}).status_code == 400, model
    bad = [{"limit": "-1"}, {"limit": "x"}, {"limit": "100000"}, {"exclude": "1,abc"}]
    for extra in bad:
        response = client.post(SEARCH, {"type": CONTACT, "query": "a", **extra})
        assert response.status_code == 400, extra
    assert client.get(OBJECTS, {"type": CONTACT, "pks": "1,x"}).status_code == 400
    response = client.get(OBJECTS, {"type": CONTACT, "pks": str(world["own"].pk)})
    assert response.json()["items"][0]["title"] == "Marie Dubois (FPS Finance)"
    # Nothing is created from the chooser.
    assert client.post("/admin/autocomplete/create/", {"value": "New"}).status_code in (302, 404)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_communicator_types_three_letters_and_picks_a_contact(
    live_server, chromium, world, factories
):
    release = factories.release(publisher=world["finance"], publish=False)
    page = new_browser_page(chromium, locale="fr-BE", viewport={"width": 1280, "height": 1400})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/pages/{release.pk}/edit/")

    contacts = page.locator("[data-autocomplete-input-name=press_contacts]")
    # The field's label names the text box.
    search_box = page.get_by_role("combobox", name="Contacts presse")
    assert contacts.get_by_text("Rien n’a été sélectionné.").count() == 1
    search_box.click()
    search_box.press_sequentially("Mar")
    suggestions = contacts.get_by_role("option")
    suggestions.first.wait_for()
    assert suggestions.all_inner_texts() == [
        "Marie Dubois (FPS Finance)",
        "Marc Peeters (FPS Health)",
    ]
    assert "2 suggestions trouvées" in contacts.locator("[aria-live]").inner_text()
    # Keyboard only: down to the second suggestion, back up to the first, Enter.
    search_box.press("ArrowDown")
    search_box.press("ArrowUp")
    search_box.press("Enter")
    remove = contacts.get_by_role("button", name="Retirer Marie Dubois (FPS Finance)")
    remove.wait_for()

    co_publishers = page.locator("[data-autocomplete-input-name=co_publishers]")
    box = page.get_by_role("combobox", name="Co-émetteurs")
    box.click()
    box.press_sequentially("Hea")
    co_publishers.get_by_role("option", name="FPS Health").click()
    co_publishers.get_by_role("button", name="Retirer FPS Health").wait_for()

    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Retirer Marie Dubois (FPS Finance)").wait_for()
    saved = PressReleasePage.objects.get(pk=release.pk).get_latest_revision_as_object()
    assert list(saved.press_contacts.all()) == [world["own"]]
    assert list(saved.co_publishers.all()) == [world["health"]]
