"""The mail service fails: anymail's real Postmark backend talks to a local HTTP server that
answers 503 or hangs past the client's timeout. A real worker retries with backoff, delivers
once when the service recovers, and when it gives up the failure shows in the admin's
"Undelivered work" report, whose retry delivers it once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.outbox import OutboxEntry
from subscriptions.models import SubscriptionRequest
from tests.subscriptions.test_flow import subscribe_url

from .conftest import broker, wait_for, worker_thread
from .test_broker_down import SUBSCRIBE_FORM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_base_rows"),
    # The worker runs in a thread of the test (see test_broker_down).
    pytest.mark.postgres,
]


@pytest.fixture
def quick_retries(settings):
    settings.TASK_RETRY_BACKOFF = 1
    settings.TASK_RETRY_BACKOFF_MAX = 2
    settings.TASK_MAX_RETRIES = 3


def confirmation_entry():
    return OutboxEntry.objects.get(task_name="subscriptions.tasks.send_confirmation")


@pytest.mark.parametrize("fault", ["fail", "hang"])
def test_retried_then_delivered_once(client, site_structure, esp, quick_retries, fault):
    esp.mode = fault
    with broker("memory://") as app, worker_thread(app):
        assert client.post(subscribe_url(), SUBSCRIBE_FORM).status_code == 302
        assert wait_for(lambda: esp.requests >= 2), esp.requests  # tried, then retried
        assert confirmation_entry().state == OutboxEntry.State.QUEUED
        assert "AnymailRequestsAPIError" in confirmation_entry().error
        esp.mode = "ok"
        assert wait_for(lambda: confirmation_entry().state == OutboxEntry.State.DONE)
    assert len(esp.accepted) == 1
    assert esp.accepted[0]["To"] == "reporter@example.org"
    assert SubscriptionRequest.objects.get().confirmation_sent_at is not None


def test_given_up_is_shown_to_administrators_and_retried_once(
    client, site_structure, esp, quick_retries
):
    esp.mode = "fail"
    with broker("memory://") as app, worker_thread(app):
        assert client.post(subscribe_url(), SUBSCRIBE_FORM).status_code == 302
        assert wait_for(lambda: confirmation_entry().state == OutboxEntry.State.FAILED)
        assert esp.requests == 1 + 3  # the first try and three retries
        entry = confirmation_entry()
        assert "503" in entry.error and entry.finished_at

        admin = get_user_model().objects.create_superuser("admin", "admin@example.be", "pw")
        client.force_login(admin)
        report = client.get(reverse("core_outbox:index"))
        assert report.status_code == 200
        html = report.content.decode()
        assert "subscriptions.tasks.send_confirmation" in html and "503" in html
        assert reverse("core_outbox:retry", args=[entry.pk]) in html
        # Listed under Reports in the admin's menu.
        assert reverse("core_outbox:index") in client.get("/admin/").content.decode()

        esp.mode = "ok"
        response = client.post(reverse("core_outbox:retry", args=[entry.pk]))
        assert response.status_code == 302
        assert wait_for(lambda: confirmation_entry().state == OutboxEntry.State.DONE)
        # A second click on a stale page does nothing.
        client.post(reverse("core_outbox:retry", args=[entry.pk]))
    assert len(esp.accepted) == 1
    assert confirmation_entry().state == OutboxEntry.State.DONE
