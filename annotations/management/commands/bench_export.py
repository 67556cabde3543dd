"""python manage.py bench_export: the streamed exports against PostgreSQL's own COPY, in one run.

It builds a throwaway database (<name>_bench) beside the configured one, fills it with N
published verdicts in SQL, and measures:
- PostgreSQL's `COPY (SELECT <the export's columns>) TO STDOUT` read by a client: the reference;
- GET /api/v1/verdicts/export.csv and export.jsonl served by a real gunicorn process over HTTP,
  with the web process's peak resident memory (VmHWM) read from /proc;
- for comparison, a plain DRF ListAPIView + ModelSerializer rendering the same rows as JSON,
  in this process (on --drf-rows rows: on all of them it needs gigabytes).
The database is dropped at the end unless --keep.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.exports import streams
from annotations.management.local_gunicorn import free_port, gunicorn_command

PROJECT = Path(settings.BASE_DIR)
TARGET_RATIO = 0.85  # issue 16: each export at 85 % of COPY or better
TARGET_PEAK_MB = 150


class Command(BaseCommand):
    help = "Benchmark the verdict exports against PostgreSQL's COPY (needs PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=1_000_000)
        parser.add_argument("--drf-rows", type=int, default=100_000)
        parser.add_argument("--keep", action="store_true", help="keep the bench database")

    def handle(self, *args: Any, rows: int, drf_rows: int, keep: bool, **options: Any) -> None:
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError(
                "bench_export compares with PostgreSQL's COPY: set DATABASE_URL to PostgreSQL. "
                "(On SQLite the exports take the streamed Python path.)"
            )
        self.server: dict[str, Any] = {  # psycopg.connect keywords
            "host": database["HOST"] or "127.0.0.1",
            "port": database["PORT"] or 5432,
            "user": database["USER"],
            "password": database["PASSWORD"] or None,
        }
        self.name = f"{database['NAME']}_bench"
        self.url = (
            f"postgres://{database['USER']}"
            f"{':' + database['PASSWORD'] if database['PASSWORD'] else ''}"
            f"@{self.server['host']}:{self.server['port']}/{self.name}"
        )
        self._database_create()
        try:
            self._fill(rows)
            failures = self._measure(rows, drf_rows)
        finally:
            if not keep:
                self._database_drop()
        if failures:
            self.stdout.write(self.style.ERROR("Targets missed: " + "; ".join(failures)))
        else:
            self.stdout.write(self.style.SUCCESS("Every target met."))

    # --- the throwaway database ----------------------------------------------------------------

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(dbname="postgres", autocommit=True, **self.server)

    def _database_create(self) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            admin.execute(f'CREATE DATABASE "{self.name}"')
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=PROJECT,
            env=self._env(),
            check=True,
        )

    def _database_drop(self) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
        env.update(
            DATABASE_URL=self.url,
            DEBUG="0",
            SECRET_KEY="bench-export-secret-key-used-only-for-this-local-measurement-0123456789",  # noqa: S106
            ALLOWED_HOSTS="127.0.0.1",
            HTTPS="0",
            AXES_ENABLED="0",
            **extra,
        )
        return env

    def _fill(self, rows: int) -> None:
        started = time.perf_counter()
        with psycopg.connect(dbname=self.name, autocommit=True, **self.server) as db:
            db.execute(
                """
                INSERT INTO annotations_article (title, byline, publisher, source_url, language,
                                                 text, created, modified)
                SELECT 'Article ' || g, 'Staff', 'The Daily Example',
                       'https://news.example.org/' || g, 'en',
                       'Officials said that unemployment doubled since 2020, which is not so.',
                       now(), now()
                FROM generate_series(1, 1000) g
                """
            )
            db.execute(
                """
                INSERT INTO annotations_claimunit (article_id, kind, start, "end", is_manual,
                       status, version, ratings, created, modified)
                SELECT (g %% 1000) + 1, 'claim', 14, 46, false, 'published', 2, 3, now(), now()
                FROM generate_series(1, %s) g
                """,
                (rows,),
            )
            db.execute(
                """
                INSERT INTO annotations_verdict (unit_id, label_id, claim_reviewed, explanation,
                       claimant, decided_at, is_published, first_published_at, published_at,
                       updated_at)
                SELECT u.id, (SELECT id FROM annotations_verdictlabel ORDER BY position
                                OFFSET (u.id % 6) LIMIT 1),
                       'Claim ' || u.id || ': unemployment doubled since 2020',
                       'The statistics office reports a 12% rise, not a doubling.',
                       'Councillor ' || (u.id % 97), now(), true, now(), now(),
                       now() - make_interval(secs => u.id)
                FROM annotations_claimunit u
                """
            )
            # Two cited sources per verdict (drawn from 2,000 cited on 1,000 highlights), half
            # of them captured: the exports list them with their archived copies.
            db.execute(
                """
                INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,
                                       email, is_staff, is_active, date_joined)
                VALUES ('!', false, 'bench-reviewer', '', '', '', false, true, now())
                """
            )
            db.execute(
                """
                INSERT INTO annotations_annotation (article_id, reviewer_id, kind, speaker,
                       exact, prefix, suffix, start, "end", verdict_id, rationale, created,
                       modified)
                SELECT a.id, (SELECT id FROM auth_user WHERE username = 'bench-reviewer'),
                       'claim', '', 'unemployment doubled', '', '', 14, 34,
                       (SELECT id FROM annotations_verdictlabel ORDER BY position LIMIT 1), '',
                       now(), now()
                FROM annotations_article a
                """
            )
            db.execute(
                """
                INSERT INTO annotations_source (annotation_id, url, title, publisher, passage,
                       stance, accessed_on, position)
                SELECT n.id, 'https://stats.example.org/report/' || n.id || '-' || k,
                       'Report', '', '', 'refutes', current_date, k
                FROM annotations_annotation n, generate_series(0, 1) k
                """
            )
            db.execute(
                """
                INSERT INTO annotations_sourcecapture (url, status, requested_at, captured_at,
                       final_url, http_status, content_type, size, sha256, text_sha256,
                       warc_name, text_name, failure_code, failure_reason,
                       public_archive_status, public_archive_url, public_archive_detail)
                SELECT url, 'captured', now(), now(), url, 200, 'text/html', 1000,
                       md5(url) || md5(url), '', '', '', '', '', '', '', ''
                FROM annotations_source WHERE id % 2 = 0
                """
            )
            # The search index's triggers would rebuild a verdict's document on each row;
            # this throwaway database is never searched.
            db.execute("SET session_replication_role = replica")
            db.execute(
                """
                INSERT INTO annotations_verdict_sources (verdict_id, source_id)
                SELECT v.id, first.id + (v.id % 1000) * 2 + k
                FROM annotations_verdict v,
                     (SELECT min(id) AS id FROM annotations_source) first,
                     generate_series(0, 1) k
                """
            )
            db.execute("SET session_replication_role = DEFAULT")
            db.execute("ANALYZE")
        self.stdout.write(
            f"Filled {self.name} with {rows:,} published verdicts (two sources each) in "
            f"{time.perf_counter() - started:.1f} s."
        )

    # --- measurements --------------------------------------------------------------------------

    def _copy_reference(self, statement: str) -> tuple[int, float]:
        with (
            psycopg.connect(dbname=self.name, **self.server) as db,
            psycopg.ClientCursor(db) as cursor,
        ):
            bound = cursor.mogrify(statement, streams._params(None, "http://127.0.0.1"))
            started = time.perf_counter()
            size = 0
            with cursor.copy(bound) as copy:
                for chunk in copy:
                    size += len(chunk)
            return size, time.perf_counter() - started

    def _http_export(self, path: str) -> tuple[int, float, float]:
        """(bytes, seconds, peak RSS MB of the web process) for one export over HTTP."""
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            gunicorn_command(port=port, timeout=600),
            cwd=PROJECT,
            env=self._env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            worker = self._gunicorn_worker(server.pid)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            # Warm up (imports, first database connection) on an empty export, untimed.
            conn.request("GET", f"{path}?updated_after=2999-01-01T00:00:00Z")
            conn.getresponse().read()
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            if response.status != 200:
                raise CommandError(f"{path} answered {response.status}: {response.read()[:300]!r}")
            size = 0
            while chunk := response.read(1 << 20):
                size += len(chunk)
            seconds = time.perf_counter() - started
            peak = self._peak_mb(worker)
            conn.close()
            return size, seconds, peak
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _gunicorn_worker(self, master: int) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            children = Path(f"/proc/{master}/task/{master}/children")
            if children.exists() and children.read_text().split():
                worker = int(children.read_text().split()[0])
                time.sleep(1.0)  # let it finish importing Django
                return worker
            time.sleep(0.1)
        raise CommandError("gunicorn did not start a worker")

    def _peak_mb(self, pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise CommandError("no VmHWM in /proc status")

    def _drf_list(self, limit: int) -> tuple[int, float, float]:
        """A plain ListAPIView + ModelSerializer over `limit` rows, in this process."""
        from rest_framework import generics
        from rest_framework import serializers as drf
        from rest_framework.renderers import JSONRenderer

        from annotations.models import Verdict

        class PlainSerializer(drf.ModelSerializer):
            class Meta:
                model = Verdict
                fields = [
                    "id",
                    "claim_reviewed",
                    "label",
                    "claimant",
                    "explanation",
                    "published_at",
                    "first_published_at",
                    "updated_at",
                ]

        class PlainList(generics.ListAPIView):
            serializer_class = PlainSerializer
            pagination_class = None
            permission_classes: list[Any] = []
            authentication_classes: list[Any] = []

            def get_queryset(self) -> Any:
                return Verdict.objects.using("bench").filter(is_published=True)[:limit]

        from django.db import connections

        connections.databases["bench"] = {
            **settings.DATABASES["default"],
            "NAME": self.name,
        }
        from rest_framework.test import APIRequestFactory

        request = APIRequestFactory().get("/plain/")
        tracemalloc.start()
        started = time.perf_counter()
        response = PlainList.as_view()(request)
        body = JSONRenderer().render(response.data)
        seconds = time.perf_counter() - started
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        connections["bench"].close()
        return len(body), seconds, peak / 2**20

    def _measure(self, rows: int, drf_rows: int) -> list[str]:
        """Each export over HTTP beside PostgreSQL's own COPY of the very statement it runs
        (the ceiling of its format), and the CSV one's COPY as the common yardstick."""
        failures = []
        self.stdout.write("")
        self.stdout.write(f"{'measurement':<58} {'rows/s':>12} {'MB/s':>8} {'time':>8} {'peak':>9}")
        yardstick = 0.0
        for name, statement, path in (
            ("CSV", streams.csv_copy_sql(), "/api/v1/verdicts/export.csv"),
            ("JSON Lines", streams.jsonl_copy_sql(), "/api/v1/verdicts/export.jsonl"),
        ):
            ref_bytes, ref_seconds = self._copy_reference(statement)
            ref_rate = rows / ref_seconds
            yardstick = yardstick or ref_rate
            self.stdout.write(
                f"{f'PostgreSQL COPY of the {name} statement (reference)':<58} {ref_rate:>12,.0f} "
                f"{ref_bytes / ref_seconds / 2**20:>8.1f} {ref_seconds:>7.2f}s {'':>9}"
            )
            size, seconds, peak = self._http_export(path)
            rate = rows / seconds
            ratio = rate / ref_rate
            self.stdout.write(
                f"{f'GET {path} (gunicorn)':<58} {rate:>12,.0f} {size / seconds / 2**20:>8.1f} "
                f"{seconds:>7.2f}s {peak:>7.0f}MB   {ratio:.2f} of its COPY, "
                f"{rate / yardstick:.2f} of the CSV's"
            )
            if ratio < TARGET_RATIO:
                failures.append(f"{path}: {ratio:.2f} of COPY's throughput")
            if peak >= TARGET_PEAK_MB:
                failures.append(f"{path}: web process peaked at {peak:.0f} MB")
        size, seconds, peak = self._drf_list(min(drf_rows, rows))
        self.stdout.write(
            f"{f'DRF ListAPIView + ModelSerializer ({min(drf_rows, rows):,} rows)':<58} "
            f"{min(drf_rows, rows) / seconds:>12,.0f} {size / seconds / 2**20:>8.1f} "
            f"{seconds:>7.2f}s {peak:>7.0f}MB   (Python heap, in-process)"
        )
        self.stdout.write(
            f"Targets: at least {TARGET_RATIO:.0%} of COPY's rows/s, web process under "
            f"{TARGET_PEAK_MB} MB."
        )
        return failures
