"""A real Celery worker on Redis sends the validation links: the web process only queues."""

import sqlite3
import uuid

import pytest

from tests.newsportal.test_celery import (
    WorkerDatabase,
    dedicated_redis_url,
    sending_app,
    wagtail_base_rows,  # noqa: F401  (a fixture: puts back the rows a flush removed)
    wait_until,
    worker,
)
from validation.models import ValidationLink

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def link_count(database):
    if database.vendor == "sqlite":
        with sqlite3.connect(database.path) as db:
            return db.execute("SELECT count(*) FROM validation_validationlink").fetchone()[0]
    return ValidationLink.objects.count()


@pytest.mark.usefixtures("wagtail_base_rows")
def test_worker_sends_the_links(make_decision, members, communicator, tmp_path):
    page = make_decision(members)
    redis_url = dedicated_redis_url()
    queue = f"test-validation-{uuid.uuid4().hex[:12]}"
    with sending_app(broker_url=redis_url, task_default_queue=queue, task_ignore_result=True):
        # The task is queued when the submission commits; nothing is sent in this process.
        page.get_workflow().start(page, communicator)
    assert ValidationLink.objects.count() == 0

    database = WorkerDatabase(tmp_path)
    database.share()
    env = {"REDIS_URL": redis_url, "DATABASE_URL": database.url, "DB_CONN_MAX_AGE": "0"}
    with worker(queue, env) as process:
        assert wait_until(lambda: link_count(database) == 4, process=process), (
            "the worker did not send the links in time"
        )
        assert process.poll() is None
