"""The validation report (resend, phone approval), history, and the enforcement hooks."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from releases.permissions import ensure_communicators_group
from tests.releases.test_permissions import edit_form
from validation.models import MemberValidation

from .conftest import links_by_recipient, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def outsider(factories):
    """A communicator of another publisher."""
    user = get_user_model().objects.create_user("outsider", "outsider@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    factories.publisher().communicators.add(user)
    return user


def member_row(members, n):
    return MemberValidation.objects.get(member=members[n])


def test_report_lists_each_member_state(
    in_validation,
    members,
    admin_client,
    communicator,
    csrf_client,
    django_capture_on_commit_callbacks,
):
    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        from .helpers import post_answer

        post_answer(csrf_client, links["spokes0a@example.be"])
    admin_client.force_login(communicator)
    response = admin_client.get(reverse("validation_admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert page.title in html
    assert "Minister 0" in html and "Minister 2" in html
    assert "Spokes 0a (spokes0a@example.be) on" in html
    assert html.count(">Pending<") == 2
    assert "Spokesperson validation" in html


def test_report_hides_others_releases(in_validation, members, admin_client, outsider):
    admin_client.force_login(outsider)
    response = admin_client.get(reverse("validation_admin:index"))
    assert response.status_code == 200
    assert "Reform of the federal pension scheme" not in response.content.decode()
    row = member_row(members, 0)
    response = admin_client.post(reverse("validation_admin:resend", args=[row.pk]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == "/admin/"
    response = admin_client.post(
        reverse("validation_admin:phone_approval", args=[row.pk]), {"reason": "Called"}
    )
    assert response.status_code == 403 or response.url == "/admin/"
    row.refresh_from_db()
    assert row.status == "pending"


def test_resend_a_link(
    in_validation,
    members,
    admin_client,
    communicator,
    csrf_client,
    django_capture_on_commit_callbacks,
):
    page, state, links = in_validation
    admin_client.force_login(communicator)
    mail.outbox.clear()
    row = member_row(members, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("validation_admin:resend", args=[row.pk]))
    assert response.status_code == 302
    fresh = links_by_recipient()
    assert set(fresh) == {"spokes1a@example.be", "spokes1b@example.be"}
    assert csrf_client.get(path_of(links["spokes1a@example.be"])).status_code == 410
    assert csrf_client.get(path_of(fresh["spokes1a@example.be"])).status_code == 200
    entry = PageLogEntry.objects.get(page=page, action="validation.link_resent")
    assert entry.user == communicator
    assert entry.data["member"] == "Minister 1"


def test_phone_approval(
    in_validation, members, admin_client, communicator, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    admin_client.force_login(communicator)
    url = reverse("validation_admin:phone_approval", args=[member_row(members, 0).pk])
    assert admin_client.get(url).status_code == 200
    # A reason is required.
    assert admin_client.post(url, {"reason": "   "}).status_code == 400
    assert member_row(members, 0).status == "pending"

    response = admin_client.post(url, {"reason": "Approved by phone by Spokes 0a at 14:10"})
    assert response.status_code == 302
    row = member_row(members, 0)
    assert (row.status, row.method, row.recorded_by) == ("approved", "phone", communicator)
    entry = PageLogEntry.objects.get(page=page, action="validation.phone_approval")
    assert entry.user == communicator
    assert entry.data["reason"] == "Approved by phone by Spokes 0a at 14:10"
    # Recording twice is refused with a message, no second entry.
    admin_client.post(url, {"reason": "Again"})
    assert PageLogEntry.objects.filter(action="validation.phone_approval").count() == 1

    for n in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(
                reverse("validation_admin:phone_approval", args=[member_row(members, n).pk]),
                {"reason": f"Phone call {n}"},
            )
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_history_shows_validation_entries(in_validation, admin_client, communicator):
    page, state, links = in_validation
    admin_client.force_login(communicator)
    response = admin_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Spokesperson validation started for" in html
    assert "Validation links sent to" in html


# Enforcement ------------------------------------------------------------------------------


def test_communicator_cannot_publish_a_decision_that_needs_validation(
    make_decision, members, admin_client, communicator
):
    page = make_decision(members)
    admin_client.force_login(communicator)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.get(edit)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html

    data = edit_form(page, **{"concerned_members": [m.pk for m in members]})
    data["action-publish"] = "1"
    response = admin_client.post(edit, data)
    assert response.status_code == 302
    assert response.url == edit
    page.refresh_from_db()
    assert not page.live


def test_submit_from_the_editor_sends_the_links(
    make_decision, members, admin_client, communicator, django_capture_on_commit_callbacks
):
    page = make_decision(members)
    admin_client.force_login(communicator)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form(page, **{"concerned_members": [m.pk for m in members]})
    data["action-submit"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, data)
    assert response.status_code == 302
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert len(links_by_recipient()) == 4


def test_administrators_publish_without_validation_only_with_a_reason(
    make_decision, members, admin_client, communicator, factories
):
    page = make_decision(members)
    boss = get_user_model().objects.create_superuser("boss", "boss@example.be", "pw")
    admin_client.force_login(boss)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = admin_client.get(edit).content.decode()
    assert 'name="action-publish"' not in html
    assert reverse("validation_admin:override", args=[page.pk]) in html
    # A decision that concerns no government member is published directly.
    plain = make_decision([])
    admin_client.force_login(communicator)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[plain.pk]))
    assert 'name="action-publish"' in response.content.decode()


def test_wagtail_workflow_screens_work_with_the_task(
    in_validation, admin_client, communicator, task
):
    """Wagtail's own screens (workflow history, task editor) handle the custom task."""
    page, state, links = in_validation
    boss = get_user_model().objects.create_superuser("boss", "boss@example.be", "pw")
    admin_client.force_login(boss)
    history = admin_client.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
    assert history.status_code == 200
    detail = admin_client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
    )
    assert detail.status_code == 200
    edit_task = admin_client.get(reverse("wagtailadmin_workflows:edit_task", args=[task.pk]))
    assert edit_task.status_code == 200
    html = edit_task.content.decode()
    assert 'name="reminder_after_hours"' in html and 'name="on_deadline"' in html
    assert admin_client.get(reverse("wagtailadmin_home")).status_code == 200
    # The editor of a page in validation opens for its communicator.
    admin_client.force_login(communicator)
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_editor_header_links_to_the_validation_state(in_validation, admin_client, communicator):
    page, state, links = in_validation
    admin_client.force_login(communicator)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    report = reverse("validation_admin:index") + f"?page={page.pk}"
    assert report in html
    response = admin_client.get(report)
    assert page.title in response.content.decode()
    # Another page's filter shows nothing of this one.
    other = admin_client.get(reverse("validation_admin:index") + "?page=999999")
    assert page.title not in other.content.decode()


