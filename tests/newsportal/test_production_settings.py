"""Production settings refuse to start with a development secret key, DEBUG on or an
unprotected ESP webhook, and `check --deploy` fails (and start-up logs) every unsafe choice."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "k3y-" + "s" * 60
# Everything production reads that the test's own environment may hold.
CLEARED = {
    "SECRET_KEY",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_BACKEND",
    "EMAIL_WEBHOOK_ESP",
    "REDIS_URL",
}


def _environment(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CLEARED and not key.startswith("ANYMAIL_")
    }
    environment.update(env)
    return environment


def _run(args, **env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _load_production(**env):
    return _run(["-c", "import newsportal.settings.production"], **env)


SOUND = {
    "SECRET_KEY": KEY,
    "EMAIL_BACKEND": "anymail.backends.mailgun.EmailBackend",
    "ANYMAIL_MAILGUN_API_KEY": "key-test",
    "ANYMAIL_WEBHOOK_SECRET": "hook:" + "p" * 30,
    "REDIS_URL": "redis://127.0.0.1:6379/3",
}


def test_refuses_the_development_secret_key():
    result = _load_production()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_refuses_debug():
    result = _load_production(SECRET_KEY="x" * 50, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.parametrize("debug", ["0", ""])
def test_starts_with_a_real_key_and_debug_off(debug):
    result = _load_production(SECRET_KEY=KEY, DEBUG=debug)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend"},
        # SMTP through an ESP's relay, with the ESP's webhook for bounces.
        {"EMAIL_WEBHOOK_ESP": "sendgrid"},
    ],
)
def test_refuses_an_esp_webhook_without_its_secret(env):
    result = _load_production(SECRET_KEY=KEY, **env)
    assert result.returncode != 0
    assert "ANYMAIL_WEBHOOK_SECRET" in result.stderr


def _check_deploy(**env):
    return _run(
        ["manage.py", "check", "--deploy"],
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        **env,
    )


def test_check_deploy_fails_without_redis_and_with_the_eml_backend():
    result = _check_deploy(SECRET_KEY=KEY)
    assert result.returncode != 0
    assert "newsportal.E002" in result.stderr and "EmlFileBackend" in result.stderr
    assert "newsportal.E003" in result.stderr and "REDIS_URL" in result.stderr


def test_check_deploy_passes_a_sound_configuration():
    result = _check_deploy(**SOUND)
    assert "newsportal.E" not in result.stdout + result.stderr


def test_start_up_logs_every_deploy_problem():
    """A web or worker process of a configuration that `check --deploy` refuses still starts
    (a benchmark runs one), but says what is wrong in its log."""
    result = _run(
        ["-c", "import django; django.setup()"],
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        SECRET_KEY=KEY,
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert result.returncode == 0, result.stderr
    assert "newsportal.E002" in result.stderr and "newsportal.E003" in result.stderr
    sound = _run(
        ["-c", "import django; django.setup()"],
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        **SOUND,
    )
    assert sound.returncode == 0, sound.stderr
    assert "newsportal.E" not in sound.stderr


def test_only_the_configured_esps_webhook_is_mounted():
    script = (
        "import django; django.setup()\n"
        "from django.urls import resolve, reverse, Resolver404\n"
        "assert reverse('anymail:mailgun_tracking_webhook') == '/anymail/mailgun/tracking/'\n"
        "resolve('/anymail/mailgun/tracking/')\n"
        "for esp in ('postmark', 'sendgrid', 'amazon_ses', 'mandrill'):\n"
        "    try:\n"
        "        resolve(f'/anymail/{esp}/tracking/')\n"
        "    except Resolver404:\n"
        "        continue\n"
        "    raise SystemExit(f'{esp} mounted')\n"
        "print('only mailgun')\n"
    )
    result = _run(["-c", script], DJANGO_SETTINGS_MODULE="newsportal.settings.production", **SOUND)
    assert result.returncode == 0, result.stderr
    assert "only mailgun" in result.stdout
