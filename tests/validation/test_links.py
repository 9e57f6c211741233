"""Bad input and attacks on the link page: each gets a clear page, and nothing changes."""

from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from directory.models import PressContact
from validation.models import MemberValidation, ValidationLink

from .conftest import links_by_recipient, parse, path_of
from .helpers import after_quiet_period, form_fields, post_answer

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(ValidationLink.objects.order_by("pk").values_list("status", "used_at", "comment")),
        list(MemberValidation.objects.order_by("pk").values_list("status", "decided_at")),
        list(TaskState.objects.order_by("pk").values_list("status", flat=True)),
    )


def test_request_changes_rejects_and_tells_the_communicator(
    in_validation, csrf_client, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    mail.outbox.clear()
    # A comment is required.
    response = post_answer(csrf_client, links["spokes2a@example.be"], "request_changes", "  ")
    assert response.status_code == 400
    assert MemberValidation.objects.filter(status="pending").count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = post_answer(
            csrf_client,
            links["spokes2a@example.be"],
            "request_changes",
            "Paragraph 2: the amount is 12 million, not 15.",
        )
    assert response.status_code == 200
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live

    # The communicator's email, in their language (none chosen: the release's, nl).
    # (Wagtail's own "changes requested" notification may come along; ours has the details.)
    [message] = [m for m in mail.outbox if "spokes2a@example.be" in m.body]
    parsed, text, html = parse(message)
    assert parsed["To"].addresses[0].addr_spec == "communicator@chancellery.example.be"
    assert "12 million, not 15" in text
    assert "spokes2a@example.be" in text
    assert f"/admin/pages/{page.pk}/edit/" in text
    assert '<html lang="nl"' in html

    # History: who asked what, on which revision.
    entry = PageLogEntry.objects.get(page=page, action="validation.request_changes")
    assert entry.data["email"] == "spokes2a@example.be"
    assert entry.data["comment"] == "Paragraph 2: the amount is 12 million, not 15."
    assert entry.revision_id == page.latest_revision_id
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").exists()

    # Every other link is dead now.
    response = csrf_client.get(path_of(links["spokes0a@example.be"]))
    assert response.status_code == 410


def test_resubmitted_text_supersedes_old_links(
    in_validation, csrf_client, communicator, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes0a@example.be"], "request_changes", "Fix the title.")
    mail.outbox.clear()
    page.refresh_from_db()
    page.title = "Reform of the federal pension scheme (corrected)"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=communicator)
        state.refresh_from_db()
        state.resume(user=communicator)

    new_links = links_by_recipient()
    assert len(new_links) == 4
    old = csrf_client.get(path_of(links["spokes1a@example.be"]))
    assert old.status_code == 410
    with override("nl"):
        superseded = gettext(
            "This link has been superseded by a newer version of the text. You will receive a "
            "new link by email when that version is ready for validation: please use the most "
            "recent email."
        )
    assert superseded in unescape(old.content.decode())
    fresh = csrf_client.get(path_of(new_links["spokes1a@example.be"]))
    assert fresh.status_code == 200
    assert b"(corrected)" in fresh.content


def test_text_edited_after_the_email(
    in_validation, csrf_client, communicator, django_capture_on_commit_callbacks
):
    """A draft saved while the spokespersons read: old links say superseded, new ones go out,
    and an approval of the old text is refused."""
    page, state, links = in_validation
    response = csrf_client.get(path_of(links["spokes0a@example.be"]))
    token, old_revision = form_fields(response)
    mail.outbox.clear()
    page.refresh_from_db()
    page.lead = "The Council approves the amended pension reform."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=communicator)

    before = snapshot()
    response = csrf_client.post(
        path_of(links["spokes0a@example.be"]),
        {"csrfmiddlewaretoken": token, "revision": old_revision, "action": "approve"},
    )
    assert response.status_code == 410
    assert snapshot() == before
    # New links go out when the text has stopped changing.
    assert mail.outbox == []
    after_quiet_period(django_capture_on_commit_callbacks)
    new_links = links_by_recipient()
    assert set(new_links) == set(links)
    _parsed, text, _html = parse(mail.outbox[0])
    assert "amended pension reform" in text
    assert PageLogEntry.objects.filter(page=page, action="validation.superseded").exists()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision_id == page.get_latest_revision().pk


