"""Images stored before a description was required (or imported without one) are found so they
can be described: `manage.py images_without_description`, the report under Reports, and a hint
on administrators' dashboard."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from releases.permissions import ensure_communicators_group

pytestmark = pytest.mark.django_db

REPORT = "/admin/images-without-description/"


@pytest.fixture
def images(factories):
    missing = factories.image(title="IMG_2034")
    described = factories.image(title="Minister at the press conference")
    described.description = "The minister speaks at a lectern."
    described.save()
    return {"missing": missing, "described": described}


def test_the_command_lists_them_with_their_admin_address(images):
    out = StringIO()
    call_command("images_without_description", stdout=out)
    text = out.getvalue()
    edit = reverse("wagtailimages:edit", args=(images["missing"].pk,))
    assert "IMG_2034" in text and edit in text
    assert "Minister at the press conference" not in text
    assert "1 image(s) without description." in text
    with pytest.raises(CommandError):
        call_command("images_without_description", "--check", stdout=StringIO())
    images["missing"].description = "A graph of the budget."
    images["missing"].save()
    call_command("images_without_description", "--check", stdout=StringIO())


def test_the_report_and_the_dashboard_hint_for_administrators(
    admin_client, images, django_assert_max_num_queries
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with django_assert_max_num_queries(20):
        response = admin_client.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "IMG_2034" in html and "Minister at the press conference" not in html
    assert reverse("wagtailimages:edit", args=(images["missing"].pk,)) in html
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 image has no description" in dashboard and REPORT in dashboard
    # Once described, the hint goes.
    images["missing"].description = "A graph of the budget."
    images["missing"].save()
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "has no description" not in dashboard


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_the_hint_speaks_the_admin_language(admin_client, images, language):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="images-without-description' in dashboard
    assert "1 image has no description" not in dashboard


def test_communicators_see_neither(client, images, site_structure):
    user = get_user_model().objects.create_user("carol", "carol@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)
    assert "images-without-description" not in client.get("/admin/").content.decode()
    # Nor does the dashboard read them.
