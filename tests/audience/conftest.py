"""Fixtures of the usage statistics' tests: the counts buffer in Redis, emptied of this test
process's keys only (other pytest-xdist processes share the Redis database)."""

import pytest

from audience import counting, views


def _forget_state():
    counting._state.down_until = 0.0
    counting._state.logged_at = 0.0
    counting._state.dropped = 0


def _empty(client):
    keys = list(client.scan_iter(match=f"{counting.prefix()}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def fresh_counting_state():
    """No outage remembered, no page remembered live (a rolled-back test database reuses page
    ids)."""
    _forget_state()
    views.forget_live_pages()
    yield
    _forget_state()
    views.forget_live_pages()


@pytest.fixture
def redis_counts(settings):
    """The Redis client counting writes to, with this test process's counts keys emptied."""
    client = counting.redis_client()
    assert client is not None, "REDIS_URL is not set"
    _empty(client)
    yield client
    _empty(client)


@pytest.fixture
def database_counts(settings):
    """Counting without Redis (`make run`): straight into the database."""
    settings.REDIS_URL = ""
    return settings


def totals(**filters):
    """{(kind, name, object id, language): count} of the DailyCount rows."""
    from audience.models import DailyCount

    return {
        (row.kind, row.name, row.object_id, row.language): row.count
        for row in DailyCount.objects.filter(**filters)
    }
