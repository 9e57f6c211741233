"""Benchmark: newsportal under gunicorn on PostgreSQL with 200,000 releases, uncached.

    make bench                                   # or: .venv/bin/python bench/run.py
    DATABASE_URL=postgres://... .venv/bin/python bench/run.py --requests 400 --concurrency 4

Steps: create the database if missing, migrate, seed_demo, top up with seed_bulk to --releases
(skipped when already there), VACUUM ANALYZE, collectstatic, start gunicorn with the production
settings (DEBUG off, whitenoise, no Redis: no page or query-result cache, only the reference
lists the application keeps per worker; see bench/README.md), warm up, then
send --requests requests per scenario from --concurrency threads over keep-alive connections and
report requests/s and p50/p95/p99 latency. Results go to bench/results/<timestamp>.json.
"""

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsportal_bench"
TARGET_P95_MS = 100.0

# Printed as JSON by `manage.py shell`: the URLs and filter values the scenarios use.
URLS_SCRIPT = """
import json, random
from django.db.models import Count
from directory.models import Publisher
from releases.models import NewsIndexPage, PressReleasePage, Theme
rng = random.Random(20)
ids = list(PressReleasePage.objects.filter(live=True).values_list("pk", flat=True))
sample = PressReleasePage.objects.filter(pk__in=rng.sample(ids, min(len(ids), {n})))
busiest = (PressReleasePage.objects.values("publisher__slug").annotate(n=Count("pk"))
           .order_by("-n")[:5])
print(json.dumps({{
    "releases": [page.url for page in sample],
    "news": {{page.locale.language_code: page.url
              for page in NewsIndexPage.objects.select_related("locale")}},
    "publishers": list(Publisher.objects.exclude(kind="council").values_list("slug", flat=True)),
    "themes": list(Theme.objects.values_list("slug", flat=True)),
    "busiest_publishers": [row["publisher__slug"] for row in busiest],
    "count": len(ids),
}}))
"""

SEARCH_WORDS = {
    "nl": ["begroting", "pensioenhervorming", "verkeersveiligheid", "cyberveiligheid"],
    "fr": ["budget", "vaccination", "cybersécurité", "pensions"],
}


def log(message):
    print(message, flush=True)


def environment(database_url, var_dir):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        # A throw-away key: production settings refuse the development one.
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or "bench-" + secrets.token_urlsafe(48),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on the loopback
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)  # uncached: local-memory cache, nothing shared between workers
    return env


