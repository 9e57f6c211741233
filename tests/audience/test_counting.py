"""Counting: Redis buffer, flush into the database without losing or doubling a count,
counting straight into the database without Redis, Redis down never failing a request."""

import threading
import time
from datetime import date

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from audience import counting
from audience.classify import Hit
from audience.models import DailyCount, FlushRecord, Kind

from .conftest import totals

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 30)
VIEW = Hit(Kind.PAGE_VIEW, "", 41, "fr")
FEED = Hit(Kind.FEED, "releases:publisher_rss", 0, "nl")


@pytest.mark.redis
def test_concurrent_counts_while_flushing_lose_no_increment(redis_counts):
    threads, per_thread = 8, 400
    start = threading.Barrier(threads + 1)

    def reader(number):
        start.wait()
        for _ in range(per_thread):
            counting.count(VIEW, Hit(Kind.DOCUMENT, "", 1000 + number % 2, ""), day=DAY)

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    start.wait()
    flushes = 0
    # Flushes while the readers count: each RENAME cuts a buffer the readers go on past.
    while any(worker.is_alive() for worker in workers):
        counting.flush()
        flushes += 1
    for worker in workers:
        worker.join()
    counting.flush()

    assert flushes > 1
    assert totals(day=DAY) == {
        ("view", "", 41, "fr"): threads * per_thread,
        ("document", "", 1000, ""): threads // 2 * per_thread,
        ("document", "", 1001, ""): threads // 2 * per_thread,
    }
    assert list(redis_counts.scan_iter(match=f"{counting.prefix()}:*")) == []


@pytest.mark.redis
def test_flush_adds_to_what_is_there(redis_counts):
    counting.count(VIEW, VIEW, FEED, day=DAY)
    assert counting.flush() == 3
    counting.count(VIEW, day=DAY)
    assert counting.flush() == 1
    assert counting.flush() == 0
    assert totals(day=DAY) == {("view", "", 41, "fr"): 3, ("feed", FEED.name, 0, "nl"): 1}


@pytest.mark.redis
def test_flush_stopped_after_the_rename_is_resumed(redis_counts):
    counting.count(VIEW, VIEW, day=DAY)
    key = counting.counts_key(DAY)
    # A worker killed right after step 1: the buffer sits under its flush key.
    flush_key = counting.rename_for_flush(redis_counts, key)
    assert flush_key and not redis_counts.exists(key)
    counting.count(VIEW, day=DAY)  # requests go on into a new buffer
    assert counting.flush() == 3
    assert totals(day=DAY) == {("view", "", 41, "fr"): 3}


@pytest.mark.redis
def test_flush_failing_inside_the_transaction_adds_nothing_then_everything(
    redis_counts, monkeypatch
):
    rows = {Hit(Kind.DOCUMENT, "", n, ""): n for n in range(1, 1201)}  # several upsert batches
    for hit, times in rows.items():
        redis_counts.hincrby(counting.counts_key(DAY), counting.field_of(hit), times)
    real_add = counting.add_counts
    calls = []

    def add_then_die(day, found):
        calls.append(len(found))
        real_add(day, dict(list(found.items())[:600]))  # half written, then the worker dies
        raise RuntimeError("worker lost")

    monkeypatch.setattr(counting, "add_counts", add_then_die)
    with pytest.raises(RuntimeError):
        counting.flush()
    assert DailyCount.objects.count() == 0 and FlushRecord.objects.count() == 0
    monkeypatch.setattr(counting, "add_counts", real_add)

    counting.flush()
    expected = {("document", "", n, ""): n for n in range(1, 1201)}
    assert totals(day=DAY) == expected


@pytest.mark.redis
def test_flush_stopped_after_the_commit_is_not_added_twice(redis_counts, monkeypatch):
    counting.count(VIEW, VIEW, FEED, day=DAY)
    real_delete = redis_counts.delete

    def die_before_delete(*keys):
        raise RedisConnectionError("worker lost before DEL")

    monkeypatch.setattr(redis_counts, "delete", die_before_delete)
    with pytest.raises(RedisConnectionError):
        counting.flush(redis_counts)
    monkeypatch.setattr(redis_counts, "delete", real_delete)
    assert FlushRecord.objects.count() == 1

    # The rerun finds the flush key, sees its FlushRecord, deletes it without adding.
    assert counting.flush(redis_counts) == 0
    assert totals(day=DAY) == {("view", "", 41, "fr"): 2, ("feed", FEED.name, 0, "nl"): 1}
    assert list(redis_counts.scan_iter(match=f"{counting.prefix()}:*")) == []


@pytest.mark.redis
def test_foreign_fields_in_a_buffer_are_dropped_not_fatal(redis_counts):
    key = counting.counts_key(DAY)
    redis_counts.hincrby(key, "view||x|fr", 1)
    redis_counts.hincrby(key, "nonsense", 1)
    redis_counts.hincrby(key, counting.field_of(VIEW), 2)
    counting.flush()
    assert totals(day=DAY) == {("view", "", 41, "fr"): 2}


def test_without_redis_counts_go_straight_to_the_database(database_counts):
    counting.count(VIEW, VIEW, FEED, day=DAY)
    counting.count(VIEW, day=DAY)
    assert totals(day=DAY) == {("view", "", 41, "fr"): 3, ("feed", FEED.name, 0, "nl"): 1}
    assert counting.flush() == 0


def test_redis_down_drops_the_count_quickly_and_logs_once(settings, caplog):
    # Nothing listens on port 1: every connection is refused.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    started = time.perf_counter()
    counting.count(VIEW, day=DAY)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(1000):
        counting.count(VIEW, day=DAY)
    then = (time.perf_counter() - started) / 1000
    assert first < 1.0
    assert then < 0.0005  # not tried again for RETRY_AFTER seconds: a clock read
    warnings = [r for r in caplog.records if r.name == "audience.counting"]
    assert len(warnings) == 1 and "dropped" in warnings[0].getMessage()
    assert DailyCount.objects.count() == 0


@pytest.mark.redis
def test_beat_task_flushes_and_prunes_old_flush_records(redis_counts):
    from datetime import timedelta

    from django.utils import timezone

    from audience.tasks import flush_counts

    old = FlushRecord.objects.create(flush_id="old")
    FlushRecord.objects.filter(pk=old.pk).update(flushed_at=timezone.now() - timedelta(days=8))
    counting.count(VIEW, FEED, day=DAY)
    assert flush_counts.delay().get() == 2
    assert totals(day=DAY) == {("view", "", 41, "fr"): 1, ("feed", FEED.name, 0, "nl"): 1}
    assert not FlushRecord.objects.filter(flush_id="old").exists()
    assert FlushRecord.objects.count() == 1


def test_redis_down_never_fails_a_counted_request(client, site_structure, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    for _ in range(3):
        assert (
            client.get("/api/v1/themes/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/133.0").status_code
            == 200
        )
    assert DailyCount.objects.count() == 0
