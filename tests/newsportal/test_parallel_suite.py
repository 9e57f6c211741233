"""`make test` runs the suite in several processes (pytest-xdist). pytest-django gives each its
own test database; the test settings give each its own cache keys and run-lock files, and a test
empties only its own process's cache keys in the Redis database they share."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import empty_cache


def settings_for(worker):
    """The cache prefix and VAR_DIR the test settings give to pytest-xdist's `worker` (None: a
    serial run)."""
    env = {**os.environ}
    env.pop("PYTEST_XDIST_WORKER", None)
    if worker:
        env["PYTEST_XDIST_WORKER"] = worker
    code = (
        "import json; import newsportal.settings.test as s; "
        "print(json.dumps([s.CACHES['default']['KEY_PREFIX'], str(s.VAR_DIR)]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def test_each_worker_has_its_own_cache_prefix_and_lock_folder():
    var_dir = Path(os.environ.get("VAR_DIR", Path(settings.BASE_DIR) / "var"))
    assert settings_for("gw0") == ["test-gw0", str(var_dir / "test" / "gw0")]
    assert settings_for("gw1") == ["test-gw1", str(var_dir / "test" / "gw1")]
    assert settings_for(None) == ["test-main", str(var_dir / "test" / "main")]


@pytest.mark.redis
def test_emptying_the_cache_leaves_the_other_workers_keys():
    from django.core.cache import cache

    cache.set("latest-releases", "mine", 60)
    client = cache._cache.get_client(write=True)
    theirs = "test-gw99:1:latest-releases"
    client.set(theirs, "theirs", ex=60)
    try:
        empty_cache()
        assert cache.get("latest-releases") is None
        assert client.get(theirs) == b"theirs"
    finally:
        client.delete(theirs)
