import os

from .base import *  # noqa: F403
from .base import CACHES, STORAGES, VAR_DIR

SECRET_KEY = "test-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
# anymail's test backend stands in for Postmark: its tracking webhook is the one mounted.
EMAIL_WEBHOOK_ESP = "postmark"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULER = "celery.beat:PersistentScheduler"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the finders; there is no collectstatic outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# pytest-xdist runs the suite in several processes (PYTEST_XDIST_WORKER "gw0", "gw1", ...; unset
# in a serial run); pytest-django gives each its own test database. They share the Redis database
# of REDIS_URL, so each keeps its cache keys under a prefix of its own, and tests/conftest.py
# empties only those (a FLUSHDB would empty the others' cache in the middle of their tests). Run
# locks (newsportal.locks on SQLite: files under VAR_DIR) are kept apart the same way.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "main")
# Under the cache's prefix: tests/conftest.py empties the usage statistics' keys with the cache's.
AUDIENCE_REDIS_PREFIX = f"test-{TEST_PROCESS}:audience"
CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": f"test-{TEST_PROCESS}"}}
VAR_DIR = VAR_DIR / "test" / TEST_PROCESS

# One machine, one clock: a page requested right after a change (the tests do it at once) is
# shared as soon as its render begins after the change.
FRONT_CACHE_CLOCK_SKEW = 0.0