def test_communicator_cannot_create_and_publish_a_decision_that_needs_validation(
    members, admin_client, communicator, factories, workflow
):
    from releases.models import PressReleasePage
    from releases.query import live_releases
    from tests.releases.test_permissions import add_url, release_form

    meeting = factories.meeting()
    admin_client.force_login(communicator)
    data = release_form(
        factories.council(), "new-decision", concerned_members=[m.pk for m in members]
    )
    response = admin_client.post(add_url(meeting), data)
    page = PressReleasePage.objects.get(slug="new-decision")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page not in live_releases(page.locale)
    assert admin_client.get(page.url).status_code == 404


def test_bulk_publish_is_refused_for_decisions_that_need_validation(
    make_decision, members, admin_client, communicator
):
    page = make_decision(members)
    admin_client.force_login(communicator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    admin_client.post(f"{url}?id={page.pk}", {})
    page.refresh_from_db()
    assert not page.live


def test_history_shows_who_asked_what(
    in_validation, admin_client, communicator, csrf_client, django_capture_on_commit_callbacks
):
    from .helpers import post_answer

    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes1b@example.be"], "request_changes", "Wrong amount.")
    admin_client.force_login(communicator)
    html = admin_client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content
    html = html.decode()
    assert (
        "Changes requested on behalf of Minister 1 by Spokes 1b &lt;spokes1b@example.be&gt;" in html
    )
    assert "Wrong amount." in html
