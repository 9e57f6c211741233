"""The Redis cache, failing soft: when Redis is unreachable, slow or refusing writes, every cache
call behaves as Django's DummyCache does (a miss; writes kept nowhere; `add` says it stored;
`incr` raises ValueError as for a missing key), so pages are built from the database, slower,
instead of answering 500.

Why a subclass of Django's RedisCache rather than django-redis and its IGNORE_EXCEPTIONS:
django-redis tries Redis again on every call (a hung or unreachable server costs its timeout
several times per page), logs every ignored exception (thousands of lines a minute under load),
and forgets the invalidations that failed, so a list cached before the outage comes back stale
with Redis. This backend stops trying for RETRY_AFTER seconds after a failure (one timeout per
process and period, not per call), logs the outage once and then at most every LOG_INTERVAL
seconds, and, on its first contact after the outage, replays the deletes and version bumps that
failed and sends `cache_reconnected`, before any read, so apps drop what an outage may have
left stale (a write in another process whose invalidation failed)."""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from core.cache_events import cache_reconnected  # sent here, received by the apps

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
LOG_INTERVAL = 60.0


class _Outage:
    """What one process knows of one Redis server (cache instances are per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0
        self.logged_at = 0.0
        self.calls_without = 0
        # Full keys whose delete ("delete") or version bump ("incr") failed, replayed on return.
        self.missed = {}


_outages = {}
_outages_lock = threading.Lock()


def outage_of(location):
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class FailSoftRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *, location, retry_after, log_interval, **options):
        super().__init__(servers, **options)
        self.location = location
        self.outage = outage_of(location)
        self.retry_after = retry_after
        self.log_interval = log_interval

    def _call(self, operation, fallback, *args, missed=()):
        """`operation(*args)` on Redis, or `fallback` while Redis is unreachable; `missed`:
        (key, "delete" | "incr") to replay once it is back, should the call fail."""
        outage = self.outage
        if outage.down_since is not None:
            if time.monotonic() < outage.retry_at:
                return self._without(fallback, missed)
            try:
                self._reconnect()
            except RedisError as error:
                return self._failed(error, fallback, missed)
        try:
            return getattr(super(), operation)(*args)
        except RedisError as error:
            return self._failed(error, fallback, missed)

    def _without(self, fallback, missed):
        outage = self.outage
        with outage.lock:
            outage.calls_without += 1
            for key, action in missed:
                # A counter's bump wins over its delete: deleting it could bring back the
                # number of a version still cached.
                if action == "incr" or key not in outage.missed:
                    outage.missed[key] = action
        if isinstance(fallback, BaseException):
            raise fallback
        return fallback

    def _failed(self, error, fallback, missed):
        outage = self.outage
        now = time.monotonic()
        with outage.lock:
            first = outage.down_since is None
            if first:
                outage.down_since = now
            outage.retry_at = now + self.retry_after
            log = first or now - outage.logged_at >= self.log_interval
            if log:
                outage.logged_at = now
        if first:
            logger.warning(
                "Cache %s unreachable (%s): pages are built from the database until it is "
                "back; next attempt in %g s.",
                self.location,
                error,
                self.retry_after,
            )
        elif log:
            logger.warning(
                "Cache %s still unreachable after %d s (%s calls answered without it): %s",
                self.location,
                now - outage.down_since,
                outage.calls_without,
                error,
            )
        return self._without(fallback, missed)

    def _reconnect(self):
        """Replay the failed invalidations (the first of them is the probe), then tell the
        apps. Raises RedisError while Redis is still unreachable."""
        outage = self.outage
        with outage.lock:
            missed = dict(outage.missed)
        self.get_client(None, write=True).ping()
        for key, action in missed.items():
            if action == "incr":
                try:
                    super().incr(key, 1)
                except ValueError:
                    pass  # gone with Redis's memory: nothing stale under it either
            else:
                super().delete(key)
        with outage.lock:
            if outage.down_since is None:
                return  # another thread of the process got there first
            lasted = time.monotonic() - outage.down_since
            calls = outage.calls_without
            outage.down_since, outage.calls_without = None, 0
            for key in missed:
                outage.missed.pop(key, None)
        logger.warning(
            "Cache %s reachable again after %d s (%s calls answered without it, %s failed "
            "invalidations replayed).",
            self.location,
            lasted,
            calls,
            len(missed),
        )
        cache_reconnected.send(sender=FailSoftRedisCache, location=self.location)

    def add(self, key, value, timeout):
        return self._call("add", True, key, value, timeout)

    def get(self, key, default):
        return self._call("get", default, key, default)

    def set(self, key, value, timeout):
        # A value that failed to replace an older one must not let the older one come back.
        return self._call("set", None, key, value, timeout, missed=[(key, "delete")])

    def touch(self, key, timeout):
        return self._call("touch", False, key, timeout)

    def delete(self, key):
        return self._call("delete", False, key, missed=[(key, "delete")])

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def has_key(self, key):
        return self._call("has_key", False, key)

    def incr(self, key, delta):
        missing = ValueError(f"Key '{key}' not found (cache unreachable).")
        return self._call("incr", missing, key, delta, missed=[(key, "incr")])

    def set_many(self, data, timeout):
        missed = [(key, "delete") for key in data]
        return self._call("set_many", None, data, timeout, missed=missed)

    def delete_many(self, keys):
        return self._call("delete_many", None, keys, missed=[(key, "delete") for key in keys])

    def clear(self):
        return self._call("clear", False)


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache, answering as a DummyCache while Redis is unreachable (see the
    module docstring). OPTIONS: RETRY_AFTER and LOG_INTERVAL (seconds), the rest goes to the
    redis-py connection pool as in RedisCache (set socket_connect_timeout and socket_timeout:
    they bound what a page waits for a hung server)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("RETRY_AFTER", RETRY_AFTER))
        log_interval = float(options.pop("LOG_INTERVAL", LOG_INTERVAL))
        super().__init__(server, {**params, "OPTIONS": options})
        location = server if isinstance(server, str) else ",".join(server)
        self._options = {
            **options,
            "location": location,
            "retry_after": retry_after,
            "log_interval": log_interval,
        }
        self._class = FailSoftRedisCacheClient
