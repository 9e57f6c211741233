"""Counting on the request path, and the flush that moves the counts into PostgreSQL.

With Redis (REDIS_URL): a request adds 1 to a field of the day's hash (`HINCRBY` in one
pipeline, one round trip), field "kind|name|object|language". A Celery beat task (`flush`)
moves the hashes into `DailyCount`, without ever losing or doubling a count:

1. `RENAME <prefix>:counts:<day>` → `<prefix>:flush:<day>:<flush id>` (atomic: the requests
   after it start a new hash);
2. in one transaction: insert `FlushRecord(flush id)` (unique) and add every field to its
   `DailyCount` row (an upsert that adds: INSERT … ON CONFLICT DO UPDATE SET count = count +
   excluded.count);
3. `DEL` the flush key.

A flush that stops anywhere is resumed by the next one, which starts with the flush keys left
over: before step 2's commit, nothing was added and the counts are added now; after it, the
FlushRecord is there, so the key is only deleted.

Without Redis (`make run`) each request adds its 1 to the database with the same upsert.

Redis down, slow or refusing writes never fails or slows a page: the count is dropped and the
outage logged (once, then at most every LOG_INTERVAL seconds), and Redis is not tried again
for RETRY_AFTER seconds (the per-call cost is then a clock read)."""

import logging
import threading
import time
import uuid
from datetime import date

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from redis.exceptions import RedisError, ResponseError

from .models import DailyCount, FlushRecord

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
LOG_INTERVAL = 60.0
FIELD_SEPARATOR = "|"
UPSERT_BATCH = 500


class _State:
    def __init__(self):
        self.lock = threading.Lock()
        self.client = None
        self.url = None
        self.down_until = 0.0
        self.logged_at = 0.0
        self.dropped = 0


_state = _State()


def prefix():
    return settings.AUDIENCE_REDIS_PREFIX


def counts_key(day):
    return f"{prefix()}:counts:{day.isoformat()}"


def redis_client():
    """The process's Redis client for counting, or None without REDIS_URL. Timeouts short: a
    count is worth less than a page's time."""
    url = settings.REDIS_URL
    if not url:
        return None
    if _state.client is None or _state.url != url:
        with _state.lock:
            timeout = settings.AUDIENCE_REDIS_TIMEOUT
            _state.client = redis.Redis.from_url(
                url, socket_timeout=timeout, socket_connect_timeout=timeout
            )
            _state.url = url
    return _state.client


def field_of(hit):
    return FIELD_SEPARATOR.join(
        (hit.kind, hit.name.replace(FIELD_SEPARATOR, ""), str(hit.object_id), hit.language)
    )


def parse_field(field):
    """(kind, name, object id, language) of a hash field, or None when it is not one of ours."""
    parts = field.split(FIELD_SEPARATOR)
    if len(parts) != 4:
        return None
    kind, name, object_id, language = parts
    try:
        object_id = int(object_id)
    except ValueError:
        return None
    if not kind or object_id < 0 or len(name) > 100 or len(language) > 5:
        return None
    return kind, name, object_id, language


def count(*hits, day=None):
    """Add 1 to each of `hits` (classify.Hit) for `day` (default today, local time). Never
    raises: a count that cannot be kept is dropped and logged."""
    if not hits:
        return
    day = day or timezone.localdate()
    client = redis_client()
    if client is None:
        _count_in_database(hits, day)
        return
    if time.monotonic() < _state.down_until:
        _dropped(len(hits), None)
        return
    try:
        pipe = client.pipeline(transaction=False)
        key = counts_key(day)
        for hit in hits:
            pipe.hincrby(key, field_of(hit), 1)
        pipe.execute()
    except RedisError as error:
        _state.down_until = time.monotonic() + RETRY_AFTER
        _dropped(len(hits), error)
    except Exception as error:  # a count must never break a page
        _dropped(len(hits), error)


def _count_in_database(hits, day):
    totals = {}
    for hit in hits:
        row = (hit.kind, hit.name, hit.object_id, hit.language)
        totals[row] = totals.get(row, 0) + 1
    try:
        add_counts(day, totals)
    except Exception as error:  # the database refusing a count must not refuse the page
        _dropped(len(hits), error)


def _dropped(number, error):
    _state.dropped += number
    now = time.monotonic()
    if error is not None and now - _state.logged_at >= LOG_INTERVAL:
        _state.logged_at = now
        logger.warning(
            "audience: %s count(s) dropped since the last report, Redis or the database failed: %s",
            _state.dropped,
            error,
        )
        _state.dropped = 0


def add_counts(day, totals):
    """Add `totals` ({(kind, name, object id, language): n}) to `day`'s DailyCount rows, in
    batches: one INSERT … ON CONFLICT DO UPDATE per batch (PostgreSQL and SQLite)."""
    table = connection.ops.quote_name(DailyCount._meta.db_table)
    rows = [(day, *key, n) for key, n in totals.items() if n > 0]
    for start in range(0, len(rows), UPSERT_BATCH):
        batch = rows[start : start + UPSERT_BATCH]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(batch))
        sql = (
            f"INSERT INTO {table} (day, kind, name, object_id, language, count) VALUES {values} "
            "ON CONFLICT (day, kind, name, object_id, language) "
            f"DO UPDATE SET count = {table}.count + excluded.count"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in batch for value in row])


def flush(client=None):
    """Move every buffered count from Redis into DailyCount (see the module's docstring).
    Returns the number of requests moved."""
    client = client or redis_client()
    if client is None:
        return 0
    moved = 0
    # What an interrupted flush left first, then today's and earlier days' buffers.
    for key in list(client.scan_iter(match=f"{prefix()}:flush:*", count=1000)):
        moved += apply_flush_key(client, key.decode())
    for key in list(client.scan_iter(match=f"{prefix()}:counts:*", count=1000)):
        flush_key = rename_for_flush(client, key.decode())
        if flush_key:
            moved += apply_flush_key(client, flush_key)
    return moved


def rename_for_flush(client, key):
    """Step 1: the buffer `key` renamed to a flush key of its own, or None if it is gone."""
    day = key.rsplit(":", 1)[1]
    flush_key = f"{prefix()}:flush:{day}:{uuid.uuid4().hex}"
    try:
        client.rename(key, flush_key)
    except ResponseError:  # no such key: another flush took it
        return None
    return flush_key


def apply_flush_key(client, flush_key):
    """Steps 2 and 3 for one flush key; the number of requests it held (0 when it had been
    added already)."""
    _head, day_text, flush_id = flush_key.rsplit(":", 2)
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        logger.error("audience: %s is no flush key of ours, left alone", flush_key)
        return 0
    totals = {}
    for field, value in client.hgetall(flush_key).items():
        key = parse_field(field.decode(errors="replace"))
        if key is None:
            logger.warning("audience: field %r of %s dropped", field, flush_key)
            continue
        totals[key] = totals.get(key, 0) + int(value)
    added = _add_once(flush_id, day, totals)
    client.delete(flush_key)
    return sum(totals.values()) if added else 0


def _add_once(flush_id, day, totals):
    try:
        with transaction.atomic():
            FlushRecord.objects.create(flush_id=flush_id)
            add_counts(day, totals)
    except IntegrityError:
        if FlushRecord.objects.filter(flush_id=flush_id).exists():
            return False  # added by an earlier run that stopped before deleting the key
        raise
    return True
