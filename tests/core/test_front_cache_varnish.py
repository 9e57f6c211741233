"""The front cache for real: varnishd with deploy/varnish/default.vcl in front of the live
server, purged by the application (core.front_cache). Pages come from the cache until they
change; an unpublished, expired or restricted page is gone from every cached URL at once; a
scheduled one appears when the scheduler publishes it; an editor's pages are never kept; with
the application down the cache keeps answering."""

import http.server
import threading
import time
from datetime import timedelta
from urllib.parse import urlparse

import pytest
import requests
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.scheduled_publishing import publish_scheduled_pages
from deploy import varnishd
from tests.conftest import REQUIRE_SERVICES

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_structure")]

# A purge must reach the cache within this long of the commit.
PURGE_DEADLINE = 1.0


def _start(backend_port):
    reason = varnishd.missing()
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but the test {reason}", pytrace=False)
        pytest.skip(reason)
    return varnishd.Varnish(backend_port, storage="malloc,32m")


@pytest.fixture
def varnish(live_server, settings):
    with _start(urlparse(live_server.url).port) as cache:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "core.front_cache.XkeyVarnishBackend", "LOCATION": cache.url}
        }
        cache.session = requests.Session()
        yield cache
        cache.session.close()


def get(cache, path, **headers):
    return cache.session.get(cache.url + path, headers=headers, allow_redirects=False, timeout=10)


def cached(cache, path):
    """`path` fetched twice: the second answer comes from the cache."""
    first = get(cache, path)
    assert first.status_code == 200, (path, first.status_code)
    again = get(cache, path)
    assert again.headers["X-Cache"] == "HIT", (path, again.headers)
    return again


