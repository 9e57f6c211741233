from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = env_bool("DEBUG", True)  # noqa: F405
ALLOWED_HOSTS = ["*"]
# runserver serves static files itself; no manifest needed during development.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the finders; there is no collectstatic outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # `make run` has three processes on one SQLite file (runserver, the worker, beat). A
    # transaction that reads then writes (beat syncing its schedule at start-up) failed at once
    # with "database is locked" when another held the write lock: BEGIN IMMEDIATE takes the
    # lock first and waits for it (timeout, seconds), and WAL lets readers read meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
