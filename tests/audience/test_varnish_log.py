"""End to end with a real varnishd (deploy/varnish/default.vcl) and its real varnishncsa log in
the documented format: what the cache answered is counted from the log, what reached Django
by the middleware, and the total is the number of requests, never more."""

import subprocess
import time
from io import StringIO
from urllib.parse import urlparse

import pytest
import requests
from django.core.management import call_command

from tests.core.test_front_cache_varnish import _start

from .conftest import totals

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_structure")]

LOG_FORMAT = '%t "%r" %s "%{User-agent}i" %{Varnish:handling}x'
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def varnish_log(cache):
    """The client requests varnishd logged, in the documented format (varnishncsa -c -d)."""
    result = subprocess.run(
        ["varnishncsa", "-n", str(cache.workdir / "state"), "-d", "-c", "-F", LOG_FORMAT],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout


def test_hits_from_the_log_and_misses_from_django_count_each_request_once(
    live_server, factories, database_counts, tmp_path
):
    publisher = factories.publisher(slug="fps-economy")
    factories.release(language="fr", publisher=publisher)
    feed = "/fr/source/fps-economy/rss/"
    with _start(urlparse(live_server.url).port) as cache:
        session = requests.Session()
        session.headers["User-Agent"] = BROWSER
        answers = [session.get(cache.url + feed, timeout=10) for _ in range(4)]
        assert [a.status_code for a in answers] == [200] * 4
        assert [a.headers["X-Cache"] for a in answers] == ["MISS", "HIT", "HIT", "HIT"]
        # The miss was counted by the middleware, once the live server closed the response.
        deadline = time.monotonic() + 5
        while not totals(kind="feed") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert totals(kind="feed") == {("feed", "releases:publisher_rss/fps-economy", 0, "fr"): 1}
        log = varnish_log(cache)
    assert log.count(" hit\n") == 3 and log.count(" miss\n") == 1, log
    path = tmp_path / "audience.log"
    path.write_text(log)
    out = StringIO()
    call_command("ingest_cache_log", str(path), stdout=out)
    assert out.getvalue().startswith("3 cache hits counted"), out.getvalue()
    assert totals(kind="feed") == {("feed", "releases:publisher_rss/fps-economy", 0, "fr"): 4}
