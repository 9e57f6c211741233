"""A run killed with SIGKILL half-way resumes on the next run: whole batches only, nothing
twice."""

import os
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from archive_import.models import ImportedNode
from releases.models import PressReleasePage
from tests.newsportal.test_celery import WorkerDatabase

from .drupal_fixture import add_bulk_nodes

pytestmark = [
    pytest.mark.mariadb,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

EXTRA = 400
EXPECTED = 15 + EXTRA


def imported_count():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {ImportedNode._meta.db_table}")
        return cursor.fetchone()[0]


def test_killed_run_resumes_without_duplicates(presscenter, tmp_path):
    from core.site_structure import ensure_site_structure

    ensure_site_structure(hostname="testserver")
    add_bulk_nodes(presscenter.db, 1000, EXTRA)
    database = WorkerDatabase(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.test",
        "VAR_DIR": str(tmp_path / "var"),
    }
    command = [
        sys.executable, "manage.py", "import_presscenter", "--source", presscenter.url,
        "--batch", "5", "--report", str(tmp_path / "killed.txt"),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while imported_count() < 60:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the import made no progress"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    killed_at = imported_count()
    assert 60 <= killed_at < EXPECTED
    # Whole batches only: every ImportedNode has its page and the other way round.
    assert PressReleasePage.objects.count() == killed_at

    out = StringIO()
    call_command(
        "import_presscenter", "--source", presscenter.url, "--batch", "50",
        "--report", str(tmp_path / "resumed.txt"), stdout=out,
    )  # fmt: skip
    output = out.getvalue()
    assert f"   created: {EXPECTED - killed_at}\n" in output
    assert f" unchanged: {killed_at}\n" in output
    assert ImportedNode.objects.count() == EXPECTED
    assert PressReleasePage.objects.count() == EXPECTED
    # One /node/NID redirect per published node (node 7 is unpublished), none twice.
    node_paths = Redirect.objects.filter(old_path__startswith="/node/")
    assert node_paths.count() == EXPECTED - 1
    assert node_paths.values("old_path").distinct().count() == EXPECTED - 1
    assert Page.find_problems() == ([], [], [], [], [])
    for index in Page.objects.filter(depth=3):
        assert index.numchild == index.get_children().count()
