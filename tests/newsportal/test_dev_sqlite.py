"""`make run` on SQLite: runserver, the worker and beat share one database file. A transaction
that reads then writes while another process holds the write lock waits for it, rather than
failing with "database is locked" (beat's schedule sync at start-up did)."""

import os
import subprocess
import sys

from django.conf import settings

# One process: a second connection (another process's, in `make run`) holds the write lock for
# half a second while this one reads then writes in a transaction, as beat's sync does.
SCRIPT = """
import sqlite3, threading
import django
django.setup()
from django.conf import settings
from django.db import connection, transaction
path = settings.DATABASES["default"]["NAME"]
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS beat (n integer)")
other = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
other.execute("BEGIN IMMEDIATE")
other.execute("INSERT INTO beat VALUES (1)")
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM beat")
threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM beat")
    cursor.execute("INSERT INTO beat VALUES (2)")
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM beat")
    print("rows", cursor.fetchone()[0])
"""


def run(settings_module, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update(DJANGO_SETTINGS_MODULE=settings_module, VAR_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_settings_wait_for_the_write_lock(tmp_path):
    result = run("newsportal.settings.dev", tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rows 2" in result.stdout


def test_without_them_the_same_transaction_fails(tmp_path):
    """What the development settings change: Django's defaults (a deferred transaction)."""
    result = run("newsportal.settings.base", tmp_path)
    assert result.returncode != 0
    assert "database is locked" in result.stderr
