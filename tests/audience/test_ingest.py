"""ingest_cache_log: the front cache's hits, from varnishncsa lines in the documented format,
counted by the same URL names as the middleware; misses and passes (counted by Django) and
pages (counted by the beacon) are not."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .conftest import totals

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
BOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"


def line(
    target,
    status=200,
    handling="hit",
    method="GET",
    agent=BROWSER,
    moment="30/Nov/2026:23:30:00 +0000",
):
    # varnishncsa -c -F '%t "%r" %s "%{User-agent}i" %{Varnish:handling}x'
    return f'[{moment}] "{method} {target} HTTP/1.1" {status} "{agent}" {handling}\n'


def test_cache_hits_are_counted_like_the_middleware(site_structure, factories, tmp_path):
    publisher = factories.publisher(slug="spf-finances")
    pdf = factories.document("Budget", "budget.pdf", b"%PDF-1.4 " + b"x" * 100)
    news = factories.news_index("fr").url
    release = factories.release(language="fr", publisher=publisher)
    log = tmp_path / "varnishncsa.log"
    log.write_text(
        "".join(
            [
                line("http://news.example.be/fr/source/spf-finances/rss/"),
                line("http://news.example.be/fr/source/spf-finances/rss/?full=1"),
                line(f"http://news.example.be{news}atom/"),
                line("/api/v1/releases/?language=fr&page=2"),
                line(f"http://news.example.be/documents/{pdf.pk}/budget.pdf", status=206),
                # 23:30 UTC is 00:30 in Brussels (the next day); 23:10 at +01:00 is Brussels time.
                line("/api/v1/themes/", moment="30/Nov/2026:23:10:00 +0100"),
                # Not counted here:
                line("/api/v1/themes/", handling="miss"),  # reached Django, counted there
                line("/api/v1/themes/", handling="pass"),
                line("/api/v1/themes/", method="HEAD"),
                line("/api/v1/themes/", status=304),
                line("/api/v1/themes/", agent=BOT),
                line(release.url),  # a page: counted by its beacon
                line("/nothing/here/"),
                line(f"/documents/{'9' * 30}/x.pdf"),
                "garbage that is no log line\n",
                '[30/Nov/2026:23:30:00 +0000] "GET /api/v1/themes/ HTTP/1.1" 200 "trunc',
            ]
        )
    )
    out = StringIO()
    call_command("ingest_cache_log", str(log), stdout=out)
    assert "6 cache hits counted" in out.getvalue()
    assert "2 not in the format" in out.getvalue() and "1 from bots" in out.getvalue()
    assert totals(day=date(2026, 12, 1)) == {
        ("feed", "releases:publisher_rss/spf-finances", 0, "fr"): 2,
        ("feed", "news_atom", 0, "fr"): 1,
        ("api", "api:release-list", 0, ""): 1,
        ("document", "", pdf.pk, ""): 1,
    }
    assert totals(day=date(2026, 12, 1), kind="api", name="api:theme-list") == {}
    assert totals(day=date(2026, 11, 30)) == {("api", "api:theme-list", 0, ""): 1}

    # A second file adds to the same rows.
    call_command("ingest_cache_log", str(log), stdout=StringIO())
    assert totals(day=date(2026, 12, 1))[("feed", "news_atom", 0, "fr")] == 2


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("ingest_cache_log", str(tmp_path / "absent.log"))


def test_standard_input_is_read_when_no_file_is_named(site_structure, monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO(line("/api/v1/themes/") * 2))
    out = StringIO()
    call_command("ingest_cache_log", stdout=out)
    assert out.getvalue().startswith("2 cache hits counted")
    assert totals(kind="api") == {("api", "api:theme-list", 0, ""): 2}
