"""Shared fixtures. Tests that need a real service carry a marker (postgres, redis, mariadb,
browser): they skip with the reason where the service is absent, and fail under CI's
REQUIRE_SERVICES=1."""

import base64
import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _port_open(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def _missing_postgres():
    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://... (running on SQLite)"
    return None


def _missing_redis():
    url = os.environ.get("REDIS_URL")
    if not url:
        return "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0"
    if not _port_open(url, 6379):
        return f"needs Redis: nothing answers at {url}"
    return None


def _missing_mariadb():
    url = os.environ.get("MARIADB_URL")
    if not url:
        return "needs MariaDB: set MARIADB_URL=mysql://root@127.0.0.1:3306/test"
    if not _port_open(url, 3306):
        return f"needs MariaDB: nothing answers at {url}"
    return None


def _missing_browser():
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        return "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "needs the playwright Python package"
    return None


SERVICE_CHECKS = {
    "postgres": _missing_postgres,
    "redis": _missing_redis,
    "mariadb": _missing_mariadb,
    "browser": _missing_browser,
}


def pytest_runtest_setup(item):
    for marker, check in SERVICE_CHECKS.items():
        if item.get_closest_marker(marker) is None:
            continue
        reason = check()
        if reason:
            if REQUIRE_SERVICES:
                pytest.fail(f"REQUIRE_SERVICES=1 but the test {reason}", pytrace=False)
            pytest.skip(reason)


@pytest.fixture
def chromium(monkeypatch):
    """A headless Chromium for tests marked `browser`; open pages with
    tests.browser.new_browser_page."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS

    # Playwright's sync API runs an event loop; Django's async-unsafe guard would otherwise trip
    # on ORM calls the test makes while the browser is open.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop runs get database connections of their own
        # (asgiref's Local follows the context, not the thread): close them here, or one stays
        # open and keeps the test database from being dropped. Browser tests are transactional,
        # so closing the others costs nothing.
        from django.db import connections

        connections.close_all()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def empty_cache():
    """Empties this test process's cache. On Redis only the keys under its KEY_PREFIX (see
    settings/test.py): the cache's clear() is a FLUSHDB of the database the other pytest-xdist
    workers use too."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache
    from redis.exceptions import RedisError

    cache = caches["default"]  # the backend itself (django.core.cache.cache is a proxy)
    if not isinstance(cache, RedisCache) or not cache.key_prefix:
        cache.clear()
        return
    try:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except RedisError:
        pass  # a Redis the test stopped (tests/faults): nothing of it to empty


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request or translation.activate in
    an earlier test leaves its language active in the process."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database rolls back, the cache would not."""
    empty_cache()
    yield
    empty_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the page skeleton once for the session: every test's transaction rolls back to it.
    (A transactional test flushes it; the `site_structure` fixture then builds it again.)"""
    from core.site_structure import ensure_site_structure

    with django_db_blocker.unblock():
        ensure_site_structure(hostname="testserver")


@pytest.fixture
def site_structure(db):
    """The four home pages with their news listing and Council section."""
    from core.site_structure import ensure_site_structure

    return ensure_site_structure(hostname="testserver")


@pytest.fixture
def locales(site_structure):
    from wagtail.models import Locale

    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def factories(db):
    from tests import factories

    return factories


def pytest_sessionstart(session):
    """The catalogues are compiled once, before pytest-xdist starts its processes: one of them
    compiling (tests/newsportal/test_translations.py) while another reads would be a race."""
    if hasattr(session.config, "workerinput"):  # a pytest-xdist process
        return
    from io import StringIO

    from django.core.management import call_command

    call_command("compile_translations", stdout=StringIO())


def pytest_report_header(config):
    return (
        f"database: {settings.DATABASES['default']['ENGINE']}; REQUIRE_SERVICES={REQUIRE_SERVICES}"
    )


# The ESP tracking webhook of the tests (Postmark's, EMAIL_WEBHOOK_ESP in settings/test.py) and
# its basic-auth secret.
POSTMARK_WEBHOOK_URL = "/anymail/postmark/tracking/"


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "hook:s3cret"}
    return "Basic " + base64.b64encode(b"hook:s3cret").decode()
