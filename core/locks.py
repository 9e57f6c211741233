"""One run at a time of a periodic job, across processes and machines, held by the database and
not by the cache: with the cache down a cache lock can neither be trusted (a fail-soft `add`
always "succeeds") nor be allowed to stop the job.

PostgreSQL: a session advisory lock, released by the server if the process or its connection
dies, so a crash never leaves it stuck (needs a session per connection: not through a
transaction-pooling proxy). Elsewhere (SQLite, one machine): an flock on a file under VAR_DIR,
released by the kernel when the process dies."""

import contextlib
import fcntl
import hashlib
import logging

from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def advisory_key(name):
    """A stable signed 64-bit key for `name` (PostgreSQL's advisory lock key space)."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.contextmanager
def exclusive_run(name):
    """Yields True when this process now holds the lock `name`, False when another holds it
    (the caller then skips its run); released on the way out."""
    if connection.vendor == "postgresql":
        with _advisory_lock(name) as held:
            yield held
    else:
        with _file_lock(name) as held:
            yield held


@contextlib.contextmanager
def _advisory_lock(name):
    key = advisory_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                # The connection broke during the run: closing it ends the session, which
                # releases the lock on the server if it still held it.
                logger.warning("exclusive_run %s: connection lost, closing it", name)
                connection.close()


@contextlib.contextmanager
def _file_lock(name):
    folder = settings.VAR_DIR / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
