"""Hostile values in every public form field and URL parameter: no response is a server
error (5xx) and none echoes a markup payload unescaped.

The parameters are those the URLconfs and forms read: the news listing's filters, search,
sort and page (and the same on its RSS and Atom feeds), publisher pages and their feeds,
contact points and vCards, the sitemap, robots.txt, the subscribe form (GET and POST), the
confirm / manage / unsubscribe links, the validation links, the admin login, documents and
images, the ESP webhook and unknown paths."""

import logging
import time
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model

from subscriptions import tokens
from subscriptions.models import Subscriber, SubscriptionRequest
from tests.validation.conftest import (  # noqa: F401 (fixtures)
    communicator,
    council,
    in_validation,
    make_decision,
    members,
    submit,
    workflow,
)

pytestmark = pytest.mark.django_db

# Values as a visitor (or a script) writes them, percent-encoded as UTF-8 when sent.
VALUES = [
    "",
    " ",
    "a" * 5000,
    "\x00",
    "abc\x00def",
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999999999",
    "1e308",
    "NaN",
    "1.5",
    "０１２",  # fullwidth digits
    "٣",  # an Arabic-Indic digit: int() accepts it
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "-2026-01-01",
    "2026-13-45T25:61",
    "\u202e\u200b\ufeff\u2028",
    "𝕏" * 60,
    "\r\nSet-Cookie: hostile=1",
    "%",
    "[]",
]
# Raw query-string fragments: invalid percent-escapes and invalid UTF-8, sent as they are.
RAW = ["%ff%fe", "%c3%28", "%ed%a0%80", "%", "%zz", "%00", "a%0d%0aX-Injected:%201"]
# What an unescaped echo of the markup payloads would look like.
ECHOES = [b"<script>alert(1)</script>", b"<img src=x onerror", b"<svg onload"]


def encoded(value):
    return quote(value, safe="", errors="surrogatepass")


def queries(name):
    """Query strings setting parameter `name` to each hostile value, plus repetitions."""
    result = [f"{name}={encoded(value)}" for value in VALUES]
    result += [f"{name}={raw}" for raw in RAW]
    result.append("&".join([f"{name}=x"] * 500))
    result.append(f"{name}=1&{name}=2&{name}=-3")
    result.append(f"{name}[]=1&{name}[x]=2")
    return result


@pytest.fixture
def world(site_structure, factories, in_validation):  # noqa: F811 (the imported fixture)
    finance = factories.publisher(name="FPS Finance", slug="fps-finance")
    theme = factories.theme(slug="economy")
    release = factories.release(publisher=finance, themes=[theme], title="Budget adopted")
    contact = factories.contact(finance, name="Press Officer", email="press@finance.example.be")
    subscriber = Subscriber.objects.create(
        email="reporter@example.org",
        content_languages=["nl"],
        everything=True,
        email_language="nl",
        confirmed_at=release.first_published_at,
        consent_at=release.first_published_at,
        consent_text="I agree.",
        consent_language="nl",
    )
    _request, confirm_token = SubscriptionRequest.create(
        email="new@example.org",
        choices={"publishers": [finance.pk]},
        email_language="nl",
        consent_text="I agree.",
    )
    document = get_document_model().objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4 hostile test", name="report.pdf")
    )
    _page, _state, links = in_validation
    validation_url = next(iter(links.values()))
    with translation.override("nl"):
        urls = {
            "listing": release.get_parent().url,
            "release": release.url,
            "publisher": reverse("releases:publisher", args=[finance.slug]),
            "publisher_rss": reverse("releases:publisher_rss", args=[finance.slug]),
            "publisher_atom": reverse("releases:publisher_atom", args=[finance.slug]),
            "feeds": reverse("releases:feeds"),
            "contacts": reverse("directory:contact_points"),
            "vcard": reverse("directory:vcard", args=[contact.pk]),
            "subscribe": reverse("subscriptions:subscribe"),
            "confirm": reverse("subscriptions:confirm", args=[confirm_token]),
            "manage": reverse(
                "subscriptions:manage", args=[tokens.make_token(subscriber, tokens.MANAGE)]
            ),
            "unsubscribe": reverse(
                "subscriptions:unsubscribe",
                args=[tokens.make_token(subscriber, tokens.UNSUBSCRIBE)],
            ),
            "validation": "/" + validation_url.split("://", 1)[1].split("/", 1)[1],
        }
    return {
        "urls": urls,
        "publisher": finance,
        "theme": theme,
        "contact": contact,
        "document": document,
    }


class Corpus:
    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.count = 0
        self.failures = []

    def check(self, method, url, response):
        self.count += 1
        if response.status_code >= 500:
            self.failures.append(f"{method} {url[:200]!r}: {response.status_code}")
            return
        content = b"".join(response) if response.streaming else response.content
        for echo in ECHOES:
            if echo in content:
                self.failures.append(f"{method} {url[:200]!r}: echoes {echo!r}")
        if "hostile" in response.cookies:
            self.failures.append(f"{method} {url[:200]!r}: injected a cookie")

    def get(self, url):
        self.check("GET", url, self.client.get(url))

    def post(self, url, data):
        self.check("POST", url, self.client.post(url, data))

    def post_raw(self, url, body):
        response = self.client.post(
            url, body, content_type="application/x-www-form-urlencoded; charset=utf-8"
        )
        self.check("POST", f"{url} {body[:60]!r}", response)


