"""Configuration from the environment: the embedded default, production's demands."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="factcheck.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_every_cookie_over_https_only():
    names = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE")
    result = manage(
        "shell",
        "-c",
        f"from django.conf import settings; print([getattr(settings, n) for n in {names!r}])",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="factcheck.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[True, True, True]"


def test_a_malformed_boolean_is_a_clear_error():
    result = manage("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_the_database_is_the_one_the_environment_names():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )

    assert connection.vendor == expected


def test_celery_runs_in_process_exactly_when_no_broker_is_configured():
    broker = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")

    assert settings.CELERY_TASK_ALWAYS_EAGER is (not broker)


@pytest.mark.django_db
def test_every_page_carries_a_csp_without_inline_scripts(client):
    response = client.get("/login/")

    policy = response.headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_evidence_storage_is_any_backend_the_environment_names(tmp_path):
    """What an S3 setup does (django-storages' backend, its options as JSON), with a backend
    that needs no server: Django's in-memory storage."""
    script = (
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import storages\n"
        "storage = storages['evidence']\n"
        "name = storage.save('captures/ab/x.txt', ContentFile(b'kept'))\n"
        "print(type(storage).__name__, storage.base_url, storage.open(name).read().decode())\n"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DEBUG="1",
        EVIDENCE_STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        EVIDENCE_STORAGE_OPTIONS='{"base_url": "/evidence/"}',
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["InMemoryStorage", "/evidence/", "kept"]


@pytest.mark.parametrize(
    ("options", "message"),
    [("{not json", "EVIDENCE_STORAGE_OPTIONS is not valid JSON"), ("[1]", "must be a JSON object")],
)
def test_malformed_storage_options_stop_start_up_clearly(options, message):
    result = manage("check", DEBUG="1", EVIDENCE_STORAGE_OPTIONS=options)
    assert result.returncode != 0
    assert message in result.stderr
