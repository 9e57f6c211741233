"""Times the two paths of the claims and marks of a digest batch (subscriptions/claims.py,
subscriptions/marks.py) on PostgreSQL: the raw-SQL one and its ORM twin, with one batch's
rows (500 subscribers x 32 releases = 16,000 deliveries; 50 marks). Each run is a transaction
rolled back; foreign keys are deferred on PostgreSQL, so made-up ids do.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated database> \\
        .venv/bin/python bench/claim_paths.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "manage.py").exists())
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from subscriptions import claims, marks  # noqa: E402
from subscriptions.models import Delivery, Dispatch  # noqa: E402

SUBSCRIBERS, RELEASES, MARKS, REPEAT = 500, 32, 50, 7
BASE = 10_000_000
WANTED = {BASE + s: [BASE + p for p in range(RELEASES)] for s in range(SUBSCRIBERS)}
SENT = {BASE + s: f"<bench-{s}@example.org>" for s in range(MARKS)}
CLAIM = "bench"


class Rollback(Exception):
    pass


def median_ms(run, prepare=lambda: None):
    """Median time of `run()` after `prepare()`, each time in a transaction rolled back."""
    times = []
    for _ in range(REPEAT):
        try:
            with transaction.atomic():
                prepare()
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
                raise Rollback
        except Rollback:
            pass
    return statistics.median(times) * 1000


def claim_orm():
    claims.insert_claims_orm(WANTED, "digest", None, CLAIM, timezone.now())
    # The ORM path does not say what went in: claims.claim reads it back.
    list(
        Delivery.objects.filter(
            subscriber_id__in=list(WANTED), dispatch__claim=CLAIM, dispatch__state="pending"
        ).values_list("subscriber_id", "page_id")
    )


def pending_dispatches():
    Dispatch.objects.bulk_create(
        Dispatch(subscriber_id=pk, kind="digest", claim=CLAIM, claimed_at=timezone.now())
        for pk in WANTED
    )


def pending():
    return Dispatch.objects.filter(claim=CLAIM, state=Dispatch.State.PENDING)


def main():
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a migrated PostgreSQL database.")
    rows = [
        (
            "claim a batch",
            lambda: claims.insert_claims_postgresql(WANTED, "digest", None, CLAIM, timezone.now()),
            claim_orm,
            lambda: None,
        ),
        (
            f"mark {MARKS} sent",
            lambda: marks.mark_sent_postgresql(CLAIM, SENT, timezone.now()),
            lambda: marks.mark_sent_orm(pending(), SENT, timezone.now()),
            pending_dispatches,
        ),
    ]
    print(f"{'':20} {'PostgreSQL path':>16} {'ORM path':>10}  (median of {REPEAT}, ms)")
    for name, raw, orm, prepare in rows:
        print(f"{name:20} {median_ms(raw, prepare):16.1f} {median_ms(orm, prepare):10.1f}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