def manage(env, *args, capture=False):
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    if capture:
        return subprocess.run(
            command, env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return None


def ensure_database(database_url):
    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            log(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def release_count(database_url):
    with psycopg.connect(database_url) as connection:
        return connection.execute("SELECT count(*) FROM releases_pressreleasepage").fetchone()[0]


def vacuum_analyze(database_url):
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def load(env, database_url, releases, batch):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    have = release_count(database_url)
    if have >= releases:
        log(f"{have} releases already loaded; skipping seed_bulk")
        return have, None
    log(f"{have} releases present; adding {releases - have} with seed_bulk")
    started = time.monotonic()
    manage(env, "seed_bulk", "--releases", str(releases - have), "--batch", str(batch))
    seconds = time.monotonic() - started
    vacuum_analyze(database_url)
    return release_count(database_url), seconds


class Server:
    """gunicorn, started and stopped by us (by its own process id)."""

    def __init__(self, env, port, workers):
        self.port = port
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        self.process = subprocess.Popen(
            [
                gunicorn,
                "newsportal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--keep-alive",
                "5",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )

    def wait_ready(self, path, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited during start-up")
            try:
                status, _ms = request_once(self.port, path)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer 200 on {path} within {timeout} s")

    def stop(self):
        stop_process_group(self.process)


def stop_process_group(process):
    """Stops a child started with `start_new_session=True` and everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def request_once(port, path, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept-Language": "nl"})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if own:
        connection.close()
    return response.status, elapsed


def hammer(port, paths, total, concurrency):
    """`total` GETs spread over `concurrency` threads, each on its own keep-alive connection;
    path i goes to request i. Returns (latencies in ms, statuses, wall seconds)."""
    latencies, statuses = [], {}
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, codes = [], {}
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            try:
                status, ms = request_once(port, paths[index % len(paths)], connection)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status, ms = "error", 0.0
            codes[status] = codes.get(status, 0) + 1
            if status == 200:
                mine.append(ms)
        connection.close()
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - started


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def scenarios(urls):
    news_nl, news_fr = urls["news"]["nl"], urls["news"]["fr"]
    publishers, themes = urls["publishers"], urls["themes"]
    filtered = []
    for i in range(20):
        query = {
            "publisher": publishers[i % len(publishers)],
            "theme": themes[(i * 7) % len(themes)],
            "from": f"{2008 + i % 12}-01-01",
            "to": f"{2012 + i % 12}-12-31",
        }
        filtered.append(f"{(news_nl, news_fr)[i % 2]}?{urlencode(query)}")
    search = [f"{news_nl}?{urlencode({'q': word})}" for word in SEARCH_WORDS["nl"]]
    search += [f"{news_fr}?{urlencode({'q': word})}" for word in SEARCH_WORDS["fr"]]
    by_relevance = [f"{url}&sort=relevance" for url in search]
    return {
        "home": ["/nl/", "/fr/"],
        "listing": [news_nl, news_fr, f"{news_nl}?page=2", f"{news_fr}?page=50"],
        "filtered listing": filtered,
        "search": search,
        "search by relevance": by_relevance,
        "release page": urls["releases"],
        # Not in the target of issue 2, but a page journalists open: the largest sources.
        "publisher page": [
            f"/{language}/source/{slug}/{suffix}"
            for slug in urls["busiest_publishers"]
            for language in ("nl", "fr")
            for suffix in ("", "?page=2")
        ],
    }


def table(rows):
    header = (
        f"{'scenario':<18} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'errors':>6}  target"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        ok = "ok" if row["p95_ms"] is not None and row["p95_ms"] < TARGET_P95_MS else "MISSED"
        lines.append(
            f"{row['scenario']:<18} {row['requests']:>5} {row['requests_per_second']:>7.1f} "
            f"{row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} "
            f"{row['max_ms']:>8.1f} {row['errors']:>6}  {ok}"
        )
    return "\n".join(lines)


def reference_loop_ms():
    """The best of five runs of a fixed pure-Python loop, in ms: how fast this machine's cores
    are at the time of the run. Shared machines drift (the same code and database measured a
    third slower an hour apart): figures of two runs compare only at a similar reference."""
    import timeit

    return min(timeit.repeat("sum(i * i for i in range(1_000_000))", number=1, repeat=5)) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--releases", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=300, help="per scenario")
    # One request per core by default: latency, not queueing (the figures of bench/README.md).
    cores = os.cpu_count() or 2
    parser.add_argument("--concurrency", type=int, default=cores, help="client threads")
    parser.add_argument("--workers", type=int, default=cores, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--warmup", type=int, default=30, help="requests per scenario, unmeasured")
    parser.add_argument("--only", action="append", help="run only this scenario (repeatable)")
    options = parser.parse_args()

    if not options.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("the benchmark runs on PostgreSQL: give a postgres:// DATABASE_URL")
    var_dir = BENCH_DIR / "var"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(options.database_url, var_dir)

    ensure_database(options.database_url)
    count, load_seconds = load(env, options.database_url, options.releases, options.batch)
    manage(env, "collectstatic", "--noinput", "-v0")
    urls = json.loads(
        manage(env, "shell", "-c", URLS_SCRIPT.format(n=200), capture=True).strip().splitlines()[-1]
    )
    log(f"{urls['count']} live releases")

    speed_before = reference_loop_ms()
    server = Server(env, options.port, options.workers)
    rows = []
    try:
        server.wait_ready("/nl/")
        for name, paths in scenarios(urls).items():
            if options.only and name not in options.only:
                continue
            hammer(options.port, paths, options.warmup, options.concurrency)
            latencies, statuses, seconds = hammer(
                options.port, paths, options.requests, options.concurrency
            )
            errors = sum(n for code, n in statuses.items() if code != 200)
            rows.append(
                {
                    "scenario": name,
                    "requests": options.requests,
                    "concurrency": options.concurrency,
                    "requests_per_second": options.requests / seconds,
                    "p50_ms": statistics.median(latencies) if latencies else None,
                    "p95_ms": percentile(latencies, 0.95),
                    "p99_ms": percentile(latencies, 0.99),
                    "max_ms": max(latencies) if latencies else None,
                    "errors": errors,
                    "statuses": {str(code): n for code, n in statuses.items()},
                    "sample_paths": paths[:3],
                }
            )
            log(f"  {name}: done")
    finally:
        server.stop()

    print(table(rows), flush=True)
    speed = (speed_before, reference_loop_ms())
    log(
        "Reference loop (the machine's speed; lower is faster) before and after: "
        f"{speed[0]:.1f} / {speed[1]:.1f} ms"
    )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    result = {
        "when": stamp,
        "releases": urls["count"],
        "bulk_load_seconds": load_seconds,
        "gunicorn_workers": options.workers,
        "concurrency": options.concurrency,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "reference_loop_ms": {"before": speed[0], "after": speed[1]},
        "target_p95_ms": TARGET_P95_MS,
        "scenarios": rows,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{stamp}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    log(f"Results written to {path.relative_to(ROOT)}")
    missed = [row["scenario"] for row in rows if not (row["p95_ms"] or 1e9) < TARGET_P95_MS]
    return 1 if missed or any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
