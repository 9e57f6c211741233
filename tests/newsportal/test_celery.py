"""Celery for real: a worker process (`celery -A newsportal worker`) takes publish_scheduled_pages
from the broker and makes a scheduled release live in the database the test sees.

The worker is a separate process, so the test data must be committed (`transactional_db`) and
reachable from it: on PostgreSQL the worker connects to the test database itself; on SQLite,
whose test database lives in memory, the test copies it to a file the worker opens."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlparse, urlunparse

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import Collection, Locale, Page

from core.scheduled_publishing import publish_scheduled_pages
from newsportal.celery import app as celery_app
from newsportal.celery import ensure_broker_folders
from releases.models import PressReleasePage
from tests.core.test_scheduling import make_due, scheduled_release

BASE_DIR = Path(settings.BASE_DIR)
# A Redis database of its own, so that other test runs sharing the server are not disturbed.
TEST_REDIS_DB = int(os.environ.get("CELERY_TEST_REDIS_DB", "14"))
WORKER_TIMEOUT = 60
# Committed data the worker can read.
needs_committed_data = pytest.mark.django_db(transaction=True)


def dedicated_redis_url():
    parsed = urlparse(os.environ["REDIS_URL"])
    return urlunparse(parsed._replace(path=f"/{TEST_REDIS_DB}"))


class WorkerDatabase:
    """Where the worker finds the test data, and how the test reads the worker's writes."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "worker.sqlite3"
            self.url = f"sqlite:///{self.path}"
        elif self.vendor == "postgresql":
            conf = connection.settings_dict
            auth = quote(conf["USER"] or "")
            if conf["PASSWORD"]:
                auth += ":" + quote(conf["PASSWORD"])
            host = conf["HOST"] or "localhost"
            port = f":{conf['PORT']}" if conf["PORT"] else ""
            self.url = f"postgres://{auth}@{host}{port}/{conf['NAME']}"
        else:
            pytest.skip(f"no worker database set-up for {self.vendor}")

    def share(self):
        """Hand the committed test data to the worker."""
        if self.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.path)
            with target:
                connection.connection.backup(target)
            target.close()

    def is_live(self, page_pk):
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                row = db.execute("SELECT live FROM wagtailcore_page WHERE id = ?", (page_pk,))
                return bool(row.fetchone()[0])
        return PressReleasePage.objects.get(pk=page_pk).live


@contextmanager
def worker(queue, env):
    """A `celery -A newsportal worker` consuming only `queue`, stopped with a warm shutdown."""
    command = [
        sys.executable, "-m", "celery", "-A", "newsportal", "worker",
        "--pool=solo", "--queues", queue, "--hostname", f"{queue}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.test",
        "PYTHONPATH": str(BASE_DIR),
        **env,
    }
    process = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        output = process.stdout.read()
        process.stdout.close()
        print(output)  # shown by pytest when the test fails


@contextmanager
def sending_app(**conf):
    """A Celery app of the test's own, made current so that `task.delay()` sends through it:
    the project app keeps its eager test configuration."""
    sender = Celery("newsportal-test-sender", set_as_current=False)
    sender.conf.update(task_always_eager=False, **conf)
    sender.finalize()
    sender.set_current()
    try:
        yield sender
    finally:
        celery_app.set_current()
        sender.close()


