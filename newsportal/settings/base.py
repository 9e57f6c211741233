"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsportal.esp_webhooks import esp_of_backend

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number of 0 or more, not {value!r}.")
    return number


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "dev-insecure-newsportal-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "directory",
    "releases",
    "validation",
    "subscriptions",
    "archive_import",
    "api",
    "accreditation",
    "audience",
    "photos",
    "demo",
    "newsportal",
    "wagtailautocomplete",
    # After the apps: their admin hooks (who may translate what) run before wagtail-localize's.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "anymail",
    "django_celery_beat",
    "django.contrib.postgres",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: counts feeds, API and downloads by the final status (audience/).
    "audience.middleware.AudienceMiddleware",
    # ETag on every response, 304 to a conditional GET that matches it (or Last-Modified).
    "django.middleware.http.ConditionalGetMiddleware",
    # Above what sets cookies and Cache-Control: it must see them to decide (core.front_cache).
    "core.front_cache.FrontCacheMiddleware",
    "newsportal.middleware.ContentSecurityPolicyMiddleware",
    # CORS for the public API only (CORS_URLS_REGEX); it answers preflight requests itself.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsportal.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsportal.context_processors.site",
            ],
            "builtins": ["core.templatetags.site_tags"],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file under var/ for a fresh checkout.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the short queries of a web request; parallel
    # workers speed up one query on an idle server but fight over the cores when requests come
    # together; the tables of a press site fit in memory, so a random read costs about a
    # sequential one (figures in bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: every public URL lives under its language prefix.
LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
    ("en", "English"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
# The language `/` falls back to when Accept-Language names none of ours.
LANGUAGE_CODE = os.environ.get("DEFAULT_LANGUAGE", "nl")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# wagtail-localize: a new translation starts as a draft, even of a live release (its text is
# still the source's); machine translation is off unless production sets a DeepL key.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Static files: hashed names served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Media: var/media by default, S3-compatible object storage when a bucket is configured.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Unguessable original image names; documents served only through their view.
    "default": {"BACKEND": "core.media_storage.MediaFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        # Documents are private objects behind short-lived signed URLs.
        "BACKEND": "core.media_storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache and Celery broker: Redis when REDIS_URL is set, embedded otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis unreachable: pages are built from the database, and the outage is logged.
            "BACKEND": "newsportal.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsportal",
            "OPTIONS": {
                # The longest a page waits for a hung or unreachable Redis (then once per
                # RETRY_AFTER seconds and process, not per call).
                "socket_connect_timeout": float(os.environ.get("REDIS_CACHE_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_CACHE_TIMEOUT", "0.5")),
                "RETRY_AFTER": 5,
                "LOG_INTERVAL": 60,
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    BROKER_DIR = VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "releases.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    # Reminders and deadlines of spokesperson validations.
    "validation-process-due": {
        "task": "validation.tasks.process_due_validations",
        "schedule": 300.0,
    },
    # Starts a digest round when one of the times set in the admin has passed.
    "subscriptions-start-due-rounds": {
        "task": "subscriptions.tasks.start_due_digest_rounds",
        "schedule": 60.0,
    },
    # Reminds accredited journalists a month before their accreditation ends.
    "accreditation-remind-expiring": {
        "task": "accreditation.tasks.remind_expiring",
        "schedule": 3600.0,
    },
    # Usage statistics (audience/): the counts buffered in Redis into the database, the ESP's
    # email events into the reach per release.
    "audience-flush-counts": {
        "task": "audience.tasks.flush_counts",
        "schedule": 60.0,
    },
    "audience-roll-up-email-events": {
        "task": "audience.tasks.roll_up_email_events",
        "schedule": 300.0,
    },
    # Hands the work recorded while the broker was down (core.outbox) over once it is back.
    "core-dispatch-outbox": {
        "task": "core.outbox.dispatch_outbox",
        "schedule": 60.0,
    },
}
# core.outbox: a task handed to the broker and not finished after this long (a message lost in
# a broker crash) is handed over again, at most OUTBOX_MAX_HANDOVERS times.
OUTBOX_REDISPATCH_AFTER = int(os.environ.get("OUTBOX_REDISPATCH_AFTER", "3600"))
OUTBOX_MAX_HANDOVERS = 5
# core.task_retry: emails retried after 1, 2, 4 ... minutes (with jitter), then given up.
TASK_RETRY_BACKOFF = int(os.environ.get("TASK_RETRY_BACKOFF", "60"))
TASK_MAX_RETRIES = int(os.environ.get("TASK_MAX_RETRIES", "6"))

# Email: .eml files under var/mail in development, any django-anymail ESP in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "newsportal.mail.EmlFileBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "news@news.example.be")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hung mail service fails the send (then retried) instead of holding a worker for ever.
EMAIL_TIMEOUT = 30
ANYMAIL = {
    key[len("ANYMAIL_") :]: value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and key != "ANYMAIL_WEBHOOK_SECRET"
}
if os.environ.get("ANYMAIL_WEBHOOK_SECRET"):
    ANYMAIL["WEBHOOK_SECRET"] = os.environ["ANYMAIL_WEBHOOK_SECRET"]
# The ESP whose tracking webhook (bounces, complaints) is mounted at /anymail/<esp>/tracking/:
# the one EMAIL_BACKEND names, or EMAIL_WEBHOOK_ESP (e.g. SMTP through an ESP's relay). No other
# ESP's webhook is mounted. Deploy checks (newsportal/checks.py) require ANYMAIL_WEBHOOK_SECRET.
EMAIL_WEBHOOK_ESP = os.environ.get("EMAIL_WEBHOOK_ESP") or esp_of_backend(EMAIL_BACKEND)

# Wagtail
WAGTAIL_SITE_NAME = "news.belgium"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "csv",
    "txt",
    "rtf",
    "zip",
    "mp4",
    "webm",
    "vtt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# Refuses a document whose content does not match its extension (a ".pdf" that is no PDF).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.documents.ValidatedDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Press photographers' originals: 50 MB and more (docs/photos.md). The file goes to a temporary
# file past FILE_UPLOAD_MAX_MEMORY_SIZE, not to memory; DATA_UPLOAD_MAX_MEMORY_SIZE counts the
# other fields only.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 60 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# Every image is described: its default alt text is never the file name (see core.images).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.DescribedImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatars from gravatar.com: it would receive a hash of every editor's address on every
# admin page (and the admin's Content-Security-Policy does not allow it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Dates in the admin as Belgians write them, whatever the admin's language; the formats
# modules make every language read them back (see newsportal/formats).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
FORMAT_MODULE_PATH = ["newsportal.formats"]

# Public site
SITE_NAME = _("news.belgium – federal government press releases")
RELEASES_PER_PAGE = 20
SEARCH_QUERY_MAX_LENGTH = 200
# A search counts its matches up to this number and pages through that many; past it, the
# exact figure would cost a scan of every match and tells a reader nothing more than "over".
SEARCH_MAX_RESULTS = 1000

# Proxies in front of the application that append the client's address to X-Forwarded-For
# (a TLS terminator, a load balancer): the client address is that many entries from the right
# (newsportal/client_ip.py). 0: REMOTE_ADDR, the application faces clients directly.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Content-Security-Policy (django-csp; newsportal.middleware gives /admin/ its own policy).
# Public pages run no inline script or style: scripts and styles come from the site; the only
# frames are the videos a reader starts (YouTube without cookies, Vimeo). Media may live on
# object storage: its origin is allowed for images, video and audio.
_CSP_SELF, _CSP_NONE = "'self'", "'none'"
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS") or [
    origin
    for origin in (
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else os.environ.get("AWS_S3_ENDPOINT_URL", ""),
        MEDIA_URL if MEDIA_URL.startswith(("https://", "http://")) else "",
    )
    if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "data:", *CSP_MEDIA_ORIGINS],
        "media-src": [_CSP_SELF, *CSP_MEDIA_ORIGINS],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_SELF],
    }
}
# Wagtail's admin writes inline scripts (date pickers, inline panels) and style attributes,
# and shows embeds' and avatars' images from their hosts.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_CSP_SELF, "'unsafe-inline'"],
        "style-src": [_CSP_SELF, "'unsafe-inline'"],
        "img-src": [_CSP_SELF, "data:", "blob:", "https:"],
        "frame-src": [_CSP_SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
    }
}

