"""Findings of the review: absolute URLs in emails, communicator emails sent once, links of
a changed address, one failing validation does not stop the beat job, framing, report
query count."""

import re
from datetime import timedelta
from html import unescape
from smtplib import SMTPException

import pytest
from anymail.exceptions import AnymailRecipientsRefused
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.rich_text import RichText

from directory.models import PressContact
from validation import deadlines
from validation import links as validation_links
from validation.models import MemberValidation, ValidationLink, ValidationNotice
from validation.tasks import (
    notify_changes_requested,
    notify_deadline_escalation,
    process_due_validations,
    send_validation_requests,
)

from .conftest import links_by_recipient, parse, path_of
from .helpers import form_fields, post_answer

pytestmark = pytest.mark.django_db


def test_email_urls_are_absolute(make_decision, members, communicator, submit, factories):
    """A mail client has no page to resolve "/media/..." against: every link and image in
    the release text points at the site."""
    other = factories.release(title="Earlier release")
    image = factories.image()
    page = make_decision(
        members[:1],
        body=[
            ("paragraph", RichText(f'<p>See <a linktype="page" id="{other.pk}">this</a>.</p>')),
            ("image", {"image": image, "caption": "A photo", "credit": ""}),
        ],
    )
    submit(page, communicator)
    _parsed, _text, html = parse(mail.outbox[0])
    urls = re.findall(r'(?:href|src)="([^"]*)"', html)
    urls += [
        part.split()[0]
        for srcset in re.findall(r'srcset="([^"]*)"', html)
        for part in srcset.split(",")
    ]
    assert any("/media/images/" in url for url in urls), html
    assert any(other.url in url for url in urls), html
    for url in urls:
        assert url.startswith("http://testserver/"), url


