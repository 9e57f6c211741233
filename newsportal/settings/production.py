"""Production: gunicorn behind a TLS-terminating proxy, PostgreSQL, Redis, an anymail ESP."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ANYMAIL,
    DEBUG,
    DEV_SECRET_KEY,
    EMAIL_WEBHOOK_ESP,
    SECRET_KEY,
    env_bool,
    env_int,
)

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of 40 characters or more.")
if EMAIL_WEBHOOK_ESP and not ANYMAIL.get("WEBHOOK_SECRET"):
    # Without it anyone can post a fake bounce or complaint and suspend any subscriber.
    raise ImproperlyConfigured(
        f"Set ANYMAIL_WEBHOOK_SECRET ('user:password'): the {EMAIL_WEBHOOK_ESP} tracking "
        "webhook is mounted."
    )
# The other deploy checks (no REDIS_URL, an email backend that delivers nothing) are logged
# as errors at start-up and fail `manage.py check --deploy`.
LOG_DEPLOYMENT_PROBLEMS = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The TLS terminator appends the client's address to X-Forwarded-For; add one per further proxy.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Machine translation in the translation editor, off unless a DeepL key is set (docs/admin.md).
DEEPL_AUTH_KEY = os.environ.get("DEEPL_AUTH_KEY", "").strip()
if DEEPL_AUTH_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY},
    }
