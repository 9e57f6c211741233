"""Benchmark of the usage statistics' cost per request (issue 17: ≤ 1 ms), not a timed test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal_audience \\
        REDIS_URL=redis://127.0.0.1:6379/6 \\
        .venv/bin/python bench/audience.py --calls 20000

Each path is called --calls times in one process against the real Redis (and the database for
the beacon), after a warm-up; per-call times are reported as p50/p95/p99 in microseconds:

1. `count`: one HINCRBY pipeline, what every counted request adds;
2. middleware: what AudienceMiddleware does for an API request (classify by URL name, bot
   check on a browser's user agent, count), the response itself left out;
3. bot check of a new user agent each time (the memo missed: crawler-user-agents' patterns);
4. beacon: the whole view for a live release (POST parsing, bot check, rate limit in the
   cache, the page's query, count), from a few hundred client networks;
5. Redis down: `count` once the first failure was seen (the count is dropped).

The counts land in Redis under the key prefix `bench-audience` and are deleted at the end; the
database is only read (it needs a live release: `manage.py setup` and `seed_demo`).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings.dev")
os.environ["AUDIENCE_REDIS_PREFIX"] = "bench-audience"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402

from audience import counting  # noqa: E402
from audience.bots import is_bot  # noqa: E402
from audience.classify import Hit, hit_for_request  # noqa: E402
from audience.models import Kind  # noqa: E402
from audience.views import beacon  # noqa: E402

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def measure(name, call, calls, warmup=200):
    for _ in range(warmup):
        call()
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    times.sort()
    quantiles = statistics.quantiles(times, n=100)
    row = {
        "name": name,
        "calls": calls,
        "p50_us": round(statistics.median(times) * 1e6, 1),
        "p95_us": round(quantiles[94] * 1e6, 1),
        "p99_us": round(quantiles[98] * 1e6, 1),
    }
    print(
        f"{name:<40} p50 {row['p50_us']:>8} µs  p95 {row['p95_us']:>8} µs  "
        f"p99 {row['p99_us']:>8} µs  ({calls} calls)"
    )
    return row


def live_release():
    from releases.models import PressReleasePage

    page = PressReleasePage.objects.live().first()
    if page is None:
        sys.exit("No live release: run `manage.py setup` and `manage.py seed_demo` first.")
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000)
    args = parser.parse_args()
    if not settings.REDIS_URL:
        sys.exit("Set REDIS_URL: the benchmark measures counting into a real Redis.")
    client = counting.redis_client()
    factory = RequestFactory()
    hit = Hit(Kind.API, "api:release-list", 0, "")

    measure("count (HINCRBY pipeline)", lambda: counting.count(hit), args.calls)

    request = factory.get("/api/v1/releases/", HTTP_USER_AGENT=BROWSER)
    request.resolver_match = resolve("/api/v1/releases/")

    def middleware_path():
        found = hit_for_request(request)
        counting.count(found)

    measure("middleware: classify + bot memo + count", middleware_path, args.calls)

    agents = iter(f"{BROWSER} Build/{n}" for n in range(10**9))
    measure("bot check, user agent never seen", lambda: is_bot(next(agents)), args.calls // 10)

    page = live_release()
    networks = iter(range(10**9))

    def beacon_path():
        n = next(networks) % 500
        post = factory.post(
            "/audience/beacon/",
            f"page={page.pk}",
            content_type="application/x-www-form-urlencoded",
            HTTP_USER_AGENT=BROWSER,
            REMOTE_ADDR=f"198.51.{n // 250}.{n % 250}",
        )
        response = beacon(post)
        assert response.status_code in (204, 429), response.status_code

    settings.AUDIENCE_BEACON_RATE = (10**9, 60)
    measure("beacon view (live release)", beacon_path, args.calls // 4)

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    counting.count(hit)  # the first failure: one connection refused
    measure("count with Redis down (dropped)", lambda: counting.count(hit), args.calls, warmup=0)

    for key in client.scan_iter(match="bench-audience:*"):
        client.delete(key)


if __name__ == "__main__":
    main()
