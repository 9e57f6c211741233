"""Holding a run lock (core.locks) the way another worker would: from another thread, so
on PostgreSQL from another database session, and on SQLite through another open file."""

import contextlib
import threading

from django.db import connection

from core.locks import exclusive_run


@contextlib.contextmanager
def held_elsewhere(name):
    taken, release = threading.Event(), threading.Event()
    outcome = {}

    def hold():
        try:
            with exclusive_run(name) as held:
                outcome["held"] = held
                taken.set()
                release.wait(30)
        finally:
            taken.set()
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert taken.wait(30) and outcome.get("held"), "the other holder did not get the lock"
        yield
    finally:
        release.set()
        thread.join(30)
