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
