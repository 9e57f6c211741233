"""WebSub: the feeds name the hub, and a publication pings it (through the outbox, after the
commit) for the feeds that show the release. The hub is a stand-in HTTP server in the test
process that records the pings: a real hub (subscriber verification, content distribution) is
not run here."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(settings):
    pings = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            pings.append(parse_qs(self.rfile.read(length).decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WEBSUB_HUB_URL = f"http://127.0.0.1:{server.server_port}/"
    yield pings
    server.shutdown()
    server.server_close()


def test_publishing_pings_the_hub_for_the_feeds_showing_the_release(
    hub, site_structure, factories, django_capture_on_commit_callbacks
):
    publisher = factories.publisher(slug="finance")
    with django_capture_on_commit_callbacks(execute=True):
        factories.release(publisher=publisher, language="fr")
    topics = [ping["hub.url"][0] for ping in hub]
    assert all(ping["hub.mode"] == ["publish"] for ping in hub)
    assert topics == [
        "http://testserver/fr/actualites/rss/",
        "http://testserver/fr/actualites/atom/",
        "http://testserver/fr/source/finance/rss/",
        "http://testserver/fr/source/finance/atom/",
    ]


def test_drafts_and_loaded_content_ping_nothing(
    hub, site_structure, factories, django_capture_on_commit_callbacks
):
    from releases.loading import loading

    with django_capture_on_commit_callbacks(execute=True):
        factories.release(publish=False)
        with loading("test"):
            factories.release()
    assert hub == []


def test_feeds_name_the_hub(client, hub, site_structure, factories, settings):
    factories.release(language="en")
    for url in ("/en/news/rss/", "/en/news/atom/", "/en/news/rss/?full=1"):
        feed = feedparser.parse(client.get(url).content)
        hubs = [link["href"] for link in feed.feed.links if link["rel"] == "hub"]
        assert hubs == [settings.WEBSUB_HUB_URL], url


def test_without_a_hub_the_feeds_name_none(client, site_structure, factories, settings):
    settings.WEBSUB_HUB_URL = ""
    assert b'rel="hub"' not in client.get("/en/news/rss/").content
