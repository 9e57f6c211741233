"""What reaches Django is counted by URL name (feeds, API, downloads) and page views by the
beacon; hostile beacons get 400/204, never a 500; drafts, embargoed, private and expired
releases are not counted; nothing personal is kept: no cookie, no address, no user agent."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from audience import counting
from audience.models import DailyCount, EmailEvent, EmailReach, FlushRecord

from .conftest import totals

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BEACON = "/audience/beacon/"


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.77")


def beacon(client, body, content_type="application/x-www-form-urlencoded", **extra):
    return client.post(BEACON, body, content_type=content_type, **extra)


def views():
    return {key: n for key, n in totals().items() if key[0] == "view"}


def test_the_release_page_carries_the_beacon(reader, site_structure, factories):
    release = factories.release(language="fr")
    html = reader.get(release.url).content.decode()
    assert f'data-page="{release.pk}"' in html and f'data-beacon="{BEACON}"' in html
    assert "audience/beacon.js" in html


def test_a_preview_carries_no_beacon(site_structure, factories):
    release = factories.release(language="fr")
    response = release.make_preview_request()
    assert response.status_code == 200
    assert "audience/beacon.js" not in response.content.decode()


def test_beacon_counts_a_live_release_in_its_own_language(
    reader, site_structure, factories, database_counts
):
    release = factories.release(language="de")
    response = beacon(reader, f"page={release.pk}")
    assert response.status_code == 204 and not response.cookies
    beacon(reader, f"page={release.pk}")
    assert views() == {("view", "", release.pk, "de"): 2}


def test_beacon_leaves_out_what_is_not_live_and_public(
    reader, site_structure, factories, database_counts
):
    draft = factories.release(publish=False)
    embargoed = factories.release(publish=False, go_live_at=timezone.now() + timedelta(days=1))
    private = factories.release()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    expired = factories.release()
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    not_a_release = factories.news_index("nl")
    for page in (draft, embargoed, private, expired, not_a_release):
        assert beacon(reader, f"page={page.pk}").status_code == 204
    assert beacon(reader, "page=987654321").status_code == 204
    assert views() == {}


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("", "application/x-www-form-urlencoded"),
        ("page=", "application/x-www-form-urlencoded"),
        ("page=abc", "application/x-www-form-urlencoded"),
        ("page=-5", "application/x-www-form-urlencoded"),
        ("page=0", "application/x-www-form-urlencoded"),
        ("page=1e9", "application/x-www-form-urlencoded"),
        ("page=%EF%BC%91", "application/x-www-form-urlencoded"),  # a full-width digit one
        ("page=" + "9" * 40, "application/x-www-form-urlencoded"),
        ("page=1&page=" + "x" * 300, "application/x-www-form-urlencoded"),
        ('{"page": 1}', "application/json"),
        ("--x\r\nbroken", "multipart/form-data; boundary=x"),
        ("page=%00", "application/x-www-form-urlencoded"),
        ("page=\udcff".encode("utf-8", "surrogateescape"), "text/plain"),
    ],
)
def test_hostile_beacons_get_400_never_500(reader, site_structure, body, content_type):
    response = beacon(reader, body, content_type=content_type)
    assert response.status_code in (400, 204)
    assert DailyCount.objects.count() == 0


def test_beacon_with_a_lying_content_length_gets_400(reader, site_structure):
    for length in ("abc", "-1x", "99999"):
        response = beacon(reader, "page=1", CONTENT_LENGTH=length)
        assert response.status_code == 400, length


def test_beacon_only_takes_posts(reader, site_structure):
    assert reader.get(BEACON + "?page=1").status_code == 405


def test_beacon_from_a_bot_or_without_user_agent_is_not_counted(
    site_structure, factories, database_counts
):
    release = factories.release()
    assert beacon(Client(HTTP_USER_AGENT=GOOGLEBOT), f"page={release.pk}").status_code == 204
    assert beacon(Client(), f"page={release.pk}").status_code == 204
    assert views() == {}


def test_beacon_is_rate_limited_per_client_network(
    site_structure, factories, database_counts, settings
):
    settings.AUDIENCE_BEACON_RATE = (3, 60)
    release = factories.release()
    one = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.1")
    other = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.2")
    statuses = [beacon(one, f"page={release.pk}").status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert beacon(other, f"page={release.pk}").status_code == 204
    assert views() == {("view", "", release.pk, "nl"): 4}


def test_feeds_api_and_documents_are_counted_by_url_name(
    reader, site_structure, factories, database_counts
):
    publisher = factories.publisher(slug="spf-finances")
    pdf = factories.document("Budget", "budget.pdf", b"%PDF-1.4 budget " + b"x" * 512)
    body = json.dumps([{"type": "attachment", "value": {"document": pdf.pk, "title": ""}}])
    factories.release(language="fr", publisher=publisher, body=body)
    news = factories.news_index("fr").url

    assert reader.get("/fr/source/spf-finances/rss/").status_code == 200
    assert reader.get("/nl/source/spf-finances/atom/").status_code == 200
    assert reader.get(news + "rss/").status_code == 200
    assert reader.get(news + "atom/").status_code == 200
    assert reader.get("/api/v1/releases/?language=fr").status_code == 200
    assert reader.get("/api/v1/themes/").status_code == 200
    response = reader.get(pdf.url)
    assert response.status_code == 200
    # Read to the end: the test client then closes the response, as a server does.
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    # Not counted: errors, HEAD, pages (the beacon counts those), bots, a cache's refresh.
    assert reader.get("/api/v1/releases/999999/").status_code == 404
    assert reader.get("/api/v1/nothing-here/").status_code == 404
    assert reader.head("/fr/source/spf-finances/rss/").status_code == 200
    assert reader.get(news).status_code == 200
    assert Client(HTTP_USER_AGENT=GOOGLEBOT).get("/api/v1/themes/").status_code == 200
    assert reader.get("/api/v1/themes/", HTTP_X_BACKGROUND_FETCH="1").status_code == 200

    assert totals() == {
        ("feed", "releases:publisher_rss/spf-finances", 0, "fr"): 1,
        ("feed", "releases:publisher_atom/spf-finances", 0, "nl"): 1,
        ("feed", "news_rss", 0, "fr"): 1,
        ("feed", "news_atom", 0, "fr"): 1,
        ("api", "api:release-list", 0, ""): 1,
        ("api", "api:theme-list", 0, ""): 1,
        ("document", "", pdf.pk, ""): 1,
    }


@pytest.mark.redis
def test_nothing_personal_is_kept_in_redis_or_the_database(site_structure, factories, redis_counts):
    release = factories.release(language="fr")
    address, agent = "203.0.113.199", BROWSER + " UniqueMarker/4.2"
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    client.cookies["sessionid"] = "not-a-session"
    client.cookies["tracking"] = "abc"
    responses = [beacon(client, f"page={release.pk}")]
    # The beacon's rate limit keeps a hash of the client's network, for its minute only.
    assert not any(address in key.decode() for key in redis_counts.scan_iter(match="*"))
    responses += [
        client.get("/api/v1/themes/"),
        client.get("/fr/source/" + release.publisher.slug + "/rss/"),
    ]
    for response in responses:
        assert response.status_code in (200, 204)
        assert not response.cookies, response.cookies
        assert "Set-Cookie" not in response.headers

    # Redis: the counts buffer holds kinds, names, ids and languages only.
    stored = []
    for key in redis_counts.scan_iter(match=f"{counting.prefix()}:*"):
        stored.append(key.decode())
        for field, value in redis_counts.hgetall(key).items():
            stored.append(field.decode() + "=" + value.decode())
    assert stored and all(address not in item and "UniqueMarker" not in item for item in stored)

    counting.flush()
    dumped = []
    for model in (DailyCount, FlushRecord, EmailEvent, EmailReach):
        dumped.extend(str(row) for row in model.objects.values())
    assert DailyCount.objects.filter(kind="view", object_id=release.pk).get().count == 1
    assert not any(address in row or "UniqueMarker" in row or "abc" in row for row in dumped)
    field_names = {f.name for m in (DailyCount, EmailEvent, EmailReach) for f in m._meta.fields}
    assert not field_names & {"ip", "ip_address", "user_agent", "cookie", "session", "email"}


def test_photo_and_report_downloads_are_counted(reader, site_structure, factories, database_counts):
    report = factories.photo_report(language="fr")
    image = report.photos.first().image
    photo = reverse("photos:photo_download", kwargs={"image_id": image.pk, "size": "web"})
    archive = reverse("photos:report_zip", kwargs={"page_id": report.pk})
    for url in (photo, archive):
        response = reader.get(url)
        assert response.status_code == 200
        # Read to the end (a ZIP streams): the test client then closes the response.
        assert response.getvalue()
    # A photo of no live report is not served, so not counted.
    assert reader.get(photo.replace("/web/", "/huge/")).status_code == 404

    assert totals() == {("photo", "", image.pk, ""): 1, ("report_zip", "", report.pk, ""): 1}