# Front cache (core.front_cache, deploy/varnish/): how long Varnish or a CDN keeps a public
# page (changes purge it at once: this only bounds a missed purge), how long it may answer with
# the expired copy while it fetches a new one, and how long while the application is down.
FRONT_CACHE_MAX_AGE = env_int("FRONT_CACHE_MAX_AGE", 600)
FRONT_CACHE_STALE_WHILE_REVALIDATE = env_int("FRONT_CACHE_STALE_WHILE_REVALIDATE", 30)
FRONT_CACHE_STALE_IF_ERROR = env_int("FRONT_CACHE_STALE_IF_ERROR", 86400)
# A second purge this many seconds after the first (see core.front_cache.purge_on_commit).
FRONT_CACHE_REPURGE_AFTER = env_int("FRONT_CACHE_REPURGE_AFTER", 2)
# The hosts' clocks agree to within this many seconds (NTP): a render that began this long after
# a change is taken as having begun before it, and not shared (core.front_cache.changed_since).
FRONT_CACHE_CLOCK_SKEW = float(os.environ.get("FRONT_CACHE_CLOCK_SKEW", "0.1"))
# Purges on a queue of their own when named (and a worker consuming it: `-Q front-cache`, or
# `-Q celery,front-cache`), so that the thousands of emails a digest queues never hold them up.
FRONT_CACHE_QUEUE = os.environ.get("FRONT_CACHE_QUEUE", "")
CELERY_TASK_ROUTES = (
    {"core.front_cache.purge_tags": {"queue": FRONT_CACHE_QUEUE}} if FRONT_CACHE_QUEUE else {}
)
# Where purges go (Wagtail's frontend_cache backends): each Varnish host of VARNISH_URLS
# (comma-separated, e.g. http://10.0.0.5:6081), CloudFront, Cloudflare. None: no front cache.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "core.front_cache.XkeyVarnishBackend", "LOCATION": url}
    for number, url in enumerate(env_list("VARNISH_URLS"))
}
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "core.front_cache.CloudflareTagBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action and django-tasks every task at INFO: too chatty.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint (release PDFs) logs each rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# The public API (api/, docs/api.md): read-only JSON under /api/v1/, anonymous, no session.
# The API's own policy (anonymous, read-only, rate limited, its error format) is on its views
# (api.views.ApiPolicy): Wagtail's admin and wagtail-localize's editor use DRF's defaults.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
# Requests per client address (core.client_ip) and period: "120/minute", "5000/hour".
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
# A sync (`?since=`) leaves out releases first published less than this many seconds ago: a
# publication whose transaction is still open then cannot commit behind a client's cursor.
API_SYNC_SETTLE_SECONDS = env_int("API_SYNC_SETTLE_SECONDS", 10)
SPECTACULAR_SETTINGS = {
    "TITLE": "newsportal API",
    "DESCRIPTION": "Press releases of the Belgian federal government: read-only, public.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The reference page's assets come from the site (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
]
# WebSub (api/websub.py): the hub the feeds name and that publishing pings, e.g.
# https://pubsubhubbub.appspot.com/. Unset: no hub.
WEBSUB_HUB_URL = os.environ.get("WEBSUB_HUB_URL", "")

# Usage statistics (audience/, docs/audience.md): the Redis keys of the counts buffer, the
# longest a count waits for Redis (then it is dropped), the beacon's rate limit per client
# network (requests, seconds).
AUDIENCE_REDIS_PREFIX = os.environ.get("AUDIENCE_REDIS_PREFIX", "audience")
AUDIENCE_REDIS_TIMEOUT = float(os.environ.get("AUDIENCE_REDIS_TIMEOUT", "0.1"))
AUDIENCE_BEACON_RATE = (env_int("AUDIENCE_BEACON_RATE", 120), 60)
