"""python manage.py bench_evidence: capture and link-rot sweep speed against a local site.

It starts a test site on loopback addresses 127.0.0.1, 127.0.0.2, ... (one web server per
"host", so that per-host limits apply as they would to different sites), with small pages,
some large ones, some slow ones and some gone, and, in the configured database:

1. cites `--captures` of its pages and captures them with `--concurrency` threads calling the
   capture service, as that many worker processes would: captures per second, the time from
   citation to captured (or failed) per source, and the storage used per capture;
2. cites `--sources` pages (by default 10,000) spread over `--hosts` hosts and runs the
   link-rot sweep over them at the desk's settings (EVIDENCE_SWEEP_THREADS hosts at once,
   EVIDENCE_HOST_INTERVAL_MS between two requests to one host): pages per minute, and the
   time for all of them against the target (10,000 in under 10 minutes).

The site, the rows and the stored files it made are removed at the end. It needs the desk to
fetch from loopback addresses, so it turns ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES on for its own
run only.
"""

from __future__ import annotations

import http.server
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import override_settings

from annotations.models import (
    Annotation,
    Article,
    Source,
    SourceCapture,
    SourceHealth,
    VerdictLabel,
)
from annotations.services import evidence, evidence_health

TARGET_SWEEP_SOURCES = 10_000
TARGET_SWEEP_SECONDS = 600
TARGET_CAPTURE_SECONDS = 60
BENCH_USER = "bench-evidence"
SLOW_SECONDS = 1.5
LARGE_BYTES = 2_000_000


def _page(number: int) -> bytes:
    return (
        f"<html><head><title>Report {number}</title></head><body><article>"
        f"<h1>Report {number}</h1><p>The office recorded {number * 7 % 1000} cases in district "
        f"{number % 40}, up {number % 13} percent on the year before, its statistician said. "
        + "Figures are revised every quarter as late returns arrive. " * 20
        + "</p></article></body></html>"
    ).encode()


