"""python manage.py bench_agreement: our alpha against the krippendorff package, and the
recomputation of one article inside the task, in one run.

Time is the best of --repeat runs (time.perf_counter); peak memory is tracemalloc's peak during
one call, which counts NumPy's allocations too. The krippendorff package is a development
dependency (requirements-dev.txt), used here only as the reference.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

import numpy as np
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from annotations.core.agreement import krippendorff_alpha
from annotations.models import Annotation, Article, ArticleAgreement, Review, VerdictLabel
from annotations.tasks import article_agreement_recompute_task

CASES = [
    # (name, reviewers, units, labels, share missing)
    ("10 reviewers x 100,000 units, 20% missing", 10, 100_000, 5, 0.2),
    ("5 reviewers x 1,000,000 units, 20% missing", 5, 1_000_000, 5, 0.2),
    ("5 reviewers x 100,000 units, 50 labels", 5, 100_000, 50, 0.2),
]
TARGET_SPEEDUP = 3.0
TARGET_MEMORY_SHARE = 0.2
TARGET_TASK_MS = 50.0


class _Rollback(Exception):
    pass


def measure(function: Callable[[], Any], repeat: int) -> tuple[Any, float, int]:
    """(result, best seconds, peak bytes of one call)."""
    tracemalloc.start()
    result = function()
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return result, best, peak


def reliability_data(reviewers: int, units: int, labels: int, missing: float) -> np.ndarray:
    rng = np.random.default_rng(20261125)
    truth = rng.integers(1, labels + 1, size=units)
    noise = rng.integers(-1, 2, size=(reviewers, units)) * (rng.random((reviewers, units)) < 0.3)
    data = np.clip(truth + noise, 1, labels).astype(float)
    data[rng.random((reviewers, units)) < missing] = np.nan
    return data


class Command(BaseCommand):
    help = "Benchmark the agreement engine against the krippendorff package, and one article."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement")
        parser.add_argument("--quick", action="store_true", help="only the article benchmark")

    def handle(self, *args: Any, repeat: int, quick: bool, **options: Any) -> None:
        failures: list[str] = []
        if not quick:
            failures += self._versus_package(repeat)
        failures += self._article_in_task()
        if failures:
            self.stdout.write(self.style.ERROR("Targets missed: " + "; ".join(failures)))
        else:
            self.stdout.write(self.style.SUCCESS("Every target met."))

    def _versus_package(self, repeat: int) -> list[str]:
        try:
            import krippendorff
        except ImportError:
            raise CommandError(
                "The reference package is a development dependency: "
                "pip install -r requirements-dev.txt"
            ) from None
        failures = []
        header = (
            f"{'case':<44} {'level':<8} {'ours':>9} {'package':>9} {'speed-up':>8} "
            f"{'our peak':>9} {'pkg peak':>9} {'share':>6} {'|diff|':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for name, reviewers, units, labels, missing in CASES:
            data = reliability_data(reviewers, units, labels, missing)
            domain = list(range(1, labels + 1))
            levels: tuple[Literal["nominal", "ordinal"], ...] = ("nominal", "ordinal")
            for level in levels:
                ours, our_seconds, our_peak = measure(
                    partial(krippendorff_alpha, data, level, values=domain), repeat
                )
                theirs, their_seconds, their_peak = measure(
                    partial(
                        krippendorff.alpha,
                        reliability_data=data,
                        level_of_measurement=level,
                        value_domain=domain,
                    ),
                    repeat,
                )
                difference = abs(ours.value - theirs)
                speedup = their_seconds / our_seconds
                share = our_peak / their_peak
                self.stdout.write(
                    f"{name:<44} {level:<8} {our_seconds * 1000:>7.1f}ms "
                    f"{their_seconds * 1000:>7.1f}ms {speedup:>7.1f}x "
                    f"{our_peak / 2**20:>7.1f}MB {their_peak / 2**20:>7.1f}MB "
                    f"{share:>6.3f} {difference:>8.1e}"
                )
                if difference > 1e-9:
                    failures.append(f"{name} {level}: values differ by {difference:.1e}")
                if speedup < TARGET_SPEEDUP:
                    failures.append(f"{name} {level}: only {speedup:.1f}x faster")
                if share > TARGET_MEMORY_SHARE:
                    failures.append(f"{name} {level}: peak memory {share:.2f} of the package's")
        self.stdout.write(
            f"Targets: same value to 1e-9, at least {TARGET_SPEEDUP:.0f}x faster, "
            f"at most {TARGET_MEMORY_SHARE:.0%} of the package's peak memory."
        )
        return failures

    def _article_in_task(self, claims: int = 50, reviewers: int = 5, runs: int = 30) -> list[str]:
        """Recompute a 50-claim, 5-reviewer article from the database inside the task body,
        in a transaction that is rolled back, so the benchmark leaves nothing behind."""
        timings: list[float] = []
        try:
            with transaction.atomic():
                article = self._article(claims, reviewers)
                agreement = ArticleAgreement.objects.get(article=article)
                for _ in range(runs + 1):
                    # Make the statistics stale, as a save would, then run the task's body.
                    ArticleAgreement.objects.filter(pk=agreement.pk).update(
                        changes=agreement.changes + len(timings) + 1
                    )
                    started = time.perf_counter()
                    article_agreement_recompute_task.apply(args=(article.pk,)).get()
                    timings.append(time.perf_counter() - started)
                units = len(ArticleAgreement.objects.get(pk=agreement.pk).matrix["units"])
                raise _Rollback
        except _Rollback:
            pass
        first, rest = timings[0], timings[1:]
        median = statistics.median(rest) * 1000
        self.stdout.write("")
        self.stdout.write(
            f"Article recomputation in the task ({claims} claims x {reviewers} reviewers, "
            f"{units} units, {connection.vendor}): first run {first * 1000:.1f} ms "
            f"(creates the units), then median {median:.1f} ms, best "
            f"{min(rest) * 1000:.1f} ms over {runs} runs; target under {TARGET_TASK_MS:.0f} ms."
        )
        if median >= TARGET_TASK_MS:
            return [f"article recomputation median {median:.1f} ms"]
        return []

    def _article(self, claims: int, reviewers: int) -> Article:
        sentence = "The agency reported that figure {n} rose by {n} percent this year. "
        article = Article.objects.create(
            title="bench_agreement article",
            text="".join(sentence.format(n=n) for n in range(claims)),
        )
        users = [
            get_user_model().objects.create(username=f"bench-agreement-{article.pk}-{i}")
            for i in range(reviewers)
        ]
        labels = list(VerdictLabel.objects.order_by("position"))
        rng = np.random.default_rng(7)
        rows = []
        position = 0
        for n in range(claims):
            exact = sentence.format(n=n).strip()
            for user in users:
                label = labels[int(rng.integers(0, len(labels)))]
                rows.append(
                    Annotation(
                        article=article,
                        reviewer=user,
                        exact=exact,
                        start=position,
                        end=position + len(exact),
                        verdict=label,
                    )
                )
            position += len(sentence.format(n=n))
        Annotation.objects.bulk_create(rows)
        Review.objects.bulk_create(
            Review(article=article, reviewer=user, status="submitted", submitted_at=article.created)
            for user in users
        )
        ArticleAgreement.objects.create(article=article)
        return article
