"""`manage.py setup`: the page skeleton, the Site at BASE_URL, the Communicators group and the
validation workflow, idempotent (run at every deploy and by `make run`)."""

import subprocess
from io import StringIO

import feedparser
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

from releases.models import CouncilIndexPage

pytestmark = pytest.mark.django_db


def setup(*args):
    out = StringIO()
    call_command("setup", *args, stdout=out)
    return out.getvalue()


def test_setup_builds_the_site_at_its_address_and_is_idempotent(client, factories):
    out = setup("--base-url", "https://news.example.be")
    assert "Site: https://news.example.be/ (de, en, fr, nl; 4 home pages)." in out
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example.be", 443)
    group = Group.objects.get(name="Communicators")
    assert WorkflowPage.objects.filter(page__in=CouncilIndexPage.objects.all()).count() == 4
    counts = (Page.objects.count(), GroupPagePermission.objects.filter(group=group).count())
    assert counts[1] > 0

    assert setup("--base-url", "https://news.example.be") == out
    assert counts == (
        Page.objects.count(),
        GroupPagePermission.objects.filter(group=group).count(),
    )
    assert Site.objects.count() == 1

    # Feed items (full URLs, built from the Site) point at the public address.
    factories.release(title="Hospital funding", slug="hospitals")
    feed = feedparser.parse(client.get("/nl/nieuws/rss/").content)
    assert feed.entries[0].link == "https://news.example.be/nl/nieuws/hospitals/"


def test_site_follows_base_url(settings):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8001"
    setup()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "127.0.0.1",
        8001,
        "http://127.0.0.1:8001",
    )


@pytest.mark.parametrize("base_url", ["news.example.be", "ftp://news.example.be", "http://:80"])
def test_bad_base_url_is_a_clear_error(base_url):
    with pytest.raises(CommandError, match="BASE_URL must be an absolute http"):
        setup("--base-url", base_url)


def test_production_without_base_url_refuses_localhost(settings):
    settings.DEBUG = False
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    with pytest.raises(CommandError, match="set BASE_URL to the public address"):
        setup()


@pytest.mark.parametrize(
    "variables, expected",
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8001"}, "http://127.0.0.1:8001"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://0.0.0.0:9000"),
        ({"BASE_URL": "https://news.example.be"}, "https://news.example.be"),
    ],
)
def test_make_run_gives_base_url_the_address_it_serves(variables, expected):
    """`make run PORT=8001`: the site, the emails and the Site record all say :8001."""
    assignments = [f"{name}={value}" for name, value in variables.items()]
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", *assignments],
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    assert f"Admin:  {expected}/admin/" in dry_run
    assert f"Mail:   {expected}/dev/mail/" in dry_run