class _Site(http.server.BaseHTTPRequestHandler):
    """/small/N, /large/N, /slow/N and /gone/N; robots.txt allows everything."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        kind, _, number = self.path.split("?")[0].strip("/").partition("/")
        status, body = 200, b""
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        elif kind == "small":
            body = _page(int(number or 0))
        elif kind == "large":
            body = _page(int(number or 0)) + b"<!--" + b"x" * LARGE_BYTES + b"-->"
        elif kind == "slow":
            time.sleep(SLOW_SECONDS)
            body = _page(int(number or 0))
        else:
            status, body = 404, b"<h1>Gone</h1>"
        self.send_response(status)
        self.send_header(
            "Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html"
        )
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def _sites(hosts: int) -> Iterator[list[str]]:
    servers = []
    try:
        for index in range(hosts):
            server = http.server.ThreadingHTTPServer((f"127.0.0.{index + 1}", 0), _Site)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        yield [f"http://127.0.0.{i + 1}:{s.server_address[1]}" for i, s in enumerate(servers)]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def _kind(number: int) -> str:
    """Most pages small; one in 20 large, one in 20 slow, one in 10 gone."""
    if number % 20 == 3:
        return "large"
    if number % 20 == 7:
        return "slow"
    if number % 10 == 9:
        return "gone"
    return "small"


def _urls(bases: list[str], count: int) -> list[str]:
    # Round robin over the hosts, the kinds mixed on each host (not one host all slow) and
    # across the hosts (a short run has every kind too).
    hosts = len(bases)
    return [f"{bases[n % hosts]}/{_kind(n % hosts + n // hosts)}/{n}" for n in range(count)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Command(BaseCommand):
    help = "Time evidence capture and the link-rot sweep against a local test site."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--captures", type=int, default=200, help="sources to capture")
        parser.add_argument("--concurrency", type=int, default=2, help="capturing workers")
        parser.add_argument("--sources", type=int, default=TARGET_SWEEP_SOURCES)
        parser.add_argument("--hosts", type=int, default=100, help="distinct hosts cited")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("captures", "concurrency", "sources", "hosts"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if options["hosts"] > 250:
            raise CommandError("--hosts must be at most 250 (loopback addresses 127.0.0.x).")
        folder = tempfile.mkdtemp(prefix="bench-evidence-")
        storages = {
            **settings.STORAGES,
            "evidence": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder},
            },
        }
        user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
        try:
            with (
                override_settings(
                    STORAGES=storages,
                    EVIDENCE_CAPTURE=True,
                    ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES=True,
                ),
                _sites(options["hosts"]) as bases,
            ):
                annotation = self._annotation(user)
                concurrency = options["concurrency"]
                if connection.vendor == "sqlite" and concurrency > 1:
                    # SQLite takes one writer at a time; threads writing at once fail with
                    # "table is locked" in its shared-cache mode instead of waiting.
                    self.stdout.write("SQLite writes one at a time: capturing with 1 worker.")
                    concurrency = 1
                self._captures(annotation, bases, options["captures"], concurrency)
                self._sweep(annotation, bases, options["sources"])
        finally:
            Article.objects.filter(imported_by=user).delete()
            SourceCapture.objects.filter(url__startswith="http://127.0.0.").delete()
            SourceHealth.objects.filter(url__startswith="http://127.0.0.").delete()
            user.delete()
            shutil.rmtree(folder, ignore_errors=True)

    def _annotation(self, user: Any) -> Annotation:
        label = VerdictLabel.objects.order_by("position").first()
        if label is None:
            raise CommandError("The desk has no rating scale yet: run migrate first.")
        article = Article.objects.create(
            title="Bench evidence", text="Crime fell by 12 percent.", imported_by=user
        )
        return Annotation.objects.create(
            article=article,
            reviewer=user,
            exact="Crime fell",
            start=0,
            end=10,
            verdict=label,
        )

    def _captures(
        self, annotation: Annotation, bases: list[str], count: int, concurrency: int
    ) -> None:
        urls = [f"{url}?capture" for url in _urls(bases, count)]
        Source.objects.bulk_create(Source(annotation=annotation, url=url) for url in urls)
        captures = SourceCapture.objects.bulk_create(SourceCapture(url=url) for url in urls)
        cited = time.monotonic()
        latencies: list[float] = []

        def capture(capture_id: int) -> None:
            try:
                evidence.source_capture(capture_id=capture_id)
                latencies.append(time.monotonic() - cited)
            finally:
                connection.close()  # each thread has its own connection

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(capture, [c.pk for c in captures]))
        elapsed = time.monotonic() - cited
        done = SourceCapture.objects.filter(url__in=urls)
        captured = done.filter(status="captured")
        names = set(captured.values_list("warc_name", flat=True)) | set(
            captured.exclude(text_name="").values_list("text_name", flat=True)
        )
        storage = evidence.evidence_storage()
        stored = sum(storage.size(name) for name in names)
        self.stdout.write(
            f"Capture: {count} sources ({captured.count()} captured, "
            f"{done.filter(status='failed').count()} failed with their reason), "
            f"{concurrency} worker{'s' if concurrency > 1 else ''}"
        )
        self.stdout.write(f"  {count / elapsed:.1f} captures/s; {elapsed:.1f} s in all")
        self.stdout.write(
            f"  citation to captured or failed: median {statistics.median(latencies):.2f} s, "
            f"p95 {_percentile(latencies, 0.95):.2f} s (whole queue of {count} at once)"
        )
        per_verdict = sorted(latencies)[:5]
        verdict_ok = max(per_verdict) <= TARGET_CAPTURE_SECONDS
        self.stdout.write(
            f"  a verdict's 5 sources on a quiet desk: {max(per_verdict):.2f} s "
            f"(target: within {TARGET_CAPTURE_SECONDS} s: {'met' if verdict_ok else 'NOT met'})"
        )
        self.stdout.write(
            f"  storage: {stored / max(1, captured.count()) / 1024:.1f} KB per capture "
            f"(gzipped WARC + main text, {len(names)} files for {captured.count()} captures)"
        )

    def _sweep(self, annotation: Annotation, bases: list[str], count: int) -> None:
        annotation.sources.all().delete()  # the capture run's: the sweep takes only these
        urls = _urls(bases, count)
        Source.objects.bulk_create(
            (Source(annotation=annotation, url=url) for url in urls), batch_size=1000
        )
        threads = settings.EVIDENCE_SWEEP_THREADS
        interval = settings.EVIDENCE_HOST_INTERVAL_MS
        started = time.monotonic()
        checked = evidence_health.health_sweep(limit=count)
        elapsed = time.monotonic() - started
        states = {
            state: SourceHealth.objects.filter(url__in=urls, state=state).count()
            for state in SourceHealth.State.values
        }
        met = elapsed * TARGET_SWEEP_SOURCES / max(1, checked) < TARGET_SWEEP_SECONDS
        self.stdout.write(
            f"Sweep: {checked} sources on {len(bases)} hosts, {threads} hosts at once, "
            f"{interval} ms between requests to a host"
        )
        self.stdout.write(
            f"  {checked / elapsed * 60:,.0f} pages/min; {elapsed:.1f} s in all; "
            + ", ".join(f"{n} {state}" for state, n in states.items() if n)
        )
        self.stdout.write(
            f"  10,000 sources in {elapsed * TARGET_SWEEP_SOURCES / max(1, checked) / 60:.1f} "
            f"min at this rate (target: under {TARGET_SWEEP_SECONDS // 60} min: "
            f"{'met' if met else 'NOT met'})"
        )
