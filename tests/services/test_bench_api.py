"""`manage.py bench_api` with tiny numbers: it starts a real gunicorn, posts through it, prints its
table and leaves the database as it found it. Unmarked, so it runs on both passes: on SQLite
(a file the test migrates, as gunicorn cannot see the test's in-memory database) and on
PostgreSQL (the test database)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.worker.conftest import database_url as postgres_database_url

PROJECT = Path(settings.BASE_DIR)

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path: Path) -> str:
    """A database the command and its gunicorn share with this test."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return postgres_database_url()
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    manage("migrate", "--noinput", "-v0", url=url)
    return url


def manage(*arguments: str, url: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_bench_api_times_the_annotation_post_beside_a_plain_viewset_over_gunicorn(tmp_path):
    url = database_url(tmp_path)

    report = manage("bench_api", "--requests", "10", "--workers", "1", url=url)

    rows = re.findall(
        r"^ +1  POST (/api/v1/annotations/|plain ModelViewSet) +(1|10) +([\d.]+)ms +([\d.]+)ms"
        r" +([\d.]+) +(\d+)$",
        report,
        flags=re.MULTILINE,
    )
    assert {(endpoint, clients) for endpoint, clients, *_ in rows} == {
        ("/api/v1/annotations/", "1"),
        ("plain ModelViewSet", "1"),
        ("/api/v1/annotations/", "10"),
        ("plain ModelViewSet", "10"),
    }, report
    assert all(errors == "0" for *_, errors in rows), report
    assert all(float(p50) > 0 and float(p95) >= float(p50) for _, _, p50, p95, _, _ in rows)
    assert "target: p50 under 20 ms for one client" in report
    # The demo desk is gone again, users and all.
    leftovers = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from annotations.models import Article, Annotation; "
        "from django.contrib.auth.models import User; "
        "print(Article.objects.count(), Annotation.objects.count(), "
        "User.objects.filter(username__startswith='bench-api-').count())",
        url=url,
    )
    assert leftovers.split() == ["0", "0", "0"]


def test_the_plain_viewset_is_not_reachable_in_the_desk(admin_client: Client):
    assert admin_client.post("/bench/plain-annotations/", {}).status_code == 404
    assert admin_client.get("/bench/plain-annotations/").status_code == 404