def form_posts(corpus, url, valid, fields):
    """POST `valid` with each field in turn set to each hostile value, then raw bodies."""
    for field in fields:
        for value in VALUES[::2]:
            corpus.post(url, {**valid, field: value})
        corpus.post(url, {**valid, field: ["1", "2", "x" * 300]})
    for raw in RAW:
        corpus.post_raw(url, "&".join(f"{field}={raw}" for field in fields))
    corpus.post_raw(url, "&".join(["email=x"] * 2000))


def test_hostile_corpus_gets_no_server_error(world, settings):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (10**6, 3600)
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS = (10**6, 3600)
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "hook:s3cret"}
    # Every 4xx is logged by Django: noise in a run of hundreds.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    started = time.monotonic()
    corpus = Corpus()
    urls = world["urls"]
    listing = urls["listing"]

    # The news listing: every filter, search, sort and page; its feeds take the same filters.
    for name in ("publisher", "type", "theme", "from", "to", "q", "sort", "page"):
        for query in queries(name):
            corpus.get(f"{listing}?{query}")
    for feed in ("rss/", "atom/"):
        for name in ("publisher", "type", "theme", "from", "to", "q"):
            for value in VALUES[::5] + RAW[:2]:
                corpus.get(f"{listing}{feed}?{name}={encoded(value)}")
    corpus.get(f"{listing}?q=budget&sort=relevance&page=99999999&from=2026-02-30&to=1900-01-01")

    # Publisher pages (pagination) and their feeds; contact points filters; a release page.
    for query in queries("page"):
        corpus.get(f"{urls['publisher']}?{query}")
    for query in (queries("q") + queries("type") + queries("former"))[::2]:
        corpus.get(f"{urls['contacts']}?{query}")
    for name in ("publisher_rss", "publisher_atom", "feeds", "vcard", "release"):
        for query in ("page=-1", "q=%ff", "x=" + encoded(VALUES[7])):
            corpus.get(f"{urls[name]}?{query}")

    # Path parameters: slugs, ids, tokens, sitemap sections, documents and images.
    path_values = [encoded(value) for value in VALUES if value not in ("", " ")] + RAW
    for value in path_values[::2]:
        corpus.get(f"/nl/source/{value}/")
        corpus.get(f"/nl/source/{value}/rss/")
        corpus.get(f"/nl/contacts/{value}/vcard/")
        corpus.get(f"/sitemap-{value}.xml")
        corpus.get(f"/nl/nieuws/{value}/")
        corpus.get(f"/{value}")
        corpus.get(f"/documents/{world['document'].pk}/{value}")
        corpus.get(f"/images/{value}/1/original/")
    for query in queries("p")[::2]:
        corpus.get(f"/sitemap.xml?{query}")
        corpus.get(f"/sitemap-releases.xml?{query}")
    corpus.get("/robots.txt?x=%ff")
    corpus.get("/nl/contacts/99999999999999999999/vcard/")
    corpus.get(f"/documents/{world['document'].pk}/report.pdf?x=%00")
    corpus.get("/documents/99999999999999999999/x.pdf")
    corpus.get(f"/images/abc/{world['document'].pk}/fill-99999999x99999999/")
    corpus.get("/images/abc/1/width-%ff/")

    # Link tokens: hostile tokens on GET and POST, and the real ones.
    for name in ("confirm", "manage", "unsubscribe", "validation"):
        prefix = urls[name].rstrip("/").rsplit("/", 1)[0]
        for value in path_values[1::3]:
            corpus.get(f"{prefix}/{value}/")
            corpus.post(f"{prefix}/{value}/", {})

    # The subscribe form (GET parameters and POST fields) and the preferences form.
    publisher_pk = str(world["publisher"].pk)
    subscribe = {
        "email": "journalist@example.org",
        "organisations": [publisher_pk],
        "themes": [str(world["theme"].pk)],
        "content_languages": ["nl"],
        "email_language": "nl",
        "frequency": "digest",
        "consent": "on",
    }
    form_posts(corpus, urls["subscribe"], subscribe, list(subscribe) + ["website", "everything"])
    for query in queries("email")[::3]:
        corpus.get(f"{urls['subscribe']}?{query}")
    preferences = {k: v for k, v in subscribe.items() if k not in ("email", "consent")}
    form_posts(corpus, urls["manage"], preferences, ["organisations", "frequency", "everything"])
    corpus.get(urls["unsubscribe"] + "?List-Unsubscribe=%ff")

    # A spokesperson's answer: the action, the revision it answers and the comment.
    answer = {"action": "approve", "revision": "1", "comment": "Fine."}
    for field in answer:
        for value in VALUES[::3]:
            corpus.post(urls["validation"], {**answer, field: value})

    # The admin login (public): its `next` parameter and fields.
    for query in queries("next")[::3]:
        corpus.get(f"/admin/login/?{query}")
    for value in VALUES[::3]:
        corpus.post("/admin/login/", {"username": value, "password": value, "next": value})

    # The ESP webhook without credentials, with hostile bodies.
    for value in VALUES[::5]:
        corpus.post_raw("/anymail/postmark/tracking/", value)

    elapsed = time.monotonic() - started
    request_log.setLevel(level)
    print(f"\nhostile corpus: {corpus.count} requests in {elapsed:.1f} s")
    assert corpus.failures == [], "\n".join(corpus.failures[:50])
    assert corpus.count > 800
