"""A digest round through a real Celery worker on Redis: beat's task starts the round, the
worker fans it out into batch tasks through the broker and runs them, and every subscriber
gets one digest (written as .eml files by the worker) with Delivery rows marked sent."""

import email
import email.policy
import os
import uuid
from collections import Counter
from datetime import timedelta
from urllib.parse import urlparse, urlunparse

import pytest
from django.utils import timezone

from subscriptions.models import Delivery, DigestRound, DigestSettings, Dispatch
from subscriptions.tasks import start_due_digest_rounds
from tests.newsportal.test_celery import (  # noqa: F401 (wagtail_base_rows is a fixture)
    WorkerDatabase,
    needs_committed_data,
    sending_app,
    wagtail_base_rows,
    wait_until,
    worker,
)

# A Redis database of its own (the other Celery test uses 14).
TEST_REDIS_DB = int(os.environ.get("SUBSCRIPTIONS_TEST_REDIS_DB", "12"))


def redis_url():
    parsed = urlparse(os.environ["REDIS_URL"])
    return urlunparse(parsed._replace(path=f"/{TEST_REDIS_DB}"))


@pytest.mark.redis
@pytest.mark.postgres
@needs_committed_data
@pytest.mark.usefixtures("wagtail_base_rows")
def test_worker_runs_a_digest_round_in_batches(
    site_structure, factories, make_subscriber, tmp_path
):
    publisher = factories.publisher(name="FPS Finance")
    theme = factories.theme()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(3)]
    subscribers.append(make_subscriber(themes=[theme], languages=["fr"], email_language="fr"))
    releases = [factories.release(publisher=publisher) for _index in range(2)]
    french = factories.translation_of(factories.release(themes=[theme]), "fr", title="Climat")
    # The administrator's digest time passed a minute ago: beat's task starts its round.
    settings_row = DigestSettings.load()
    settings_row.times = f"{timezone.localtime(timezone.now() - timedelta(minutes=1)):%H:%M}"
    settings_row.save()

    database = WorkerDatabase(tmp_path)
    database.share()
    queue = f"test-digests-{uuid.uuid4().hex[:12]}"
    mail_dir = tmp_path / "mail"
    env = {
        "REDIS_URL": redis_url(),
        "DATABASE_URL": database.url,
        "DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "tests.subscriptions.worker_settings",
        "SUBSCRIPTIONS_TEST_QUEUE": queue,
        "SUBSCRIPTIONS_TEST_MAIL_DIR": str(mail_dir),
        "SUBSCRIPTIONS_BATCH_SIZE": "2",
    }

    def round_finished():
        return DigestRound.objects.exclude(finished_at=None).exists()

    with worker(queue, env) as process:
        with sending_app(broker_url=redis_url(), task_default_queue=queue, task_ignore_result=True):
            start_due_digest_rounds.delay()
        assert wait_until(round_finished, process=process), "the round did not finish in time"
        assert process.poll() is None

    digest_round = DigestRound.objects.get()
    assert (digest_round.batches, digest_round.batches_done) == (2, 2)
    assert (digest_round.sent, digest_round.skipped, digest_round.failed) == (4, 0, 0)
    assert Delivery.objects.filter(dispatch__state="sent").count() == 3 * 2 + 1
    sent = Dispatch.objects.filter(state="sent")
    assert sent.count() == 4 and not Dispatch.objects.exclude(state="sent").exists()
    assert all(row.message_id for row in sent)

    messages = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(mail_dir.glob("*.eml"))
    ]
    assert Counter(str(m["To"]) for m in messages) == {s.email: 1 for s in subscribers}
    for message in messages:
        assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        if str(message["To"]) == subscribers[-1].email:
            assert "Climat" in text and french.title in html
        else:
            assert all(release.title in text for release in releases)
