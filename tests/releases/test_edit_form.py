"""The release edit form offers what applies: active publishers, contacts and members only
(co-publishers and press contacts in autocomplete choosers, themes and members in checkbox
lists), and the government members concerned only for a Council decision."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from directory.autocomplete import TranslatedAutocomplete
from releases.models import PressReleasePage
from releases.permissions import ensure_communicators_group
from tests import factories as f
from tests.releases.test_permissions import add_url, release_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_structure):
    finance = f.publisher(name="FPS Finance")
    health = f.publisher(name="FPS Health")
    dissolved = f.publisher(name="Dissolved Institute", is_active=False)
    council = f.council()
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    finance.communicators.add(user)
    council.communicators.add(user)
    return {
        "user": user,
        "finance": finance,
        "health": health,
        "dissolved": dissolved,
        "current": f.government_member(name="Minister In Office"),
        "former": f.government_member(name="Former Minister", is_active=False),
        "own": f.contact(finance, name="Own Spokesperson"),
        "left": f.contact(finance, name="Left Last Year", is_active=False),
        "foreign": f.contact(health, name="Health Spokesperson"),
    }


def edit_form(client, user, page):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    return response.context["form"]


def choices(form, name):
    return {str(obj) for obj in form.fields[name].queryset}


def test_choosers_and_checkbox_lists_offer_active_entries(client, world):
    page = f.release(publisher=world["finance"], publish=False)
    form = edit_form(client, world["user"], page)
    for name in ("co_publishers", "press_contacts"):
        assert isinstance(form.fields[name].widget, TranslatedAutocomplete), name
    assert isinstance(form.fields["themes"].widget, forms.CheckboxSelectMultiple)
    # What the form accepts: what the choosers offer (tests/releases/test_choosers.py).
    co_publishers = choices(form, "co_publishers")
    assert "FPS Health" in co_publishers and "Dissolved Institute" not in co_publishers
    contacts = choices(form, "press_contacts")
    assert any("Own Spokesperson" in c for c in contacts)
    assert any("Health Spokesperson" in c for c in contacts)
    assert not any("Left Last Year" in c for c in contacts)
    # Not a Council decision: nobody to name as concerned.
    assert "concerned_members" not in form.fields
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Government members concerned" not in html


def test_chosen_entries_stay_offered(client, world):
    page = f.release(publisher=world["finance"], publish=False, co_publishers=[world["dissolved"]])
    page.press_contacts.set([world["left"]])
    page.save_revision()
    form = edit_form(client, world["user"], page)
    # A dissolved co-publisher and a former contact already named stay, and are shown.
    assert "Dissolved Institute" in choices(form, "co_publishers")
    assert any("Left Last Year" in c for c in choices(form, "press_contacts"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Left Last Year" in html and "Dissolved Institute" in html


def test_council_decision_names_members_in_office(client, world):
    page = f.release(parent=f.meeting(), publisher=f.council(), publish=False)
    form = edit_form(client, world["user"], page)
    members = choices(form, "concerned_members")
    assert any("Minister In Office" in m for m in members)
    assert not any("Former Minister" in m for m in members)


@pytest.mark.parametrize("language", ["en", "de", "nl", "fr"])
def test_dates_are_day_first_in_every_admin_language(client, world, language):
    """The date picker writes WAGTAIL_DATETIME_FORMAT; each language reads it back."""
    client.force_login(world["user"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    index = f.news_index("nl")
    data = release_form(world["finance"], f"dated-{language}", action=None)
    data["published_at"] = "01/02/2026 09:30"
    response = client.post(add_url(index), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = PressReleasePage.objects.get(slug=f"dated-{language}")
    published = timezone.localtime(page.published_at)
    assert (published.day, published.month, published.hour) == (1, 2, 9)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'value="01/02/2026 09:30"' in html
