from .base import *  # noqa: F403
from .base import STORAGES, VAR_DIR

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