def _request_changes(csrf_client, links, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_answer(csrf_client, links["spokes1a@example.be"], "request_changes", "Fix it.")
    return ValidationLink.objects.get(status="changes_requested"), callbacks


def test_changes_requested_email_is_sent_once(
    in_validation, csrf_client, django_capture_on_commit_callbacks
):
    """A task delivered twice (a broker redelivery, a retry after a lost ack) sends one email:
    a sent row is written with it under a unique constraint."""
    link, _callbacks = _request_changes(
        csrf_client, in_validation[2], django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    assert notify_changes_requested.delay(link.pk).get() == 1
    assert notify_changes_requested.delay(link.pk).get() == 0
    assert len(mail.outbox) == 1
    notice = ValidationNotice.objects.get()
    assert (notice.kind, notice.recipient) == (
        "changes_requested",
        "communicator@chancellery.example.be",
    )


def test_changes_requested_email_failure_leaves_no_sent_row(
    in_validation, csrf_client, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    link, _callbacks = _request_changes(
        csrf_client, in_validation[2], django_capture_on_commit_callbacks
    )
    mail.outbox.clear()

    def down(self, *args, **kwargs):
        raise SMTPException("relay down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", down)
    with pytest.raises(Retry):
        notify_changes_requested.apply(args=[link.pk])
    assert not ValidationNotice.objects.exists()
    monkeypatch.undo()
    assert notify_changes_requested.delay(link.pk).get() == 1
    assert len(mail.outbox) == 1


def test_escalation_email_is_sent_once(in_validation):
    page, state, links = in_validation
    task_state = state.current_task_state.specific
    mail.outbox.clear()
    assert notify_deadline_escalation.delay(task_state.pk).get() == 1
    assert notify_deadline_escalation.delay(task_state.pk).get() == 0
    assert len(mail.outbox) == 1
    assert ValidationNotice.objects.filter(task_state=task_state, kind="escalation").exists()


def test_link_sent_to_a_corrected_address_is_dead(in_validation, csrf_client):
    """The address was wrong (a typo sent the link to someone else) and has been corrected:
    the link that went to the old address no longer acts for the minister."""
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    token, revision = form_fields(csrf_client.get(path_of(url)))
    PressContact.objects.filter(email="spokes0a@example.be").update(email="right@example.be")
    assert csrf_client.get(path_of(url)).status_code == 410
    response = csrf_client.post(
        path_of(url), {"csrfmiddlewaretoken": token, "revision": revision, "action": "approve"}
    )
    assert response.status_code == 410
    assert not MemberValidation.objects.filter(status="approved").exists()
    # Case and spaces do not count as a change.
    PressContact.objects.filter(email="right@example.be").update(email="Spokes0a@Example.be")
    assert csrf_client.get(path_of(url)).status_code == 200


def test_one_failing_validation_does_not_stop_the_beat_job(
    make_decision, members, communicator, submit, monkeypatch, django_capture_on_commit_callbacks
):
    first = submit(make_decision(members[:1], title="First"), communicator)
    second = submit(make_decision(members[1:2], title="Second"), communicator)
    past = timezone.now() - timedelta(minutes=1)
    for state in (first, second):
        task_state = state.current_task_state.specific
        task_state.deadline_at = past
        task_state.save(update_fields=["deadline_at"])
    broken = first.current_task_state_id
    handle = deadlines.handle_deadline

    def flaky(task_state_pk, now=None):
        if task_state_pk == broken:
            raise RuntimeError("a broken row")
        return handle(task_state_pk, now)

    monkeypatch.setattr(deadlines, "handle_deadline", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        result = process_due_validations.delay().get()
    assert result["escalated"] == 1
    assert result["failed"] == 1
    second.refresh_from_db()
    assert second.current_task_state.specific.deadline_handled_at is not None


def test_link_page_cannot_be_framed(in_validation, csrf_client):
    page, state, links = in_validation
    for url in (links["spokes0a@example.be"], "/nl/validation/" + "A" * 43 + "/"):
        response = csrf_client.get(path_of(url) if "://" in url else url)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def _report_queries(client, communicator):
    client.force_login(communicator)
    client.get(reverse("validation_admin:index"))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("validation_admin:index"))
    assert response.status_code == 200
    return len(queries)


def test_report_query_count_does_not_grow_with_releases(
    make_decision, members, communicator, submit, client, django_assert_max_num_queries
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    submit(make_decision(members, title="Decision 0"), communicator)
    few = _report_queries(client, communicator)
    for n in range(1, 6):
        submit(make_decision(members, title=f"Decision {n}"), communicator)
    many = _report_queries(client, communicator)
    assert many == few
    with django_assert_max_num_queries(25):
        client.get(reverse("validation_admin:index"))
    assert WorkflowState.objects.filter(status="in_progress").count() == 6


class FlakyRelay(BaseEmailBackend):
    """Delivers to the outbox, but refuses some addresses and breaks down after `works`
    messages (None: never)."""

    def __init__(self, works=None, refuse=(), **kwargs):
        super().__init__(**kwargs)
        self.works, self.refuse = works, set(refuse)

    def send_messages(self, messages):
        for message in messages:
            if self.works is not None and self.works <= 0:
                raise SMTPException("relay down")
            if any(address in recipient for recipient in message.to for address in self.refuse):
                raise AnymailRecipientsRefused()
            mail.outbox.append(message)
            if self.works is not None:
                self.works -= 1
        return len(messages)


def _start_without_sending(make_decision, members, communicator, callbacks):
    page = make_decision(members)
    with callbacks(execute=False):
        state = page.get_workflow().start(page, communicator)
    return page, state


def test_links_that_went_out_stay_valid_when_the_relay_breaks_down(
    make_decision, members, communicator, django_capture_on_commit_callbacks, monkeypatch
):
    """Two emails out, then the relay fails: those two links work, and the retry sends only
    the two others (nobody gets a dead link or a second email)."""
    from validation import emails

    page, state = _start_without_sending(
        make_decision, members, communicator, django_capture_on_commit_callbacks
    )
    relay = FlakyRelay(works=2)
    monkeypatch.setattr(emails, "get_connection", lambda: relay)
    with pytest.raises(Retry):
        send_validation_requests.apply(args=[state.current_task_state_id])
    first = links_by_recipient()
    assert len(first) == 2
    client = Client()
    for url in first.values():
        assert client.get(path_of(url)).status_code == 200
    monkeypatch.undo()
    assert send_validation_requests.delay(state.current_task_state_id).get() == 2
    recipients = [parse(message)[0]["To"].addresses[0].addr_spec for message in mail.outbox]
    assert sorted(recipients) == sorted(set(recipients)) and len(recipients) == 4
    assert ValidationLink.objects.filter(status="pending").count() == 4


def test_a_refused_address_does_not_hold_up_the_others(
    make_decision, members, communicator, django_capture_on_commit_callbacks, monkeypatch
):
    """The mail service refuses one address (e.g. on its bounce list): the others get their
    links, and the history says who was not reached."""
    from validation import emails

    page, state = _start_without_sending(
        make_decision, members, communicator, django_capture_on_commit_callbacks
    )
    monkeypatch.setattr(emails, "get_connection", lambda: FlakyRelay(refuse={"spokes1b@"}))
    assert send_validation_requests.delay(state.current_task_state_id).get() == 3
    assert "spokes1b@example.be" not in links_by_recipient()
    assert not ValidationLink.objects.filter(email="spokes1b@example.be").exists()
    entry = PageLogEntry.objects.get(page=page, action="validation.links_refused")
    assert [item["email"] for item in entry.data["recipients"]] == ["spokes1b@example.be"]


def test_a_failed_reminder_keeps_the_first_link_and_is_tried_again(
    make_decision, members, communicator, submit, task, monkeypatch
):
    from validation import emails

    page = make_decision(members[:1])
    submit(page, communicator)
    [url] = links_by_recipient().values()
    ValidationLink.objects.update(
        created_at=timezone.now() - timedelta(hours=task.reminder_after_hours + 1)
    )
    mail.outbox.clear()
    monkeypatch.setattr(emails, "get_connection", lambda: FlakyRelay(works=0))
    assert process_due_validations.delay().get() == {"reminded": 0, "failed": 1}
    assert Client().get(path_of(url)).status_code == 200
    monkeypatch.undo()
    assert process_due_validations.delay().get()["reminded"] == 1
    assert Client().get(path_of(url)).status_code == 410


def test_workflow_comment_is_a_sentence_in_the_readers_language(
    in_validation, csrf_client, members, django_capture_on_commit_callbacks
):
    """Wagtail shows the task's comment in its workflow history and emails: whole
    translated sentences, in the language of whoever reads it."""
    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        for address in ("spokes0a@example.be", "spokes1b@example.be"):
            post_answer(csrf_client, links[address])
        post_answer(csrf_client, links["spokes2a@example.be"], "request_changes", "Too long.")
    task_state = state.task_states.get().specific
    for language in ("en", "fr"):
        with override(language):
            comment = task_state.get_comment()
            approved = gettext("%(member)s: approved by %(name)s.")
            asked = gettext("%(member)s: %(name)s asked for changes: “%(comment)s”")
        assert approved % {"member": "Minister 0", "name": "Spokes 0a"} in comment
        assert approved % {"member": "Minister 1", "name": "Spokes 1b"} in comment
        assert (
            asked % {"member": "Minister 2", "name": "Spokes 2a", "comment": "Too long."} in comment
        )


def test_head_and_options_change_nothing(in_validation, csrf_client):
    page, state, links = in_validation
    url = path_of(links["spokes0a@example.be"])
    before = list(ValidationLink.objects.values_list("status", "used_at", "reminded_at"))
    assert csrf_client.head(url).status_code == 200
    assert csrf_client.options(url).status_code == 405
    assert list(ValidationLink.objects.values_list("status", "used_at", "reminded_at")) == before


def test_missing_comment_error_takes_the_focus(in_validation, csrf_client):
    """On a phone the error must not be off screen: the field it belongs to gets the focus
    and is described by the message."""
    page, state, links = in_validation
    response = post_answer(csrf_client, links["spokes0a@example.be"], "request_changes", "")
    assert response.status_code == 400
    [textarea] = re.findall(rb"<textarea[^>]*>", response.content)
    assert b"autofocus" in textarea
    assert b'aria-describedby="validation-comment-error"' in textarea
    assert b'id="validation-comment-error"' in response.content


def test_page_deleted_or_moved_while_in_validation(
    in_validation, csrf_client, factories, task, django_capture_on_commit_callbacks
):
    page, state, links = in_validation
    # Moved to another meeting: the links still show it and still work.
    page.move(factories.meeting(), pos="last-child")
    assert csrf_client.get(path_of(links["spokes0a@example.be"])).status_code == 200
    # Deleted: a clear page, and the beat job carries on.
    ValidationLink.objects.update(
        created_at=timezone.now() - timedelta(hours=task.reminder_after_hours + 1)
    )
    page.delete()
    response = csrf_client.get(path_of(links["spokes0a@example.be"]))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    with django_capture_on_commit_callbacks(execute=True):
        result = process_due_validations.delay().get()
    assert "failed" not in result


def test_a_name_with_a_line_break_cannot_inject_a_header(
    make_decision, members, communicator, submit, factories
):
    """A contact imported with a line break in the name: the message is still sendable (the
    name on one line) and carries no extra header."""
    factories.contact(
        members[0], name="Broken\nBcc: spy@example.org", email="broken@example.be", languages="fr"
    )
    page = make_decision(members)
    submit(page, communicator)
    assert set(links_by_recipient()) == {
        "broken@example.be",
        "spokes0a@example.be",
        "spokes1a@example.be",
        "spokes1b@example.be",
        "spokes2a@example.be",
    }
    for message in mail.outbox:
        parsed = parse(message)[0]
        assert parsed["Bcc"] is None
        assert "spy@example.org" not in [address.addr_spec for address in parsed["To"].addresses]


SUPERSEDED = (
    "This link has been superseded by a newer version of the text. You will receive a new "
    "link by email when that version is ready for validation: please use the most recent email."
)


def test_superseded_page_promises_no_link_that_was_not_sent(
    in_validation, csrf_client, communicator, django_capture_on_commit_callbacks
):
    """Changes were requested, the communicator is correcting the text but has not submitted
    it again: the other spokespersons' page must not say a new link is in their mailbox."""
    page, state, links = in_validation
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(csrf_client, links["spokes0a@example.be"], "request_changes", "Fix it.")
    mail.outbox.clear()
    page.refresh_from_db()
    page.title = "Corrected, not yet submitted"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=communicator)
    response = csrf_client.get(path_of(links["spokes1a@example.be"]))
    assert response.status_code == 410
    assert mail.outbox == []
    with override("nl"):
        assert gettext(SUPERSEDED) in unescape(response.content.decode())


def test_release_deleted_while_the_answer_is_sent(in_validation, csrf_client, monkeypatch):
    """The release is deleted between reading the link and locking it: a clear page."""
    page, state, links = in_validation
    url = links["spokes0a@example.be"]
    token, revision = form_fields(csrf_client.get(path_of(url)))
    find_link = validation_links.find_link

    def find_then_delete(raw):
        link = find_link(raw)
        page.delete()
        return link

    monkeypatch.setattr(validation_links, "find_link", find_then_delete)
    response = csrf_client.post(
        path_of(url), {"csrfmiddlewaretoken": token, "revision": revision, "action": "approve"}
    )
    assert response.status_code == 404


def test_a_title_with_line_breaks_still_makes_a_one_line_subject(
    make_decision, members, communicator, submit
):
    """A title with line breaks (an import, a paste) would make every link email fail with
    BadHeaderError: the subject is the title on one line."""
    page = make_decision(members[:1], title="Pension\r\nreform\u2028Bcc: spy@example.org")
    submit(page, communicator)
    (message,) = mail.outbox
    parsed = parse(message)[0]
    assert parsed["Subject"].endswith("Pension reform Bcc: spy@example.org")
    assert "\n" not in parsed["Subject"] and parsed["Bcc"] is None
    assert ValidationLink.objects.get().email == "spokes0a@example.be"
