"""python manage.py bench_search: the latency of one search (selectors.search: a count and a
page of 20) with --claims claims and as many published verdicts, on the configured database.

The rows are written in one transaction that is rolled back at the end, so the database is
left as it was (the index triggers run on every row written, as they do in use). Queries are
two to four words drawn from the words the rows use, as an editor's search would be; the
target is p95 under 50 ms at 10,000 claims and verdicts on the 2-core machine.
"""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from annotations.models import Article, ArticleRevision, Claim, ClaimUnit, Verdict, VerdictLabel
from annotations.selectors.search import search

WORDS = [
    "unemployment",
    "inflation",
    "tariffs",
    "steel",
    "ferries",
    "harbour",
    "budget",
    "schools",
    "hospitals",
    "police",
    "crime",
    "burglaries",
    "wages",
    "rents",
    "exports",
    "imports",
    "minister",
    "council",
    "mayor",
    "vaccine",
    "election",
    "turnout",
    "drought",
    "harvest",
    "wheat",
    "diesel",
    "prices",
    "emissions",
    "coal",
    "subsidies",
    "pensions",
    "taxes",
    "deficit",
    "debt",
    "railway",
    "airport",
    "bridge",
    "flood",
    "migrants",
    "asylum",
    "refugees",
    "teachers",
    "nurses",
]
TARGET_P95_MS = 50.0


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 6)
    return f"{words[0].capitalize()} {words[1]} and {words[2]} rose by {rng.randint(2, 90)}% " + (
        f"while {words[3]} {words[4]} fell, said the {words[5]} office"
    )


class Command(BaseCommand):
    help = "Search latency (median, p95) with N claims and N published verdicts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, default=10_000)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=12)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        n = options["claims"]
        with transaction.atomic():
            started = time.perf_counter()
            self._rows(rng, n)
            written = time.perf_counter() - started
            user = get_user_model().objects.filter(is_superuser=True).first() or (
                get_user_model().objects.create_superuser("bench-search", password=None)
            )
            timings = []
            found = 0
            for _ in range(options["queries"]):
                text = " ".join(rng.sample(WORDS, rng.randint(2, 4)))
                began = time.perf_counter()
                results = search(user, text)
                found += results.count()
                results[0:20]
                timings.append((time.perf_counter() - began) * 1000)
            transaction.set_rollback(True)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(
            f"{connection.vendor}: {n} claims + {n} published verdicts written and indexed in "
            f"{written:.1f} s; {len(timings)} searches (count + first page of 20), "
            f"{found / len(timings):.0f} results each on average\n"
            f"  median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms "
            f"(target p95 < {TARGET_P95_MS:.0f} ms: {'met' if p95 < TARGET_P95_MS else 'NOT met'})"
        )

    def _rows(self, rng: random.Random, n: int) -> None:
        text = "\n\n".join(_sentence(rng) for _ in range(20))
        article = Article.objects.create(title="Bench article", text=text)
        revision = ArticleRevision.objects.create(
            article=article, number=1, title=article.title, text=text
        )
        label = VerdictLabel.objects.order_by("position").first()
        assert label is not None, "the rating scale (migration 0002) is missing"
        Claim.objects.bulk_create(Claim(text=_sentence(rng)) for _ in range(n))
        units = ClaimUnit.objects.bulk_create(
            ClaimUnit(article=article, revision=revision, kind="claim", start=0, end=10)
            for _ in range(n)
        )
        now = timezone.now()
        Verdict.objects.bulk_create(
            Verdict(
                unit=unit,
                label=label,
                claim_reviewed=_sentence(rng),
                explanation=" ".join(_sentence(rng) for _ in range(3)),
                language=article.language,
                is_published=True,
                published_at=now,
                first_published_at=now,
            )
            for unit in units
        )
