"""python manage.py bench_public: the public index's latency (/verdicts/: the first page, a
page further on by its keyset cursor, a search, and filters) with --verdicts published verdicts
on the configured database, beside two references: the index's own query run as raw SQL, and
/robots.txt (a request through every middleware that reads nothing).

The rows are written in one transaction that is rolled back at the end, so the database is
left as it was (the search index's triggers run on every row, as they do in use). Requests go
through Django's test client in this process: the middleware, the view, the selectors and the
template, without a network. The target is p95 under 100 ms at 100,000 verdicts on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from annotations.management.commands.bench_search import WORDS, _sentence
from annotations.models import Article, ArticleRevision, ClaimUnit, Verdict, VerdictLabel
from annotations.selectors.public import IndexFilters, verdicts_index

TARGET_P95_MS = 100.0
VERDICTS_PER_ARTICLE = 20
PUBLISHERS = [f"The {name} Courier" for name in ("North", "South", "East", "West", "Harbour")]
CLAIMANTS = [f"Minister {name}" for name in ("Ruiz", "Mistry", "Okafor", "Lind", "Tanaka")]


def _percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


class Command(BaseCommand):
    help = "Public index latency (median, p95) with N published verdicts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--verdicts", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=100, help="per kind of request")
        parser.add_argument("--seed", type=int, default=16)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        n, repeats = options["verdicts"], options["requests"]
        with transaction.atomic(), override_settings(ALLOWED_HOSTS=["testserver"]):
            started = time.perf_counter()
            self._rows(rng, n)
            written = time.perf_counter() - started
            client = Client()
            labels = list(VerdictLabel.objects.values_list("slug", flat=True))
            cursor = verdicts_index(IndexFilters()).next
            kinds: dict[str, Callable[[], str]] = {
                "first page": lambda: "/verdicts/",
                "a later page (cursor)": lambda: (
                    f"/verdicts/?after={cursor.token()}" if cursor else "/verdicts/"
                ),
                # One common word matches about a third of the verdicts; two, about a sixth.
                "search (1 word)": lambda: f"/verdicts/?q={rng.choice(WORDS)}",
                "search (2 words)": lambda: "/verdicts/?q=" + "+".join(rng.sample(WORDS, 2)),
                "filter: label": lambda: f"/verdicts/?label={rng.choice(labels)}",
                "filter: publisher + dates": lambda: (
                    f"/verdicts/?publisher={rng.choice(PUBLISHERS).replace(' ', '+')}"
                    "&date_from=2025-03-01&date_to=2025-09-30"
                ),
                "filter: claimant": lambda: (
                    f"/verdicts/?claimant={rng.choice(CLAIMANTS).replace(' ', '+')}"
                ),
                "reference: /robots.txt": lambda: "/robots.txt",
            }
            results = {
                name: self._timed(functools.partial(self._get, client, url), repeats)
                for name, url in kinds.items()
            }
            results["reference: the first page's query, raw SQL"] = self._timed(
                self._raw_first_page, repeats
            )
            transaction.set_rollback(True)
        self.stdout.write(
            f"{connection.vendor}: {n} published verdicts written and indexed in {written:.1f} s; "
            f"{repeats} requests of each kind"
        )
        for name, timings in results.items():
            p95 = _percentile(timings, 0.95)
            verdict = ""
            if not name.startswith("reference"):
                verdict = f"  (target p95 < {TARGET_P95_MS:.0f} ms: " + (
                    "met)" if p95 < TARGET_P95_MS else "NOT met)"
                )
            self.stdout.write(
                f"  {name:<45} p50 {statistics.median(timings):6.1f} ms, p95 {p95:6.1f} ms{verdict}"
            )

    @staticmethod
    def _get(client: Client, url: Callable[[], str]) -> None:
        # As behind the desk's TLS proxy: without it, production settings redirect to https.
        response = client.get(url(), secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    @staticmethod
    def _timed(run: Callable[[], None], repeats: int) -> list[float]:
        run()  # warm: the first request compiles templates, the first query plans
        timings = []
        for _ in range(repeats):
            began = time.perf_counter()
            run()
            timings.append((time.perf_counter() - began) * 1000)
        return timings

    @staticmethod
    def _raw_first_page() -> None:
        queryset = Verdict.objects.filter(is_published=True).order_by("-published_at", "-pk")
        sql, params = queryset.values_list("pk", "claim_reviewed")[:21].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    def _rows(self, rng: random.Random, n: int) -> None:
        text = "\n\n".join(_sentence(rng) for _ in range(VERDICTS_PER_ARTICLE))
        articles = Article.objects.bulk_create(
            Article(
                title=f"Bench article {i}",
                publisher=PUBLISHERS[i % len(PUBLISHERS)],
                source_url=f"https://news.example.org/bench/{i}",
                text=text,
            )
            for i in range(max(n // VERDICTS_PER_ARTICLE, 1))
        )
        revisions = ArticleRevision.objects.bulk_create(
            ArticleRevision(article=article, number=1, title=article.title, text=text)
            for article in articles
        )
        units = ClaimUnit.objects.bulk_create(
            (
                ClaimUnit(
                    article=articles[i % len(articles)],
                    revision=revisions[i % len(articles)],
                    kind="claim",
                    start=0,
                    end=10,
                    status=ClaimUnit.Status.PUBLISHED,
                )
                for i in range(n)
            ),
            batch_size=5_000,
        )
        labels = list(VerdictLabel.objects.all())
        assert labels, "the rating scale (migration 0002) is missing"
        start = timezone.make_aware(dt.datetime(2024, 1, 1))
        span = (timezone.now() - start).total_seconds()
        published = [start + dt.timedelta(seconds=rng.uniform(0, span)) for _ in range(n)]
        Verdict.objects.bulk_create(
            (
                Verdict(
                    unit=unit,
                    label=rng.choice(labels),
                    claim_reviewed=_sentence(rng),
                    explanation=" ".join(_sentence(rng) for _ in range(2)),
                    claimant=rng.choice(CLAIMANTS),
                    language=unit.article.language,
                    is_published=True,
                    published_at=when,
                    first_published_at=when,
                )
                for unit, when in zip(units, published, strict=True)
            ),
            batch_size=5_000,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after a load this size
