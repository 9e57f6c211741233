"""The README's first deploy, line by line, on an empty database (a new SQLite file, or a new
PostgreSQL database when the suite runs on PostgreSQL), with the production settings; then the
same lines again, as every later deploy runs them."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.mariadb

README = Path(settings.BASE_DIR) / "README.md"
SITE = "https://news.example.be"


def first_deploy_lines():
    """The `python manage.py …` lines of the README's "First deploy" code block."""
    section = README.read_text().split("### First deploy", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)[1]
    return [line.split("#", 1)[0].split() for line in block.splitlines() if line.strip()]


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a database nobody has migrated."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'first.sqlite3'}"
        return
    conf = connection.settings_dict
    name = f"{conf['NAME']}_first_{secrets.token_hex(3)}"
    auth = quote(conf["USER"] or "") + (f":{quote(conf['PASSWORD'])}" if conf["PASSWORD"] else "")
    server = f"postgres://{auth}@{conf['HOST'] or 'localhost'}:{conf['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_readme_first_deploy_on_an_empty_database(presscenter, empty_database, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "EMAIL_", "ANYMAIL_")) and key != "DEBUG"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=empty_database,
        BASE_URL=SITE,
        VAR_DIR=str(tmp_path / "var"),
        DJANGO_SUPERUSER_USERNAME="operator",
        DJANGO_SUPERUSER_EMAIL="operator@example.be",
        DJANGO_SUPERUSER_PASSWORD=secrets.token_urlsafe(16),
    )

    def manage(*args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
        return result

    lines = first_deploy_lines()
    assert [line[:3] for line in lines] == [
        ["python", "manage.py", "migrate"],
        ["python", "manage.py", "setup"],
        ["python", "manage.py", "createsuperuser"],
        ["python", "manage.py", "import_presscenter"],
    ]

    def run(line):
        args = line[2:]
        if args[0] == "createsuperuser":
            args = [*args, "--noinput"]  # the answers come from DJANGO_SUPERUSER_*
        elif args[0] == "import_presscenter":
            args = [
                {"mysql://user:pass@host:3306/presscenter": presscenter.url}.get(arg, arg)
                for arg in args
            ]
            args = [{"/path/to/drupal/root": str(presscenter.root)}.get(arg, arg) for arg in args]
            args += ["--report", str(tmp_path / "report.txt")]
        return manage(*args).stdout

    outputs = {line[2]: run(line) for line in lines}
    assert "Site: https://news.example.be/ (de, en, fr, nl; 4 home pages)." in outputs["setup"]
    assert "   created: 15" in outputs["import_presscenter"]
    assert "    failed: 0" in outputs["import_presscenter"]

    # Every later deploy: the same lines change nothing.
    assert run(lines[0]) and run(lines[1]) == outputs["setup"]
    again = run(lines[3])
    assert "   created: 0" in again and "unchanged: 15" in again

    check = (
        manage(
            "shell",
            "-c",
            "from wagtail.models import Site, Page; from releases.models import PressReleasePage;"
            "from django.contrib.auth.models import Group, User;"
            "site = Site.objects.get();"
            "print(site.root_url, Page.objects.filter(depth=2).count(),"
            " PressReleasePage.objects.live().count(),"
            " Group.objects.get(name='Communicators').name,"
            " User.objects.get(username='operator').is_superuser,"
            " PressReleasePage.objects.live().first().full_url.startswith(site.root_url + '/'))",
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )
    assert check == [SITE, "4", "14", "Communicators", "True", "True"]
