"""Settings fail loudly outside development when a required variable is missing."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG", "BSN_ENCRYPTION_KEYS", "DJANGO_ENV"}}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", "import config.settings"], cwd=settings.BASE_DIR, env=clean,
                          capture_output=True, text=True)


def test_development_starts_with_defaults():
    assert run_settings({}).returncode == 0


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "BSN_ENCRYPTION_KEYS"])
def test_production_without_a_required_variable_fails_loudly(missing):
    env = {"DJANGO_ENV": "production", "DATABASE_URL": "postgres://u@h/d", "SECRET_KEY": "x" * 50,
           "ALLOWED_HOSTS": "a.example", "BSN_ENCRYPTION_KEYS": "k", "DEFAULT_FROM_EMAIL": "a@b.c"}
    del env[missing]
    result = run_settings(env)
    assert result.returncode != 0
    assert f"Environment variable {missing} is required when DJANGO_ENV=production" in result.stderr


def test_production_without_secret_key_fails_loudly():
    result = run_settings({"DJANGO_ENV": "production", "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "Environment variable SECRET_KEY is required when DJANGO_ENV=production" in result.stderr


def test_production_with_everything_starts():
    result = run_settings({
        "DJANGO_ENV": "production", "DATABASE_URL": "postgres://u@127.0.0.1/db", "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "jeugdfonds.example", "BSN_ENCRYPTION_KEYS": "k", "DEFAULT_FROM_EMAIL": "a@b.c",
    })
    assert result.returncode == 0, result.stderr
