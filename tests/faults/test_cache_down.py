"""Redis, the cache, down: every public page keeps answering, from the database, with the same
content; the outage is logged once, not per call; caching resumes when Redis is back, and what
changed while it was away is not hidden by what was cached before."""

import logging
import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.scheduled_publishing import publish_scheduled_pages
from newsportal.cache import _outages
from tests.core.test_scheduling import make_due, scheduled_release

from .redis_server import RedisServer, SilentServer

pytestmark = pytest.mark.django_db

RETRY_AFTER = 0.3
TIMEOUT = 0.5


def use_fail_soft_cache(settings, url):
    _outages.pop(url, None)  # a port used by an earlier test starts without its outage
    # Changing CACHES resets django.core.cache.caches (Django's setting_changed handler).
    settings.CACHES = {
        "default": {
            "BACKEND": "newsportal.cache.FailSoftRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsportal",
            "OPTIONS": {
                "socket_connect_timeout": TIMEOUT,
                "socket_timeout": TIMEOUT,
                "RETRY_AFTER": RETRY_AFTER,
                "LOG_INTERVAL": 60,
            },
        }
    }


@pytest.fixture
def own_redis(settings):
    server = RedisServer().start()
    use_fail_soft_cache(settings, server.url)
    yield server
    server.kill()


@pytest.fixture
def world(site_structure, factories):
    publisher = factories.publisher(name="FPS Finance", slug="finance")
    factories.contact(publisher)
    theme = factories.theme(slug="economy")
    release = factories.release(
        title="Budget adjusted", lead="The budget.", publisher=publisher, themes=[theme]
    )
    factories.release(title="Second budget release", publisher=publisher)
    return {"publisher": publisher, "release": release}


def public_urls(client, release):
    urls = [
        "/nl/",
        "/nl/nieuws/",
        release.url,
        "/nl/nieuws/?q=budget",
        "/nl/nieuws/?publisher=finance&theme=economy",
        "/nl/nieuws/rss/",
        "/nl/nieuws/atom/",
        "/nl/source/finance/",
        "/nl/feeds/",
        "/nl/contacts/",
        "/sitemap.xml",
    ]
    index = client.get("/sitemap.xml").content.decode()
    urls += [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)", index)]
    return urls


def render(client, urls):
    """{url: content}, each answered 200; CSRF tokens (masked anew per response) left out."""
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        pages[url] = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", content)
    return pages


def outage_warnings(caplog, text):
    return [r for r in caplog.records if r.name == "newsportal.cache" and text in r.getMessage()]


@pytest.mark.redis
def test_pages_are_served_from_the_database_while_redis_is_down(client, world, own_redis, caplog):
    urls = public_urls(client, world["release"])
    assert len(urls) > 11  # the sitemap sections too
    with_redis = render(client, urls)
    assert own_redis.keys() > 0  # the pages did use the cache

    own_redis.kill()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsportal.cache"):
        started = time.monotonic()
        without_redis = render(client, urls)
        elapsed = time.monotonic() - started
        time.sleep(RETRY_AFTER)
        render(client, urls[:3])  # tried again, still down: no new line within LOG_INTERVAL
    assert without_redis == with_redis
    # Refused connections fail at once; the retry interval keeps it from being tried per call.
    assert elapsed < 10
    assert len(outage_warnings(caplog, "unreachable")) == 1

    own_redis.start()
    time.sleep(RETRY_AFTER)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsportal.cache"):
        assert render(client, urls) == with_redis
    assert len(outage_warnings(caplog, "reachable again")) == 1
    assert own_redis.keys() > 0  # caching resumed


@pytest.mark.redis
def test_a_hung_redis_costs_a_page_one_timeout_not_one_per_call(client, world, settings, caplog):
    silent = SilentServer()
    try:
        use_fail_soft_cache(settings, silent.url)
        with caplog.at_level(logging.WARNING, logger="newsportal.cache"):
            for url in ("/nl/nieuws/", world["release"].url, "/nl/nieuws/?q=budget"):
                started = time.monotonic()
                response = client.get(url)
                assert response.status_code == 200
                # A page makes a dozen cache calls (6 s of timeouts): one timeout, then none.
                assert time.monotonic() - started < 3
        assert "Budget adjusted" in response.content.decode()
        assert len(outage_warnings(caplog, "unreachable")) == 1
    finally:
        silent.close()


def test_a_closed_port_answers_as_an_empty_cache(settings):
    """What callers see while Redis is unreachable: Django's DummyCache answers (the subscribe
    rate limiter, for one, then counts every request as the first of its window)."""
    server = RedisServer()  # a free port nobody listens on
    use_fail_soft_cache(settings, server.url)
    cache.set("key", "value")
    assert cache.get("key") is None and cache.get("key", "default") == "default"
    assert cache.add("key", 1) is True
    assert cache.get_or_set("key", "computed") == "computed"
    assert cache.get_many(["key"]) == {} and cache.has_key("key") is False
    assert cache.delete("key") is False
    with pytest.raises(ValueError):
        cache.incr("key")


@pytest.mark.redis
@pytest.mark.parametrize("writer", ["this process", "another process"])
def test_a_restriction_added_while_redis_hung_is_not_hidden_once_it_is_back(
    client, world, own_redis, writer
):
    """Redis hangs (a partition: it keeps its data) while an editor restricts a release; the
    list of restricted pages cached before must not come back with Redis. The process that
    made the change replays its failed delete; any other process that saw the outage drops
    the cached lists when Redis is back (its own failed deletes are not there to replay)."""
    from newsportal.cache import outage_of

    release = world["release"]
    assert "Budget adjusted" in client.get("/nl/nieuws/").content.decode()
    assert own_redis.command("CLIENT", "PAUSE", "1500", "ALL") == "+OK"
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # Still hung: served from the database.
    assert "Budget adjusted" not in client.get("/nl/nieuws/").content.decode()
    if writer == "another process":
        # A process that only saw the outage has none of the writer's failed deletes.
        outage_of(own_redis.url).missed.clear()
    time.sleep(1.5 + RETRY_AFTER)
    assert own_redis.command("PING") == "+PONG"
    for url in ("/nl/nieuws/", "/nl/nieuws/rss/", "/nl/source/finance/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Budget adjusted" not in response.content.decode(), url
    assert own_redis.keys() > 0  # from the cache again


def test_scheduled_publishing_does_not_depend_on_the_cache(settings, site_structure, factories):
    use_fail_soft_cache(settings, RedisServer().url)  # nobody listens there
    page = scheduled_release(factories, timezone.now() + timedelta(hours=1))
    make_due(page)
    assert publish_scheduled_pages() == {"skipped": False, "published": 1, "expired": 0}
    page.refresh_from_db()
    assert page.live
