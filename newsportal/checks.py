"""Deployment checks (`manage.py check --deploy`): configurations that start but are unsafe or
broken in production. Production settings refuse to start on the webhook one outright, and log
every one of them at start-up (see NewsportalConfig.ready)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .esp_webhooks import tracking_webhook_pattern

# Email backends that deliver nothing: subscribers and spokespersons would get no email.
NON_DELIVERING_EMAIL_BACKENDS = {
    "newsportal.mail.EmlFileBackend",
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "anymail.backends.test.EmailBackend",
    "anymail.backends.console.EmailBackend",
}


def deployment_problems():
    problems = []
    esp = settings.EMAIL_WEBHOOK_ESP
    if esp and tracking_webhook_pattern(esp) is None:
        problems.append(
            Error(
                f"django-anymail has no tracking webhook for the ESP {esp!r}.",
                hint="Set EMAIL_WEBHOOK_ESP to the ESP's name as in anymail.backends.<esp>.",
                id="newsportal.E004",
            )
        )
    elif esp and not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        problems.append(
            Error(
                f"The {esp} tracking webhook (/anymail/{esp}/tracking/) is mounted without "
                "ANYMAIL_WEBHOOK_SECRET: anyone could post a fake bounce or complaint and "
                "suspend any subscriber.",
                hint="Set ANYMAIL_WEBHOOK_SECRET to 'user:password' (random) and give the "
                "same credentials to the ESP's webhook URL.",
                id="newsportal.E001",
            )
        )
    if settings.EMAIL_BACKEND in NON_DELIVERING_EMAIL_BACKENDS:
        problems.append(
            Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND} delivers no email.",
                hint="Set EMAIL_BACKEND to an anymail ESP, e.g. "
                "anymail.backends.mailgun.EmailBackend, or to an SMTP relay.",
                id="newsportal.E002",
            )
        )
    if not settings.REDIS_URL:
        problems.append(
            Error(
                "REDIS_URL is not set: each process keeps its own cache (a view restriction "
                "or an unpublished page is not seen by the other workers for minutes) and "
                "Celery uses a broker on the local disk, which other hosts do not see.",
                hint="Set REDIS_URL, e.g. redis://redis.internal:6379/0.",
                id="newsportal.E003",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def check_deployment(app_configs, **kwargs):
    return deployment_problems()
