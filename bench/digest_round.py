"""Benchmark of a digest round: N confirmed subscribers with varied choices and M new release
versions; the whole round — select, match, claim, render, hand to the email backend (anymail's
test backend), mark sent — run batch after batch, as Celery workers would: in this process,
or in --processes worker processes taking the next batch as they finish one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal_bench_digests \\
        .venv/bin/python bench/digest_round.py --subscribers 100000 --releases 300 --processes 2

Reports emails/s, SQL queries per batch (min/max), each process's RSS after its first and
last batch (memory flat = no growth across batches) and the load average at the end (the
machine may be shared). The database is created and migrated if needed;
subscribers and releases are reused when already there (--fresh rebuilds them).
"""

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

# The project root, found from this file.
ROOT = next(p for p in Path(__file__).resolve().parents if (p / "manage.py").exists())
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsportal_bench_digests")


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def ensure_database(url):
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def clear_rounds():
    """Start from no round and no delivery. TRUNCATE, not DELETE: the millions of dead rows a
    DELETE leaves would slow the next round down until autovacuum passes (on a live site
    autovacuum keeps up with the purge of old deliveries)."""
    from django.db import connection

    from subscriptions.models import Delivery, DigestBatch, DigestRound, Dispatch

    tables = [m._meta.db_table for m in (Delivery, Dispatch, DigestBatch, DigestRound)]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}")


def build_world(subscribers, releases, rng):
    from django.db import transaction
    from django.utils import timezone

    from core.site_structure import ensure_site_structure
    from subscriptions.models import Subscriber
    from tests import factories

    ensure_site_structure(hostname="testserver")
    clear_rounds()
    if Subscriber.objects.count() != subscribers:
        Subscriber.objects.all().delete()
    from directory.models import Publisher
    from releases.models import PressReleasePage, Theme

    publishers = list(Publisher.objects.all())
    if len(publishers) < 60:
        factories.council()
        publishers += [factories.publisher() for _index in range(40)]
        publishers += [factories.government_member() for _index in range(20)]
        publishers = list(Publisher.objects.all())
    themes = list(Theme.objects.all()) or [factories.theme() for _index in range(25)]
    now = timezone.now()
    week_ago = now - timedelta(days=6)

    existing = PressReleasePage.objects.filter(first_published_at__gte=week_ago).count()
    if existing != releases:
        # Older releases are outside the round's window.
        PressReleasePage.objects.update(first_published_at=now - timedelta(days=30))
        languages = ["nl"] * 5 + ["fr"] * 4 + ["de", "en"]
        start = time.monotonic()
        for index in range(releases):
            factories.release(
                language=rng.choice(languages),
                publisher=rng.choice(publishers),
                co_publishers=rng.sample(publishers, rng.choice([0, 0, 0, 1, 2])),
                themes=rng.sample(themes, rng.choice([0, 1, 1, 2, 3])),
                lead="A lead of one or two sentences that sums the release up. " * 2,
            )
            if index % 50 == 49:
                print(f"  {index + 1} releases ({time.monotonic() - start:.0f} s)", flush=True)

    if not Subscriber.objects.exists():
        confirmed = now - timedelta(days=7)
        through_p = Subscriber.publishers.through
        through_t = Subscriber.themes.through
        language_sets = [["nl"], ["fr"], ["nl", "fr"], ["fr", "nl", "en"], ["de"], ["en"]]
        for chunk_start in range(0, subscribers, 5000):
            with transaction.atomic():
                rows = [
                    Subscriber(
                        email=f"journalist{n}@bench.example.org",
                        everything=rng.random() < 0.1,
                        content_languages=rng.choice(language_sets),
                        email_language=rng.choice(["nl", "fr", "de", "en"]),
                        confirmed_at=confirmed,
                        consent_at=confirmed,
                        consent_text="I agree.",
                        consent_language="nl",
                    )
                    for n in range(chunk_start, min(subscribers, chunk_start + 5000))
                ]
                created = Subscriber.objects.bulk_create(rows)
                links_p, links_t = [], []
                for subscriber in created:
                    for publisher in rng.sample(publishers, rng.randint(1, 5)):
                        links_p.append(through_p(subscriber=subscriber, publisher=publisher))
                    for theme in rng.sample(themes, rng.randint(0, 3)):
                        links_t.append(through_t(subscriber=subscriber, theme=theme))
                through_p.objects.bulk_create(links_p)
                through_t.objects.bulk_create(links_t)
            print(f"  {chunk_start + len(rows)} subscribers", flush=True)


def run_batch(batch_id):
    """One batch task, as a worker runs it; what the benchmark reports about it."""
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from subscriptions.tasks import run_digest_batch

    mail.outbox = []
    with CaptureQueriesContext(connection) as captured:
        run_digest_batch(batch_id)
    queries = len(captured)
    connection.queries_log.clear()  # the capture keeps every SQL text (claims: megabytes)
    emails = len(mail.outbox)
    mail.outbox = []  # the ESP took them
    return {"pid": os.getpid(), "queries": queries, "emails": emails, "rss": rss_mb()}


def run_round(processes=1):
    from django.db import connections
    from django.utils import timezone

    from subscriptions.tasks import start_round

    digest_round = start_round(timezone.now(), queue=False)
    batch_ids = list(digest_round.batch_set.order_by("number").values_list("pk", flat=True))
    start = time.monotonic()
    if processes == 1:
        results = [run_batch(batch_id) for batch_id in batch_ids]
    else:
        # Like Celery workers: each process takes the next batch when it is done with one.
        # Closed before forking: each process opens its own database connection.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            results = list(pool.imap_unordered(run_batch, batch_ids, chunksize=1))
    elapsed = time.monotonic() - start
    digest_round.refresh_from_db()
    emails = sum(result["emails"] for result in results)
    memory = {}
    for result in results:
        memory.setdefault(result["pid"], []).append(round(result["rss"], 1))
    queries = [result["queries"] for result in results]
    return {
        "subscribers": digest_round.subscribers,
        "batches": len(batch_ids),
        "processes": processes,
        "emails": emails,
        "sent": digest_round.sent,
        "skipped": digest_round.skipped,
        "seconds": round(elapsed, 1),
        "emails_per_second": round(emails / elapsed, 1),
        "queries_per_batch_min": min(queries),
        "queries_per_batch_max": max(queries),
        "rss_mb_per_process_first_last_max": [
            [values[0], values[-1], max(values)] for values in memory.values()
        ],
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--releases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="worker processes running the batches in parallel (as Celery workers would)",
    )
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    print("building the data set", flush=True)
    build_world(args.subscribers, args.releases, random.Random(args.seed))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    # After the ANALYZE: statistics of empty tables would plan the foreign-key checks of
    # the claims as sequential scans, which a live site (millions of rows) never sees.
    clear_rounds()
    print("running the round", flush=True)
    result = run_round(args.processes)
    result.update(releases=args.releases)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
