"""python manage.py bench_api: the annotation POST's latency over HTTP, beside a bare DRF viewset.

It creates a demo desk (ten reviewers with API tokens, each with a copy of a demo article) in the
configured database, starts gunicorn on a free local port with the same settings (and a URLconf
that also mounts a plain DRF ModelViewSet, see annotations/management/bench_api_urls.py), and
times POST /api/v1/annotations/ beside a POST to the plain viewset creating the same rows: one
client, then ten concurrent clients, for each number of gunicorn workers asked for. The demo desk
is deleted at the end.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from annotations.management.bench_api_urls import PLAIN_PREFIX
from annotations.management.commands.load_demo_desk import DEMO_ARTICLES
from annotations.management.local_gunicorn import free_port, gunicorn_command
from annotations.models import Annotation, Article
from annotations.roles import Role
from annotations.services.articles import article_create
from annotations.services.tokens import personal_token_create

PROJECT = Path(settings.BASE_DIR)
TARGET_P50_MS = 20
CONCURRENT_CLIENTS = 10
WARM_UP_REQUESTS = 3
USERNAME_PREFIX = "bench-api-"
DESK_ENDPOINT = "/api/v1/annotations/"
PLAIN_ENDPOINT = f"/{PLAIN_PREFIX}/"
# Each POST highlights a span of its own, as the desk refuses a reviewer's second highlight of
# one span (a retried request): windows of these lengths slid along the article's text.
PASSAGE_SHORTEST = 40
PASSAGE_LONGEST = 90


@dataclass(frozen=True)
class Client:
    """One reviewer of the demo desk: their token, their article and its text."""

    token: str
    article_id: int
    text: str
    sent: Iterator[int] = field(default_factory=itertools.count, compare=False)

    def passage(self) -> tuple[int, int]:
        """(start, end) of this client's next highlight, a new span each time, for
        (len(text) - PASSAGE_LONGEST) * (PASSAGE_LONGEST - PASSAGE_SHORTEST) POSTs."""
        number = next(self.sent)
        starts = len(self.text) - PASSAGE_LONGEST
        length = PASSAGE_SHORTEST + number // starts % (PASSAGE_LONGEST - PASSAGE_SHORTEST)
        return number % starts, number % starts + length

    def body(self, endpoint: str, number: int) -> bytes:
        start, end = self.passage()
        exact = self.text[start:end]
        prefix, suffix = self.text[max(0, start - 32) : start], self.text[end : end + 32]
        rationale = f"Checked against the council's figures ({number})."
        if endpoint == DESK_ENDPOINT:
            payload: dict[str, Any] = {
                "article": self.article_id,
                "target": {"exact": exact, "start": start, "end": end},
                "verdict": "mostly-false",
                "rationale": rationale,
            }
        else:  # the same row, in the plain serializer's flat shape
            payload = {
                "article": self.article_id,
                "kind": "claim",
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
                "start": start,
                "end": end,
                "verdict": "mostly-false",
                "rationale": rationale,
            }
        return json.dumps(payload).encode()


@dataclass(frozen=True)
class Run:
    latencies: list[float]  # seconds, one per request
    seconds: float  # wall time of the whole run
    errors: list[str]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000


class Command(BaseCommand):
    help = "Time the annotation POST over HTTP (gunicorn) beside a bare DRF ModelViewSet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--requests", type=int, default=400, help="POSTs per measurement (default 400)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            nargs="+",
            default=[1, 2],
            help="gunicorn worker counts to measure (default: 1 2)",
        )

    def handle(self, *args: Any, requests: int, workers: list[int], **options: Any) -> None:
        if requests < CONCURRENT_CLIENTS:
            raise CommandError(f"--requests must be at least {CONCURRENT_CLIENTS}.")
        clients = self._desk_create()
        try:
            rows = [
                (count, *measurement)
                for count in workers
                for measurement in self._measure(count, clients, requests)
            ]
        finally:
            self._desk_delete()
        self._report(rows, requests)

    # --- the demo desk -------------------------------------------------------------------------

    def _desk_create(self) -> list[Client]:
        self._desk_delete()  # what an interrupted run left behind
        reviewers = Group.objects.get(name=Role.REVIEWER)
        clients = []
        for number in range(CONCURRENT_CLIENTS):
            user = get_user_model().objects.create_user(username=f"{USERNAME_PREFIX}{number}")
            user.groups.add(reviewers)
            spec = DEMO_ARTICLES[number % len(DEMO_ARTICLES)]
            article = article_create(
                title=f"bench_api: {spec['title']}",
                text=spec["text"],
                publisher=spec["publisher"],
            )
            clients.append(
                Client(
                    token=personal_token_create(user=user, name="bench_api").key,
                    article_id=article.pk,
                    text=article.text,
                )
            )
        self.stdout.write(
            f"Demo desk: {CONCURRENT_CLIENTS} reviewers, {CONCURRENT_CLIENTS} articles "
            f"({connection.vendor})."
        )
        return clients

    def _desk_delete(self) -> None:
        articles = Article.objects.filter(title__startswith="bench_api: ")
        Annotation.history.filter(article_id__in=articles.values("pk")).delete()
        # Highlights first: they PROTECT the revision they were made on.
        Annotation.objects.filter(article__in=articles).delete()
        articles.delete()  # their reviews and revisions with them
        get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).delete()

    # --- gunicorn ------------------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="annotations.management.bench_api_settings",
            # The production profile, as the desk is served; a throwaway key if none is set.
            DEBUG="0",
            SECRET_KEY=env.get("SECRET_KEY")
            or "bench-api-secret-key-used-only-for-this-local-measurement-0123456789",
            ALLOWED_HOSTS="127.0.0.1",
            HTTPS="0",
            # Throttling runs as usual, with a rate this benchmark does not reach.
            API_THROTTLE_USER="1000000/minute",
        )
        return env

    def _gunicorn(self, workers: int, port: int) -> subprocess.Popen[bytes]:
        # The server's log goes to a file: a pipe nobody reads would fill up and stall it.
        descriptor, name = tempfile.mkstemp(prefix="bench_api-gunicorn-", suffix=".log")
        os.close(descriptor)
        self.log = Path(name)
        with self.log.open("wb") as log:  # the child keeps its own copy of the handle
            server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
                gunicorn_command(port=port, workers=workers),
                cwd=PROJECT,
                env=self._env(),
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return server
            except OSError:
                time.sleep(0.1)
        server.terminate()
        raise CommandError("gunicorn did not start listening")

    # --- measurements --------------------------------------------------------------------------

    def _post(
        self, port: int, client: Client, endpoint: str, number: int
    ) -> tuple[float, str | None]:
        """(seconds, error or None) of one POST on a new connection, as gunicorn's sync
        workers close each one."""
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        try:
            connection.request(
                "POST",
                endpoint,
                body=client.body(endpoint, number),
                headers={
                    "Authorization": f"Token {client.token}",
                    "Content-Type": "application/json",
                    "Host": "127.0.0.1",
                },
            )
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            return time.perf_counter() - started, f"{endpoint}: {error!r}"
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        if response.status != 201:
            return elapsed, f"{endpoint} answered {response.status}: {body[:200]!r}"
        return elapsed, None

    def _run(self, port: int, clients: list[Client], endpoint: str, requests: int) -> Run:
        """`requests` POSTs shared among `clients`, each sending its share one after another."""
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def work(client: Client, count: int) -> None:
            for number in range(count):
                elapsed, error = self._post(port, client, endpoint, number)
                with lock:
                    latencies.append(elapsed)
                    if error:
                        errors.append(error)

        shares = [
            requests // len(clients) + (i < requests % len(clients)) for i in range(len(clients))
        ]
        threads = [
            threading.Thread(target=work, args=(client, share))
            for client, share in zip(clients, shares, strict=True)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return Run(latencies=latencies, seconds=time.perf_counter() - started, errors=errors)

    def _measure(
        self, workers: int, clients: list[Client], requests: int
    ) -> list[tuple[str, int, Run]]:
        port = free_port()
        server = self._gunicorn(workers, port)
        runs: list[tuple[str, int, Run]] = []
        try:
            for endpoint in (DESK_ENDPOINT, PLAIN_ENDPOINT):  # imports, connections: untimed
                self._run(port, clients, endpoint, WARM_UP_REQUESTS * len(clients))
            for group in (clients[:1], clients):
                for endpoint in (DESK_ENDPOINT, PLAIN_ENDPOINT):
                    runs.append((endpoint, len(group), self._run(port, group, endpoint, requests)))
            return runs
        finally:
            server.terminate()
            server.wait(timeout=30)
            if any(run.errors for *_, run in runs):
                self.stdout.write(f"The server's log ({workers} workers): {self.log}")
            else:
                self.log.unlink()

    def _report(self, rows: list[tuple[int, str, int, Run]], requests: int) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"{'workers':>7}  {'endpoint':<34} {'clients':>7} {'p50':>8} {'p95':>8} "
            f"{'req/s':>7} {'errors':>6}"
        )
        failures = []
        for workers, endpoint, clients, run in rows:
            label = (
                f"POST {DESK_ENDPOINT}" if endpoint == DESK_ENDPOINT else "POST plain ModelViewSet"
            )
            self.stdout.write(
                f"{workers:>7}  {label:<34} {clients:>7} {run.median_ms:>6.1f}ms "
                f"{run.percentile(0.95):>6.1f}ms {len(run.latencies) / run.seconds:>7.1f} "
                f"{len(run.errors):>6}"
            )
            failures += run.errors[:3]
            if endpoint == DESK_ENDPOINT and clients == 1 and run.median_ms >= TARGET_P50_MS:
                failures.append(
                    f"{workers} worker(s): p50 {run.median_ms:.1f} ms, one client "
                    f"(target {TARGET_P50_MS} ms)"
                )
        self.stdout.write(
            f"{requests} POSTs per row ({connection.vendor}); "
            f"target: p50 under {TARGET_P50_MS} ms for one client."
        )
        if failures:
            self.stdout.write(self.style.ERROR("Targets missed: " + "; ".join(failures)))
        else:
            self.stdout.write(self.style.SUCCESS("Every target met."))