def until(predicate, deadline=PURGE_DEADLINE):
    """Seconds until `predicate()` holds; fails past `deadline`."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > deadline:
            pytest.fail(f"still not so after {deadline} s")
        time.sleep(0.02)
    return time.monotonic() - started


def test_an_unpublished_release_is_gone_from_every_cached_url_at_once(varnish, factories):
    release = factories.release(title="Embargo broken by mistake")
    translation = factories.translation_of(release, "fr", title="Embargo rompu par erreur")
    listing = factories.news_index("nl").url
    urls = [release.url, listing, "/nl/", listing + "rss/", listing + "?q=embargo"]
    for url in urls:
        assert "Embargo broken" in cached(varnish, url).text, url
    assert "Embargo rompu" in cached(varnish, translation.url).text

    release.unpublish()

    until(lambda: get(varnish, release.url).status_code == 404)
    for url in urls[1:]:
        assert "Embargo broken" not in get(varnish, url).text, url
    # The French version stays, without its link to the Dutch one.
    french = get(varnish, translation.url)
    assert french.status_code == 200 and french.headers["X-Cache"] == "MISS"


def test_a_published_release_shows_at_once_in_cached_lists(varnish, factories):
    listing = factories.news_index("nl").url
    publisher = factories.publisher()
    pages = [listing, "/nl/", f"/nl/source/{publisher.slug}/", "/sitemap-releases.xml"]
    for url in pages:
        cached(varnish, url)
    release = factories.release(title="Fresh decision", publisher=publisher)
    for url in pages:
        body = get(varnish, url).text
        assert "Fresh decision" in body or release.url in body, url


def test_a_scheduled_release_appears_when_the_scheduler_publishes_it(varnish, factories):
    listing = factories.news_index("nl").url
    publisher = factories.publisher()
    release = factories.release(title="Scheduled statement", publish=False, publisher=publisher)
    release.go_live_at = timezone.now() + timedelta(seconds=1)
    release.save_revision().publish()
    assert "Scheduled statement" not in cached(varnish, listing).text
    time.sleep(1.2)
    publish_scheduled_pages()
    assert "Scheduled statement" in get(varnish, listing).text
    assert get(varnish, release.url).status_code == 200


def test_an_expiring_release_leaves_the_cache_at_its_expiry(varnish, factories):
    expire_at = timezone.now() + timedelta(seconds=6)
    release = factories.release(expire_at=expire_at)
    cached(varnish, release.url)
    time.sleep(max(0, (expire_at - timezone.now()).total_seconds()) + 0.1)
    # Served stale neither while refreshing (no grace for it) nor from the copy.
    assert get(varnish, release.url).status_code == 404


def test_a_restricted_release_is_gone_from_cached_lists(varnish, factories):
    release = factories.release(title="Internal memo")
    listing = factories.news_index("nl").url
    assert "Internal memo" in cached(varnish, listing).text
    cached(varnish, release.url)
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert "Internal memo" not in get(varnish, listing).text
    form = get(varnish, release.url)
    assert form.headers["X-Cache"] != "HIT" and "The lead of" not in form.text


def test_an_editor_is_never_served_nor_served_from_the_cache(
    varnish, factories, client, admin_user
):
    release = factories.release()
    client.force_login(admin_user)
    session = {"sessionid": client.cookies["sessionid"].value}
    for _ in range(2):
        answer = varnish.session.get(varnish.url + release.url, cookies=session, timeout=10)
        assert answer.status_code == 200 and answer.headers["X-Cache"] == "PASS"
        assert "private" in answer.headers["Cache-Control"]
    # Nothing of the editor's visits was stored for the public.
    assert get(varnish, release.url).headers["X-Cache"] == "MISS"
    assert get(varnish, "/admin/").headers["X-Cache"] == "PASS"


def test_forms_and_posts_are_not_cached(varnish):
    for _ in range(2):
        form = get(varnish, "/nl/subscribe/")
        assert form.status_code == 200 and form.headers["X-Cache"] != "HIT"
    assert "csrftoken" in form.headers.get("Set-Cookie", "")
    assert get(varnish, "/").headers["X-Cache"] != "HIT"


def test_conditional_get_through_the_cache(varnish, factories):
    release = factories.release()
    etag = cached(varnish, release.url).headers["ETag"]
    assert get(varnish, release.url, **{"If-None-Match": etag}).status_code == 304


class _Static(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"last good page"
        self.send_response(200)
        self.send_header("Cache-Control", "public, max-age=0, s-maxage=1, stale-if-error=60")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_cache_keeps_answering_while_the_application_is_down():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Static)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with _start(server.server_address[1]) as cache:
        cache.session = requests.Session()
        assert get(cache, "/page").status_code == 200
        server.shutdown()
        server.server_close()
        time.sleep(2.5)  # past the copy's s-maxage; the probe has seen the backend go
        answer = get(cache, "/page")
        assert answer.status_code == 200 and answer.text == "last good page"
        cache.session.close()


class _Versioned(http.server.BaseHTTPRequestHandler):
    """A page whose content is read when the request arrives, like a view reading the
    database, then sent after `delay` seconds (the first fetch only)."""

    version = "old"
    delays = []

    def do_GET(self):
        body = self.version.encode()
        if self.delays:
            time.sleep(self.delays.pop(0))
        self.send_response(200)
        self.send_header("Cache-Control", "public, max-age=0, s-maxage=600")
        self.send_header("xkey", "page")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_page_rendered_before_a_purge_reaches_no_one_who_asks_after_it():
    """A fetch in flight when the purge arrives was rendered from the data before the change:
    neither stored nor handed to a request that arrives after the purge (which would otherwise
    wait for it instead of fetching its own)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Versioned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with _start(server.server_address[1]) as cache:
            url = cache.url + "/page"
            _Versioned.delays[:] = [1.0]
            before = []
            reader = threading.Thread(target=lambda: before.append(requests.get(url, timeout=10)))
            reader.start()
            time.sleep(0.3)  # the fetch is in flight, with the old content
            _Versioned.version = "new"
            purge = requests.request("PURGE", cache.url + "/", headers={"xkey-purge": "page"})
            assert purge.status_code == 200
            after = requests.get(url, timeout=10)
            reader.join()
            assert before[0].text == "old"
            assert after.text == "new"
            assert requests.get(url, timeout=10).text == "new"
    finally:
        server.shutdown()
        server.server_close()
        _Versioned.version = "old"