def wait_until(condition, timeout=WORKER_TIMEOUT, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the worker exited early with code {process.returncode}")
        time.sleep(0.25)
    return False


@pytest.fixture
def wagtail_base_rows(transactional_db):
    """The flush that ends an earlier transactional test also removes the rows Wagtail's
    migrations created (the root page, the root collection): put them back."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


@pytest.fixture
def due_release(wagtail_base_rows, site_structure, factories):
    page = scheduled_release(factories, timezone.now() + timedelta(hours=1))
    make_due(page)
    assert not PressReleasePage.objects.get(pk=page.pk).live
    return page


@pytest.mark.redis
@needs_committed_data
def test_worker_on_redis_publishes_scheduled_release(due_release, tmp_path):
    database = WorkerDatabase(tmp_path)
    database.share()
    redis_url = dedicated_redis_url()
    queue = f"test-publish-{uuid.uuid4().hex[:12]}"
    env = {"REDIS_URL": redis_url, "DATABASE_URL": database.url, "DB_CONN_MAX_AGE": "0"}

    with worker(queue, env) as process:
        # The project keeps no task results (beat's tasks are fire-and-forget): the test
        # watches the database for the worker's work.
        with sending_app(broker_url=redis_url, task_default_queue=queue, task_ignore_result=True):
            publish_scheduled_pages.delay()
        assert wait_until(lambda: database.is_live(due_release.pk), process=process), (
            "the worker did not publish the release in time"
        )
        assert process.poll() is None


def test_embedded_broker_folders_are_created(settings, tmp_path):
    queue_dir, control_dir = tmp_path / "broker" / "queue", tmp_path / "broker" / "control"
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(queue_dir),
        "data_folder_out": str(queue_dir),
        "control_folder": str(control_dir),
    }
    ensure_broker_folders()
    assert queue_dir.is_dir() and control_dir.is_dir()


def test_embedded_broker_without_redis_is_the_filesystem_transport(tmp_path):
    """What `make run` uses on a machine without Redis: settings built with no REDIS_URL."""
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.CELERY_BROKER_URL, s.CELERY_BROKER_TRANSPORT_OPTIONS, "
        "s.CACHES['default']['BACKEND']]))"
    )
    env = {
        **os.environ,
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.dev",
    }
    env.pop("REDIS_URL", None)
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    broker_url, options, cache_backend = json.loads(output.strip().splitlines()[-1])
    assert broker_url == "filesystem://"
    assert (
        options["data_folder_in"]
        == options["data_folder_out"]
        == str(tmp_path / "broker" / "queue")
    )
    assert cache_backend.endswith("LocMemCache")
    # Django's start-up (NewsportalConfig.ready) created the folders.
    assert (tmp_path / "broker" / "queue").is_dir()
    assert (tmp_path / "broker" / "control").is_dir()


@needs_committed_data
def test_worker_on_embedded_filesystem_broker_publishes_scheduled_release(due_release, tmp_path):
    database = WorkerDatabase(tmp_path)
    database.share()
    var_dir = tmp_path / "var"
    broker_dir = var_dir / "broker"
    queue = f"test-publish-{uuid.uuid4().hex[:12]}"
    env = {"REDIS_URL": "", "VAR_DIR": str(var_dir), "DATABASE_URL": database.url}

    with worker(queue, env) as process:
        transport = {
            "data_folder_in": str(broker_dir / "queue"),
            "data_folder_out": str(broker_dir / "queue"),
            "control_folder": str(broker_dir / "control"),
        }
        # The web process creates the folders at start-up too; the sender here is the test.
        for folder in {*transport.values()}:
            Path(folder).mkdir(parents=True, exist_ok=True)
        with sending_app(
            broker_url="filesystem://",
            broker_transport_options=transport,
            task_default_queue=queue,
            task_ignore_result=True,
        ):
            publish_scheduled_pages.delay()
        assert wait_until(lambda: database.is_live(due_release.pk), process=process), (
            "the worker did not publish the release in time"
        )


@pytest.mark.redis
def test_purges_go_to_a_queue_of_their_own_when_one_is_named():
    """FRONT_CACHE_QUEUE routes the purges (and only them) to that queue of the broker, where a
    worker of their own (`-Q front-cache`) takes them ahead of a digest's emails."""
    import redis

    redis_url = dedicated_redis_url()
    queue = f"front-cache-{uuid.uuid4().hex[:8]}"
    default_queue = f"test-default-{uuid.uuid4().hex[:8]}"
    code = (
        "import django; django.setup(); "
        "from newsportal.celery import app; "
        f"app.conf.task_always_eager = False; app.conf.task_default_queue = {default_queue!r}; "
        "from core.front_cache import purge_tags; "
        "from core.scheduled_publishing import publish_scheduled_pages; "
        "purge_tags.apply_async([['all']]); publish_scheduled_pages.apply_async()"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.dev",
        "REDIS_URL": redis_url,
        "FRONT_CACHE_QUEUE": queue,
    }
    client = redis.Redis.from_url(redis_url)
    try:
        subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, check=True, timeout=60)
        assert client.llen(queue) == 1
        message = json.loads(client.lindex(queue, 0))
        assert message["headers"]["task"] == "core.front_cache.purge_tags"
        assert client.llen(default_queue) == 1
    finally:
        client.delete(queue, default_queue)
        client.close()
