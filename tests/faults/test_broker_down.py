"""The broker is down when a journalist subscribes, a communicator submits a decision for
validation or publishes a release with immediate alerts: the page answers as usual (no 5xx,
within a couple of seconds), the work waits in the outbox, and once the broker is back beat's
sweep hands it over and a real worker does it exactly once, even when handed over twice."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.outbox import OutboxEntry, dispatch_outbox, hand_over
from tests.releases.test_permissions import edit_form, release_form
from tests.subscriptions.test_flow import subscribe_url
from tests.validation.conftest import links_by_recipient

from .conftest import broker, free_port, wait_for, worker_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("wagtail_base_rows")]

SUBSCRIBE_FORM = {
    "email": "reporter@example.org",
    "everything": "on",
    "content_languages": ["nl"],
    "email_language": "nl",
    "frequency": "digest",
    "consent": "on",
}
# The worker runs in a thread of the test: SQLite's in-memory test database locks between
# threads, PostgreSQL does not.
needs_worker_thread = pytest.mark.postgres
# A request may wait this long on a dead broker, no more.
PATIENCE = 3.0


def timed(call):
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start


def waiting_entries(task_name):
    entries = list(OutboxEntry.objects.filter(task_name=task_name))
    assert entries, f"no outbox entry for {task_name}"
    for entry in entries:
        assert entry.state == OutboxEntry.State.PENDING, entry.state
        assert entry.error.startswith("broker:"), entry.error
    return entries


def broker_back(server, settle):
    """Start the broker, run beat's sweep a minute later (as beat would) and let a real
    worker do the work; then hand every entry over once more (a lost acknowledgement, a sweep
    that thought a message lost) and let the worker run the copies too."""
    server.start()
    with broker(server.url) as app, worker_thread(app):
        OutboxEntry.objects.update(next_attempt_at=timezone.now())
        result = dispatch_outbox()
        assert result["handed_over"] >= 1, result
        assert wait_for(
            lambda: (
                not OutboxEntry.objects.exclude(state=OutboxEntry.State.DONE).exists() and settle()
            )
        ), list(OutboxEntry.objects.values_list("task_name", "state", "error"))
        first = len(mail.outbox)
        done_at = dict(OutboxEntry.objects.values_list("pk", "finished_at"))
        assert hand_over(list(OutboxEntry.objects.all())) == len(done_at)
        assert wait_for(
            lambda: all(
                finished > done_at[pk]
                for pk, finished in OutboxEntry.objects.filter(pk__in=done_at).values_list(
                    "pk", "finished_at"
                )
            )
        ), "the worker did not run the second copies"
        # A second copy may record work of its own (an alert's batches): let it finish.
        assert wait_for(
            lambda: not OutboxEntry.objects.exclude(state=OutboxEntry.State.DONE).exists()
        )
    return first


@pytest.fixture
def dead_broker(own_redis):
    """The code under test sends to `own_redis`, not started: its port is closed."""
    with broker(own_redis.url) as app:
        yield app


@needs_worker_thread
def test_subscribing_while_the_broker_is_down(client, site_structure, dead_broker, own_redis):
    form = SUBSCRIBE_FORM
    response, took = timed(lambda: client.post(subscribe_url(), form))
    assert response.status_code == 302, response.status_code
    assert took < PATIENCE, took
    waiting_entries("subscriptions.tasks.send_confirmation")
    assert mail.outbox == []

    sent = broker_back(own_redis, lambda: len(mail.outbox) >= 1)
    assert sent == 1
    assert [message.to for message in mail.outbox] == [["reporter@example.org"]]
    # The one link works.
    from tests.subscriptions.test_flow import confirm_link

    assert client.post(confirm_link("reporter@example.org")).status_code == 200


@needs_worker_thread
def test_submitting_for_validation_while_the_broker_is_down(
    client, make_decision, members, communicator, dead_broker, own_redis
):
    page = make_decision(members)
    client.force_login(communicator)
    data = edit_form(page, **{"concerned_members": [m.pk for m in members]})
    data["action-submit"] = "1"
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response, took = timed(lambda: client.post(edit, data))
    assert response.status_code == 302, response.status_code
    assert took < PATIENCE, took
    page.refresh_from_db()
    assert page.current_workflow_state is not None
    waiting_entries("validation.tasks.send_validation_requests")
    assert mail.outbox == []

    assert broker_back(own_redis, lambda: len(mail.outbox) >= 4) == 4
    # One link per spokesperson, none twice.
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(set(recipients)) and len(recipients) == 4
    assert len(links_by_recipient()) == 4


@needs_worker_thread
def test_publishing_with_immediate_alerts_while_the_broker_is_down(
    client, site_structure, factories, make_subscriber, dead_broker, own_redis
):
    from django.contrib.auth import get_user_model

    publisher = factories.publisher(name="FPS Finance")
    alerted = make_subscriber(publishers=[publisher], frequency="immediate")
    index = factories.news_index("nl")
    admin = get_user_model().objects.create_superuser("admin", "admin@example.be", "pw")
    client.force_login(admin)
    add = reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk))
    response, took = timed(lambda: client.post(add, release_form(publisher, "tax-reform")))
    assert response.status_code == 302, response.status_code
    assert took < PATIENCE, took
    waiting_entries("subscriptions.tasks.send_release_alerts")

    assert broker_back(own_redis, lambda: len(mail.outbox) >= 1) == 1
    assert [message.to for message in mail.outbox] == [[alerted.email]]


def test_a_hung_broker_does_not_hold_the_request(client, site_structure, hung_broker):
    """A broker that accepts the connection and never answers (kombu's default would wait
    for ever)."""
    form = SUBSCRIBE_FORM
    with broker(hung_broker):
        response, took = timed(lambda: client.post(subscribe_url(), form))
    assert response.status_code == 302
    assert took < PATIENCE + 2, took
    waiting_entries("subscriptions.tasks.send_confirmation")


def test_a_closed_port_costs_under_a_second(client, site_structure):
    form = SUBSCRIBE_FORM
    with broker(f"redis://127.0.0.1:{free_port()}/0"):
        response, took = timed(lambda: client.post(subscribe_url(), form))
    assert response.status_code == 302
    assert took < PATIENCE, took
    waiting_entries("subscriptions.tasks.send_confirmation")
