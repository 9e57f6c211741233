"""The dashboard lists my texts in validation with each concerned member's state; not the
texts of other publishers."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from releases.permissions import ensure_communicators_group
from tests.dashboard import dashboard, panel

from .helpers import post_answer

pytestmark = pytest.mark.django_db


def test_texts_in_validation_with_member_states(
    in_validation, members, communicator, client, csrf_client, django_capture_on_commit_callbacks
):
    page, _state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes0a@example.be"])
    html = dashboard(client, communicator)
    texts = panel(html, "in-validation")
    assert page.title in texts
    assert "Minister 0" in texts and "Minister 1" in texts and "Minister 2" in texts
    assert "Approved" in texts and "by Spokes 0a" in texts
    # Minister 1 has two spokespersons, each with a link.
    assert "2 links waiting for an answer" in texts
    assert f"{reverse('validation_admin:index')}?page={page.pk}" in texts


def test_other_publishers_do_not_see_it(in_validation, factories, client):
    page, _state, _links = in_validation
    outsider_user = get_user_model().objects.create_user("outsider", "o@example.be", "pw")
    outsider_user.groups.add(ensure_communicators_group())
    factories.publisher().communicators.add(outsider_user)
    html = dashboard(client, outsider_user)
    assert page.title not in html