def test_revision_overwritten_in_place_is_superseded(
    in_validation, csrf_client, django_capture_on_commit_callbacks
):
    """Wagtail may overwrite the latest revision (same id): the text changed all the same."""
    page, state, links = in_validation
    page.refresh_from_db()
    revision = page.get_latest_revision()
    page.title = "Overwritten title"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(overwrite_revision=revision)
    assert page.get_latest_revision().pk == revision.pk
    response = csrf_client.get(path_of(links["spokes0a@example.be"]))
    assert response.status_code == 410
    after_quiet_period(django_capture_on_commit_callbacks)
    fresh = links_by_recipient()["spokes0a@example.be"]
    assert fresh != links["spokes0a@example.be"]
    assert b"Overwritten title" in csrf_client.get(path_of(fresh)).content


def test_expired_link(in_validation, csrf_client):
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    response = csrf_client.get(path_of(url))
    token, revision = form_fields(response)
    ValidationLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    before = snapshot()
    assert csrf_client.get(path_of(url)).status_code == 410
    response = csrf_client.post(
        path_of(url), {"csrfmiddlewaretoken": token, "revision": revision, "action": "approve"}
    )
    assert response.status_code == 410
    assert snapshot() == before


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # tampered
        lambda token: token[:20],  # truncated
        lambda token: token + "x",  # extended
        lambda token: "A" * 43,  # guessed
    ],
)
def test_tampered_tokens(in_validation, csrf_client, mangle):
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    bad = url.replace(token, mangle(token))
    before = snapshot()
    response = csrf_client.get(path_of(bad))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert csrf_client.post(path_of(bad), {"action": "approve"}).status_code == 404
    assert snapshot() == before


