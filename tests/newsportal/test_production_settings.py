"""Production settings refuse to start with a development secret key or DEBUG on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import newsportal.settings.production"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


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
    result = _load_production(SECRET_KEY="k3y-" + "s" * 60, DEBUG=debug)
    assert result.returncode == 0, result.stderr
