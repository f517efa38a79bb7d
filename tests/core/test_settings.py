"""Settings fail loudly outside development when a required variable is missing."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "DEBUG",
            "BSN_ENCRYPTION_KEYS",
            "DJANGO_ENV",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_development_starts_with_defaults():
    assert run_settings({}).returncode == 0


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "BSN_ENCRYPTION_KEYS",
        "AWS_STORAGE_BUCKET_NAME",
    ],
)
def test_production_without_a_required_variable_fails_loudly(missing):
    env = {
        "DJANGO_ENV": "production",
        "DATABASE_URL": "postgres://u@h/d",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "a.example",
        "BSN_ENCRYPTION_KEYS": "k",
        "DEFAULT_FROM_EMAIL": "a@b.c",
        "AWS_STORAGE_BUCKET_NAME": "jeugdfonds-bestanden",
    }
    del env[missing]
    result = run_settings(env)
    assert result.returncode != 0
    assert f"Environment variable {missing} is required when DJANGO_ENV=production" in result.stderr


def test_production_without_secret_key_fails_loudly():
    result = run_settings({"DJANGO_ENV": "production", "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "Environment variable SECRET_KEY is required when DJANGO_ENV=production" in result.stderr


def test_production_with_everything_starts():
    result = run_settings(
        {
            "DJANGO_ENV": "production",
            "DATABASE_URL": "postgres://u@127.0.0.1/db",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "jeugdfonds.example",
            "BSN_ENCRYPTION_KEYS": "k",
            "DEFAULT_FROM_EMAIL": "a@b.c",
            "AWS_STORAGE_BUCKET_NAME": "jeugdfonds-bestanden",
        }
    )
    assert result.returncode == 0, result.stderr


# The variables the README's production section documents, with values an operator would set.
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DATABASE_URL": "postgres://jeugdfonds@127.0.0.1:5432/jeugdfonds",
    "SECRET_KEY": "k7#Qz2!vLp9@Xw4$Rt6%Yn8^Bm1&Hc3*Jd5(Fg0)Sa-Ue+Io=Pq_Zx",
    "ALLOWED_HOSTS": "jeugdfonds.example",
    "BSN_ENCRYPTION_KEYS": "tNq5hA0yB1D6c3tCzS3F6xUeGyVf2Y2s1Xn3wz7Zk3Y=",
    "DEFAULT_FROM_EMAIL": "noreply@jeugdfonds.example",
    "AWS_STORAGE_BUCKET_NAME": "jeugdfonds-bestanden",
}


def run_check_deploy(env: dict) -> subprocess.CompletedProcess:
    # Not what the test process has set for itself (the browser tests allow async-unsafe calls).
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_without_a_warning_in_production():
    result = run_check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_fails_on_a_missing_default_from_email():
    env = dict(PRODUCTION)
    del env["DEFAULT_FROM_EMAIL"]
    result = run_check_deploy(env)
    assert result.returncode != 0
    assert (
        "Environment variable DEFAULT_FROM_EMAIL is required when DJANGO_ENV=production."
        in result.stderr
    )


def test_check_deploy_warns_when_the_operator_turns_https_off():
    result = run_check_deploy(
        {**PRODUCTION, "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr and "security.W004" in result.stderr
