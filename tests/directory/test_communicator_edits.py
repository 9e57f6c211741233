"""Communicators keep their own publishers' press contacts current: they list and edit only
those publishers, see only the contact details and contacts (not the name, term or
communicators), and every save is a revision in the publisher's history."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Revision

from releases.permissions import ensure_communicators_group

from .test_admin import ADMIN, form_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(factories):
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    finance = factories.publisher(name="FPS Finance", slug="finance")
    health = factories.publisher(name="FPS Health", slug="health")
    finance.communicators.add(user)
    spokesperson = factories.contact(finance, name="Anna Peeters", email="anna@old.example.be")
    return {"user": user, "finance": finance, "health": health, "spokesperson": spokesperson}


@pytest.fixture
def alice(client, world):
    client.force_login(world["user"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_lists_only_own_publishers(alice, world):
    response = alice.get(f"{ADMIN}/organisation/")
    assert response.status_code == 200
    assert [p.name for p in response.context["object_list"]] == ["FPS Finance"]
    # Nothing to add, nor the list of every press contact.
    assert alice.get(f"{ADMIN}/organisation/add/").status_code in (302, 403)
    assert alice.get(f"{ADMIN}/presscontact/").status_code in (302, 403)


def test_cannot_edit_another_publisher(alice, world):
    response = alice.get(f"{ADMIN}/organisation/edit/{world['health'].pk}/")
    assert response.status_code in (302, 403)


def test_edits_contacts_with_a_revision(alice, world):
    url = f"{ADMIN}/organisation/edit/{world['finance'].pk}/"
    data = form_for(alice, url)
    # Contact details and press contacts; not what names or gives access to the publisher.
    assert "contacts-TOTAL_FORMS" in data and "phone" in data
    for admin_only in ("name", "slug", "communicators", "is_active"):
        assert admin_only not in data, admin_only
    data["contacts-0-email"] = "anna@new.example.be"
    response = alice.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    world["spokesperson"].refresh_from_db()
    assert world["spokesperson"].email == "anna@new.example.be"
    finance = world["finance"]
    finance.refresh_from_db()
    assert finance.name == "FPS Finance" and finance.communicators.filter(pk=world["user"].pk)
    revision = Revision.objects.for_instance(finance).get()
    assert revision.user == world["user"]
    assert revision.content["contacts"][0]["email"] == "anna@new.example.be"
    history = alice.get(f"{ADMIN}/organisation/history/{finance.pk}/")
    assert history.status_code == 200


def test_a_crafted_post_cannot_change_admin_fields(alice, world):
    url = f"{ADMIN}/organisation/edit/{world['finance'].pk}/"
    data = form_for(alice, url)
    data.update(name="Hijacked", communicators=[world["user"].pk], is_active="")
    alice.post(url, data)
    world["finance"].refresh_from_db()
    assert world["finance"].name == "FPS Finance" and world["finance"].is_active
