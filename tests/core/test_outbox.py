"""core.outbox and core.task_retry without a worker: recording in the caller's transaction,
the sweep, giving up, the admin report; and the tasks routed through the outbox are safe to
run twice."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.outbox import OutboxEntry, dispatch_outbox, enqueue_on_commit
from core.task_retry import retry_countdown
from subscriptions.models import SubscriptionRequest
from subscriptions.tasks import purge_old_deliveries, send_confirmation
from tests.newsportal.test_celery import sending_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def filesystem_broker(tmp_path):
    """A real broker with no server: kombu's filesystem transport in a folder of the test."""
    folder = tmp_path / "broker"
    folder.mkdir()
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(tmp_path / "control"),
    }
    with sending_app(
        broker_url="filesystem://", broker_transport_options=options, task_ignore_result=True
    ):
        yield folder


def test_recorded_in_the_callers_transaction_and_run_once_committed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            entry = enqueue_on_commit(purge_old_deliveries)
            assert OutboxEntry.objects.get().state == OutboxEntry.State.PENDING
    entry.refresh_from_db()
    assert entry.state == OutboxEntry.State.DONE and entry.finished_at


def test_rolled_back_work_is_never_done(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(purge_old_deliveries)
            raise RuntimeError
    assert callbacks == [] and not OutboxEntry.objects.exists()


def test_the_sweep_hands_over_again_and_gives_up_after_the_maximum(filesystem_broker, settings):
    settings.OUTBOX_MAX_HANDOVERS = 2
    now = timezone.now()
    entry = OutboxEntry.objects.create(
        task_name=purge_old_deliveries.name, next_attempt_at=now - timedelta(seconds=1)
    )
    assert dispatch_outbox()["handed_over"] == 1
    entry.refresh_from_db()
    assert (entry.state, entry.handovers) == (OutboxEntry.State.QUEUED, 1)
    assert len([path for path in filesystem_broker.iterdir() if path.is_file()]) == 1
    # Not finished an hour later (the message was lost in a broker crash): handed over again.
    assert dispatch_outbox()["handed_over"] == 0
    OutboxEntry.objects.update(next_attempt_at=now - timedelta(seconds=1))
    assert dispatch_outbox()["handed_over"] == 1
    assert len([path for path in filesystem_broker.iterdir() if path.is_file()]) == 2
    OutboxEntry.objects.update(next_attempt_at=now - timedelta(seconds=1))
    assert dispatch_outbox()["given_up"] == 1
    entry.refresh_from_db()
    assert entry.state == OutboxEntry.State.FAILED and "never finished" in entry.error


def test_old_done_entries_are_purged():
    old = timezone.now() - timedelta(days=30)
    OutboxEntry.objects.create(task_name="x", state=OutboxEntry.State.DONE, finished_at=old)
    kept = OutboxEntry.objects.create(task_name="x", state=OutboxEntry.State.FAILED)
    assert dispatch_outbox()["purged"] == 1
    assert list(OutboxEntry.objects.all()) == [kept]


def test_a_task_given_up_outside_the_outbox_is_recorded_too(site_structure):
    from core.outbox import _failed

    _failed(sender=purge_old_deliveries, task_id="6d1c4f7e-3b7a-4c3e-9d35-111111111111",
            exception=TimeoutError("relay"), args=[], kwargs={})  # fmt: skip
    entry = OutboxEntry.objects.get()
    assert entry.state == OutboxEntry.State.FAILED and entry.error == "TimeoutError: relay"


def test_the_report_is_for_administrators(client):
    entry = OutboxEntry.objects.create(
        task_name="subscriptions.tasks.send_confirmation",
        args=[1],
        state=OutboxEntry.State.FAILED,
        error="AnymailRequestsAPIError: 503",
    )
    User = get_user_model()
    editor = User.objects.create_user("editor", "editor@example.be", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("core_outbox:index")).status_code in (302, 403)
    assert client.post(reverse("core_outbox:retry", args=[entry.pk])).status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.state == OutboxEntry.State.FAILED
    client.force_login(User.objects.create_superuser("admin", "admin@example.be", "pw"))
    assert (
        "AnymailRequestsAPIError: 503" in client.get(reverse("core_outbox:index")).content.decode()
    )


def test_retry_policy_doubles_and_is_capped(settings):
    settings.TASK_RETRY_BACKOFF = 60
    settings.TASK_RETRY_BACKOFF_MAX = 600
    assert 30 <= retry_countdown(0) <= 60
    assert 120 <= retry_countdown(2) <= 240
    assert 300 <= retry_countdown(10) <= 600


def test_the_confirmation_email_is_sent_once(site_structure):
    """Handed over twice (a lost acknowledgement), the task sends one email: the request is
    marked in the transaction that sends."""
    request, _token = SubscriptionRequest.create(
        email="reporter@example.org", choices={"everything": True}, email_language="nl",
        consent_text="I agree.",
    )  # fmt: skip
    assert send_confirmation.delay(request.pk).get() is True
    assert send_confirmation.delay(request.pk).get() is False
    assert len(mail.outbox) == 1
