"""Where one page's time goes: wall time, SQL queries and their time, in-process.

    .venv/bin/python bench/profile_request.py /fr/actualites/ "/fr/actualites/?q=budget"
    .venv/bin/python bench/profile_request.py --queries 5 --profile 25 /fr/

Runs against the benchmark database (the one `bench/run.py` fills) with the production settings
and nothing cached between requests, like the benchmark, but in this process through Django's
test client: no gunicorn, no network. For each URL it prints the median and the fastest of
`--repeat` requests (on a shared machine the fastest is the steadiest figure to compare two
versions of the code), the number of SQL queries and their time, the slowest queries, and with
`--profile N` the N functions with the most cumulative time under cProfile.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import BENCH_DIR, DEFAULT_DATABASE_URL, environment  # noqa: E402


def configure(database_url):
    """The benchmark's environment (production settings, no Redis), in this process."""
    env = environment(database_url, BENCH_DIR / "var")
    os.environ.clear()
    os.environ.update(env)
    # Celery's Django fix-up puts the working directory first on sys.path: run from another
    # checkout, that checkout's apps would load instead of these.
    os.chdir(ROOT)

    import django

    django.setup()


def timed_requests(client, url, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
    return response, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--queries", type=int, default=3, help="slowest queries shown")
    parser.add_argument("--profile", type=int, default=0, help="functions shown under cProfile")
    args = parser.parse_args()
    configure(args.database_url)

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for url in args.urls:
        cache.clear()
        timed_requests(client, url, 3)  # warm up: templates, the process's first queries
        response, times = timed_requests(client, url, args.repeat)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, HTTP_HOST="127.0.0.1")
        sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(
            f"{url}  HTTP {response.status_code}  median {statistics.median(times):.1f} ms, "
            f"fastest {min(times):.1f} ms  |  {len(queries)} queries, {sql_ms:.0f} ms of SQL"
        )
        slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))
        for query in slowest[: args.queries]:
            print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(timed_requests, client, url, 10)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
