"""The public API: every endpoint, what never leaks, the sync cursor, conditional requests,
the rate limit, CORS, bad parameters and SQL query caps."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from releases.models import PressReleasePage, ReleaseUpdate
from releases.withdrawal import withdraw

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, path, **headers):
    return client.get(f"{API}{path}", headers=headers)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def world(site_structure, factories):
    finance = factories.publisher(slug="finance", name="FPS Finance", name_fr="SPF Finances")
    minister = factories.government_member(
        slug="minister", name="Jan Goossens", portfolio_en="Minister of Energy"
    )
    economy = factories.theme(slug="economy")
    contact = factories.contact(finance, name="Anna Press", phone="+32 2 000 00 00")
    old = factories.release(
        title="Budget 2025",
        publisher=finance,
        themes=[economy],
        published_at=timezone.now() - timedelta(days=3),
    )
    old.press_contacts.set([contact])
    old.save_revision().publish()
    # Today, whatever the time: the factories' default date goes back a minute per release made
    # before in the process, past midnight in a long run.
    new = factories.release(
        title="Energy prices",
        publisher=minister,
        co_publishers=[finance],
        language="fr",
        published_at=timezone.now(),
    )
    return {"finance": finance, "minister": minister, "economy": economy, "old": old, "new": new}


def test_release_list_newest_first_with_filters(client, world):
    old, new = world["old"], world["new"]
    assert ids(get(client, "/releases/")) == [new.pk, old.pk]
    assert ids(get(client, "/releases/?language=nl")) == [old.pk]
    assert ids(get(client, "/releases/?publisher=finance")) == [new.pk, old.pk]
    assert ids(get(client, "/releases/?type=member")) == [new.pk]
    assert ids(get(client, "/releases/?theme=economy")) == [old.pk]
    day = timezone.localdate() - timedelta(days=1)
    assert ids(get(client, f"/releases/?to={day}")) == [old.pk]
    assert ids(get(client, f"/releases/?from={day}")) == [new.pk]
    assert ids(get(client, "/releases/?q=budget")) == [old.pk]
    assert ids(get(client, "/releases/?q=budget&language=nl&sort=relevance")) == [old.pk]
    assert ids(get(client, "/releases/?q=budget&language=fr")) == []
    body = get(client, "/releases/?page_size=1").json()
    assert body["count"] == 2 and body["previous"] is None
    assert "page=2" in body["next"]
    item = body["results"][0]
    assert item["url"] == f"http://testserver{new.url}"
    assert item["language"] == "fr"
    assert item["publisher"]["name_with_portfolio"] == "Jan Goossens, Minister of Energy"
    assert item["co_publishers"][0]["name"] == "SPF Finances"  # the release's language
    second = client.get(body["next"]).json()
    assert [r["id"] for r in second["results"]] == [old.pk] and second["next"] is None


def test_release_detail(client, world, factories):
    old = world["old"]
    translation = factories.translation_of(old, "fr", title="Budget 2025 (fr)")
    data = get(client, f"/releases/{old.pk}/").json()
    assert data["title"] == "Budget 2025"
    assert data["translations"] == [
        {
            "id": translation.pk,
            "language": "fr",
            "url": f"http://testserver{translation.url}",
            "api_url": f"http://testserver{API}/releases/{translation.pk}/",
        }
    ]
    assert [c["name"] for c in data["press_contacts"]] == ["Anna Press"]
    assert data["themes"][0]["slug"] == "economy"
    assert data["council_meeting"] is None


def test_release_detail_media_attachments_and_meeting(client, site_structure, factories):
    body, _media = factories.full_release_body()
    meeting = factories.meeting()
    decision = factories.release(parent=meeting, body=body)
    data = get(client, f"/releases/{decision.pk}/").json()
    assert data["council_meeting"]["id"] == meeting.pk
    assert "<b>budget</b>" in data["body_html"]
    assert 'src="http://testserver/' in data["body_html"]
    kinds = [item["kind"] for item in data["media"]]
    assert kinds.count("image") == 3 and "infographic" in kinds
    first = data["media"][0]
    assert first["alt"] == "The minister speaks" and first["credit"] == "Belga"
    assert first["renditions"]["width-800"]["url"].startswith("http://testserver/")
    titles = {item["kind"]: item for item in data["attachments"]}
    assert titles["attachment"]["file_type"] == "PDF"
    assert titles["attachment"]["url"].startswith("http://testserver/documents/")
    meeting_data = get(client, f"/council-meetings/{meeting.pk}/").json()
    assert [d["id"] for d in meeting_data["decisions"]] == [decision.pk]
    listed = get(client, "/council-meetings/").json()
    assert listed["results"][0]["decisions"][0]["id"] == decision.pk


def test_publishers_and_themes(client, world):
    publishers = get(client, "/publishers/").json()
    by_slug = {p["slug"]: p for p in publishers}
    minister = by_slug["minister"]
    assert minister["name_with_portfolio"]["en"] == "Jan Goossens, Minister of Energy"
    assert by_slug["finance"]["name"]["fr"] == "SPF Finances"
    assert by_slug["finance"]["contacts"][0]["name"] == "Anna Press"
    assert by_slug["finance"]["urls"]["fr"] == "http://testserver/fr/source/finance/"
    only = get(client, "/publishers/?type=member").json()
    assert [p["slug"] for p in only] == ["minister"]
    assert get(client, "/publishers/finance/").json()["id"] == world["finance"].pk
    assert get(client, "/publishers/nobody/").status_code == 404
    themes = get(client, "/themes/").json()
    assert [theme["slug"] for theme in themes] == ["economy"]
    assert set(themes[0]["name"]) == {"fr", "nl", "de", "en"}
    assert themes[0]["name"]["de"] == world["economy"].name_de


@pytest.fixture
def hidden(site_structure, factories):
    """Releases the public must never see, by how they are hidden."""
    publisher = factories.publisher(slug="secretive")
    made = {}

    def release(label, **fields):
        made[label] = factories.release(title=f"Secret {label}", publisher=publisher, **fields)
        return made[label]

    release("draft", publish=False)
    scheduled = release("scheduled", publish=False, go_live_at=timezone.now() + timedelta(days=1))
    scheduled.save_revision().publish()
    future = release("future", publish=False, published_at=timezone.now() + timedelta(days=1))
    future.save_revision().publish()
    expired = release("expired")
    PressReleasePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    release("unpublished").unpublish()
    private = release("restricted")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    meeting = factories.meeting()
    PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    release("restricted-meeting", parent=meeting)
    return made, meeting


def test_nothing_unpublished_leaks(client, hidden, settings):
    settings.API_SYNC_SETTLE_SECONDS = 0
    made, meeting = hidden
    for path in (
        "/releases/",
        "/releases/?publisher=secretive",
        "/releases/?q=secret",
        "/releases/?since=2000-01-01",
        "/council-meetings/",
    ):
        response = get(client, path)
        assert response.status_code == 200
        assert b"Secret" not in response.content, path
    for label, page in made.items():
        assert get(client, f"/releases/{page.pk}/").status_code == 404, label
    assert get(client, f"/council-meetings/{meeting.pk}/").status_code == 404


def test_sync_cursor_neither_skips_nor_repeats(client, site_structure, factories, settings):
    settings.API_SYNC_SETTLE_SECONDS = 0
    first = [factories.release() for _ in range(3)]
    page = get(client, "/releases/?since=2000-01-01&page_size=2").json()
    seen = [item["id"] for item in page["results"]]
    assert page["count"] is None and page["next"]
    # Published between two fetches, with an older publication date than all the others.
    late = factories.release(published_at=timezone.now() - timedelta(days=400))
    page = client.get(page["next"]).json()
    seen += [item["id"] for item in page["results"]]
    assert page["next"] is None
    cursor = page["next_cursor"]
    later = factories.release()
    page = get(client, f"/releases/?cursor={cursor}").json()
    seen += [item["id"] for item in page["results"]]
    assert seen == [r.pk for r in first] + [late.pk, later.pk]
    # Nothing new: the same cursor comes back to poll again.
    again = get(client, f"/releases/?cursor={page['next_cursor']}").json()
    assert again["results"] == [] and again["next_cursor"] == page["next_cursor"]


def test_sync_waits_for_publications_to_settle(client, site_structure, factories, settings):
    settings.API_SYNC_SETTLE_SECONDS = 60
    factories.release()
    assert ids(get(client, "/releases/?since=2000-01-01")) == []


@pytest.mark.parametrize(
    "query",
    [
        "publisher=nobody",
        "type=king",
        "theme=nothing",
        "from=2024-13-45",
        "to=yesterday",
        "language=es",
        "page=0",
        "page=abc",
        "page_size=1000",
        "cursor=garbage!!",
        "cursor=MjAyNHxhYmM",
        "since=not-a-date",
        "since=2024-01-01&cursor=abc",
        "since=2024-01-01&q=budget",
        "q=budget&sort=oldest",
        "q=budget&sort=relevance",
        "unknown=1",
        "publisher=a%00b",
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, site_structure, query):
    response = get(client, f"/releases/?{query}")
    assert response.status_code == 400
    data = response.json()
    assert data["detail"] and data["errors"]


def test_page_beyond_the_last_is_a_404(client, world):
    response = get(client, "/releases/?page=5")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_conditional_requests(client, world):
    path = f"/releases/{world['old'].pk}/"
    response = get(client, path)
    assert response["ETag"] and response["Last-Modified"]
    assert get(client, path, if_none_match=response["ETag"]).status_code == 304
    assert get(client, path, if_modified_since=response["Last-Modified"]).status_code == 304
    listing = get(client, "/releases/")
    assert get(client, "/releases/", if_none_match=listing["ETag"]).status_code == 304
    world["old"].save_revision().publish()
    assert get(client, path, if_none_match=response["ETag"]).status_code == 200


def test_cached_and_tagged_like_the_pages(client, world):
    old = world["old"]
    response = get(client, f"/releases/{old.pk}/")
    assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
    tags = response["xkey"].split(",")
    assert f"tk-{old.translation_key}" in tags and "news-nl" in tags
    tags = get(client, "/releases/").headers["xkey"].split(",")
    assert {"news-fr", "news-nl", "news-de", "news-en"} <= set(tags)
    assert get(client, "/publishers/").headers["xkey"] == "all"
    assert "private" in get(client, "/releases/?page=abc")["Cache-Control"]


def test_rate_limit(client, site_structure, settings):
    settings.API_RATE_LIMIT = "3/minute"
    responses = [get(client, "/themes/") for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert responses[0]["RateLimit-Limit"] == "3"
    assert 0 < int(responses[0]["RateLimit-Reset"]) <= 60
    assert int(responses[3]["Retry-After"]) > 0
    assert responses[3].json()["detail"]
    # Another client (by the address the proxies report) has its own count.
    other = client.get(f"{API}/themes/", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_rate_limit_counts_the_address_the_proxy_saw(client, site_structure, settings):
    settings.API_RATE_LIMIT = "1/minute"
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.get(f"{API}/themes/", HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    second = client.get(f"{API}/themes/", HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy)
    third = client.get(f"{API}/themes/", HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)


def test_cors_for_get_only_on_the_api(client, world):
    origin = {"origin": "https://newsroom.example.org"}
    response = get(client, "/releases/", **origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "RateLimit-Remaining" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        f"{API}/releases/",
        headers={**origin, "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/nl/", headers=origin)
    assert "Access-Control-Allow-Origin" not in page


def test_schema_and_reference_page(client, site_structure):
    schema = client.get(f"{API}/schema", headers={"accept": "application/json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert set(paths) == {
        f"{API}/releases/",
        f"{API}/releases/{{id}}/",
        f"{API}/council-meetings/",
        f"{API}/council-meetings/{{id}}/",
        f"{API}/publishers/",
        f"{API}/publishers/{{slug}}/",
        f"{API}/themes/",
    }
    assert schema["RateLimit-Remaining"]
    page = client.get(f"{API}/docs/")
    assert page.status_code == 200 and page["RateLimit-Remaining"]
    html = page.content.decode()
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html
    script = client.get(f"{API}/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200


def test_sql_queries_are_capped(client, site_structure, factories, django_assert_max_num_queries):
    publisher = factories.publisher()
    theme = factories.theme()
    for _ in range(3):
        factories.release(publisher=publisher, themes=[theme])
    get(client, "/releases/")  # warm what lives across requests (site root paths, publishers)
    with django_assert_max_num_queries(12) as small:
        assert len(ids(get(client, "/releases/"))) == 3
    small_count = len(small)
    for _ in range(20):
        factories.release(publisher=publisher, themes=[theme])
    get(client, "/releases/")
    with django_assert_max_num_queries(small_count):
        assert len(ids(get(client, "/releases/"))) == 20
    with django_assert_max_num_queries(small_count):
        assert len(ids(get(client, "/releases/?since=2000-01-01&page_size=20"))) <= 20
    release = factories.release(publisher=publisher, themes=[theme])
    get(client, f"/releases/{release.pk}/")
    with django_assert_max_num_queries(15):
        assert get(client, f"/releases/{release.pk}/").status_code == 200
    get(client, "/council-meetings/")
    with django_assert_max_num_queries(10):
        assert get(client, "/council-meetings/").status_code == 200
    with django_assert_max_num_queries(6):
        assert get(client, "/publishers/").status_code == 200


def test_errors_speak_the_clients_language(client, site_structure):
    response = get(client, "/releases/?language=es", accept_language="fr")
    assert response.status_code == 400
    assert "Langue inconnue « es »" in response.json()["errors"][0]


def test_a_withdrawn_release_answers_410_with_its_notice(client, world, factories):
    release = world["old"]
    assert withdraw(release, "Les chiffres étaient faux.")
    response = get(client, f"/releases/{release.pk}/")
    assert response.status_code == 410
    data = response.json()
    assert data["reason"] == "Les chiffres étaient faux."
    assert data["withdrawn_at"]
    assert "Les chiffres étaient faux." in data["detail"]
    assert release.pk not in ids(get(client, "/releases/"))
    # A draft or deleted release stays a plain 404: nothing is said of what was never public.
    draft = factories.release(title="Not yet", publish=False)
    assert get(client, f"/releases/{draft.pk}/").status_code == 404


def test_a_release_carries_its_update_notes_and_updated_date(client, world):
    release = PressReleasePage.objects.get(pk=world["old"].pk)
    noted_at = timezone.now() + timedelta(minutes=1)
    release.update_notes.add(ReleaseUpdate(note="Corrected figure in table 2.", noted_at=noted_at))
    release.save_revision().publish()
    data = get(client, f"/releases/{release.pk}/").json()
    assert [update["note"] for update in data["updates"]] == ["Corrected figure in table 2."]
    assert data["updated_at"] == data["updates"][0]["noted_at"]
    without = get(client, f"/releases/{world['new'].pk}/").json()
    assert without["updates"] == []
    assert without["updated_at"] == without["last_published_at"]
