"""The deploy checks and the one mounted ESP webhook, in the test process."""

import base64

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from newsportal.checks import deployment_problems
from subscriptions.models import Subscriber


def ids(problems):
    return {problem.id for problem in problems}


@pytest.fixture
def sound(settings):
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.EMAIL_WEBHOOK_ESP = "postmark"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "t", "WEBHOOK_SECRET": "hook:s3cret"}
    settings.REDIS_URL = "redis://127.0.0.1:6379/3"
    return settings


def test_a_sound_configuration_has_no_problem(sound):
    assert deployment_problems() == []


def test_a_mounted_webhook_without_secret_is_an_error(sound):
    sound.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "t"}
    assert ids(deployment_problems()) == {"newsportal.E001"}
    with pytest.raises(SystemCheckError, match="newsportal.E001"):
        call_command("check", deploy=True, fail_level="ERROR")


def test_an_esp_without_a_tracking_webhook_is_an_error(sound):
    sound.EMAIL_WEBHOOK_ESP = "nosuchesp"
    assert ids(deployment_problems()) == {"newsportal.E004"}


@pytest.mark.parametrize(
    "backend",
    [
        "newsportal.mail.EmlFileBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "anymail.backends.test.EmailBackend",
    ],
)
def test_a_backend_that_delivers_nothing_is_an_error(sound, backend):
    sound.EMAIL_BACKEND = backend
    assert ids(deployment_problems()) == {"newsportal.E002"}


def test_no_redis_is_an_error(sound):
    sound.REDIS_URL = ""
    assert ids(deployment_problems()) == {"newsportal.E003"}


@pytest.mark.django_db
@pytest.mark.parametrize("esp", ["mailgun", "sendgrid", "amazon_ses", "sparkpost", "mandrill"])
def test_other_esps_webhooks_are_not_mounted(esp):
    url = f"/anymail/{esp}/tracking/"
    with pytest.raises(Resolver404):
        resolve(url)
    # The language middleware sends an unknown path to its /nl/ version, which is a 404.
    response = Client().post(url, "{}", content_type="application/json", follow=True)
    assert response.status_code == 404


def _complaint(subscriber, auth):
    body = (
        '{"RecordType": "SpamComplaint", "Type": "SpamComplaint", "TypeCode": 512, '
        f'"Email": "{subscriber.email}", "MessageID": "m-1", "BouncedAt": "2026-11-27T09:00:00Z"}}'
    )
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return Client().post(
        "/anymail/postmark/tracking/", body, content_type="application/json", **headers
    )


@pytest.fixture
def subscriber(db, settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "hook:s3cret"}
    now = timezone.now()
    return Subscriber.objects.create(
        email="reporter@example.org",
        content_languages=["nl"],
        everything=True,
        email_language="nl",
        confirmed_at=now,
        consent_at=now,
        consent_text="I agree.",
        consent_language="nl",
    )


@pytest.mark.parametrize(
    "auth", [None, "Basic " + base64.b64encode(b"hook:guess").decode(), "Bearer hook:s3cret"]
)
def test_a_webhook_post_without_the_secret_is_refused_and_suspends_no_one(subscriber, auth):
    assert _complaint(subscriber, auth).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.ACTIVE
    # The same complaint with the secret suspends.
    good = "Basic " + base64.b64encode(b"hook:s3cret").decode()
    assert _complaint(subscriber, good).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.SUSPENDED