def test_replayed_and_double_post(in_validation, django_capture_on_commit_callbacks):
    page, state, links = in_validation
    client = Client(enforce_csrf_checks=True)
    url = links["spokes0a@example.be"]
    token, revision = form_fields(client.get(path_of(url)))
    data = {"csrfmiddlewaretoken": token, "revision": revision, "action": "approve"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(path_of(url), data)
        second = client.post(path_of(url), data)
    assert first.status_code == 200
    assert second.status_code == 200  # idempotent: the same answer again
    assert PageLogEntry.objects.filter(page=page, action="validation.approve").count() == 1
    # Another answer through a used link is refused.
    third = client.post(
        path_of(url), data | {"action": "request_changes", "comment": "Actually, no."}
    )
    assert third.status_code == 410
    assert MemberValidation.objects.filter(status="approved").count() == 1
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    # A GET of a used link says so.
    assert client.get(path_of(url)).status_code == 410


def test_token_of_one_release_used_on_another(
    make_decision, members, communicator, submit, csrf_client
):
    first = make_decision(members[:1], title="First decision")
    submit(first, communicator)
    first_links = links_by_recipient()
    mail.outbox.clear()
    second = make_decision(members[:1], title="Second decision")
    submit(second, communicator)
    second_links = links_by_recipient()

    url_a = first_links["spokes0a@example.be"]
    url_b = second_links["spokes0a@example.be"]
    token, revision_a = form_fields(csrf_client.get(path_of(url_a)))
    _token, revision_b = form_fields(csrf_client.get(path_of(url_b)))
    assert b"Second decision" not in csrf_client.get(path_of(url_a)).content
    before = snapshot()
    # Release A's link with the form of release B: refused.
    response = csrf_client.post(
        path_of(url_a), {"csrfmiddlewaretoken": token, "revision": revision_b, "action": "approve"}
    )
    assert response.status_code == 410
    assert snapshot() == before


def test_post_without_csrf_token(in_validation):
    page, state, links = in_validation
    client = Client(enforce_csrf_checks=True)
    url = links["spokes0a@example.be"]
    _token, revision = form_fields(client.get(path_of(url)))
    before = snapshot()
    response = client.post(path_of(url), {"revision": revision, "action": "approve"})
    assert response.status_code == 403
    with override("fr"):
        expired = gettext(
            "Your answer could not be accepted because the form had expired. Open the link "
            "from the email again and answer once more."
        )
    assert expired in unescape(response.content.decode())
    assert snapshot() == before


def test_spokesperson_removed_after_the_email(in_validation, csrf_client):
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    token, revision = form_fields(csrf_client.get(path_of(url)))
    PressContact.objects.filter(email="spokes0a@example.be").update(is_active=False)
    before = snapshot()
    assert csrf_client.get(path_of(url)).status_code == 410
    response = csrf_client.post(
        path_of(url), {"csrfmiddlewaretoken": token, "revision": revision, "action": "approve"}
    )
    assert response.status_code == 410
    assert snapshot() == before
    # Deleted altogether: the link stays dead, still no 500.
    PressContact.objects.filter(email="spokes0a@example.be").delete()
    assert csrf_client.get(path_of(url)).status_code == 410


def test_member_no_longer_concerned(
    in_validation, members, csrf_client, communicator, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    mail.outbox.clear()
    page.refresh_from_db()
    page.concerned_members.set(members[:2])
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=communicator)
    assert csrf_client.get(path_of(links["spokes2a@example.be"])).status_code == 410
    after_quiet_period(django_capture_on_commit_callbacks)
    assert set(links_by_recipient()) == set(links) - {"spokes2a@example.be"}
    state.refresh_from_db()
    current = state.current_task_state.specific
    assert set(current.members.values_list("member_id", flat=True)) == {
        members[0].pk,
        members[1].pk,
    }


def test_workflow_cancelled_kills_the_links(in_validation, csrf_client, communicator):
    page, state, links = in_validation
    state.cancel(user=communicator)
    for url in links.values():
        assert csrf_client.get(path_of(url)).status_code == 410
    assert not ValidationLink.objects.filter(status="pending").exists()


def test_link_page_query_count(in_validation, csrf_client, django_assert_max_num_queries):
    page, state, links = in_validation
    with django_assert_max_num_queries(25):
        response = csrf_client.get(path_of(links["spokes1a@example.be"]))
    assert response.status_code == 200
    # Pages in the link's language, marked for no indexing.
    assert b'<html lang="nl">' in response.content
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content


def test_draft_saved_without_changes_keeps_the_links(
    in_validation, csrf_client, communicator, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    token, shown_revision = form_fields(csrf_client.get(path_of(url)))
    mail.outbox.clear()
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        new_revision = page.save_revision(user=communicator)
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(page=page, action="validation.superseded").exists()
    state.refresh_from_db()
    assert state.current_task_state.revision_id == new_revision.pk
    # The form loaded before the save still answers: it showed the same text.
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client.post(
            path_of(url),
            {"csrfmiddlewaretoken": token, "revision": shown_revision, "action": "approve"},
        )
    assert response.status_code == 200
    for other in ("spokes1a@example.be", "spokes2a@example.be"):
        with django_capture_on_commit_callbacks(execute=True):
            assert post_answer(csrf_client, links[other]).status_code == 200
    page.refresh_from_db()
    assert page.live
    # Published once, no second round of links.
    assert not any("/validation/" in message.body for message in mail.outbox)


def test_malformed_answer_changes_nothing(in_validation, csrf_client):
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    token, revision = form_fields(csrf_client.get(path_of(url)))
    before = snapshot()
    for data in (
        {"revision": revision, "action": "publish"},
        {"revision": "abc", "action": "approve"},
        {"action": "approve"},
    ):
        response = csrf_client.post(path_of(url), {"csrfmiddlewaretoken": token, **data})
        assert response.status_code == 400
        assert b'role="alert"' in response.content
    assert csrf_client.put(path_of(url)).status_code == 405
    assert snapshot() == before
