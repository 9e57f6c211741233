"""The API behind the real front cache (varnishd with deploy/varnish/default.vcl): answers
come from the cache until a change purges them, like the pages; a stored copy carries no
client's rate-limit count."""

import pytest

from tests.core.test_front_cache_varnish import cached, get, until, varnish  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_structure")]


def test_api_answers_are_cached_then_purged_on_unpublish(varnish, factories):  # noqa: F811
    release = factories.release(title="Cached in the API")
    detail = f"/api/v1/releases/{release.pk}/"
    for path in ("/api/v1/releases/", "/api/v1/releases/?language=nl", detail):
        again = cached(varnish, path)
        assert "Cached in the API" in again.text, path
        assert "RateLimit-Remaining" not in again.headers
    release.unpublish()
    until(lambda: "Cached in the API" not in get(varnish, "/api/v1/releases/").text)
    until(lambda: "Cached in the API" not in get(varnish, "/api/v1/releases/?language=nl").text)
    until(lambda: get(varnish, detail).status_code == 404)


def test_refused_answers_are_never_stored(varnish, settings):  # noqa: F811
    settings.API_RATE_LIMIT = "2/minute"
    statuses = [get(varnish, "/api/v1/releases/?page=abc").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    refused = get(varnish, "/api/v1/releases/?page=abc")
    assert refused.status_code == 429 and refused.headers["X-Cache"] != "HIT"
    assert refused.headers["RateLimit-Remaining"] == "0"
