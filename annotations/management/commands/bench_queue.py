"""python manage.py bench_queue: the fast lane's bulk confirm and publish of N ready units
(default 1,000) on the configured database, beside the raw bulk UPDATE of the same rows.

The units are built directly (bulk inserts: articles of CLAIMS_PER_ARTICLE sentences, two
reviewers agreeing on every one, each citing a source) in a transaction that is rolled back at
the end, so the database is left as it was. Twice as many are built and the first half
confirmed untimed, then the tables analysed: the desk measured has published before and its
statistics are fresh, as a desk in use has them (on tables filled in the same transaction and
never analysed, PostgreSQL plans the search index's refresh as a nested loop, 1 s on its own).

The reference is one `UPDATE ... SET status, version WHERE id IN (...)` of the same rows,
rolled back to a savepoint before ours runs: the least any bulk confirm must cost. Ours is
`units_fast_confirm(publish=True)` as the Ready lane and the API call it: the readiness rules,
the per-unit version check, the verdicts with their sources, the history rows and the
agreement bookkeeping. Time is the wall clock of one call (time.perf_counter); the queries are
counted too. Target: under 2 s on PostgreSQL for 1,000.

Everything runs in one transaction rolled back at the end, so the figure is the confirm's
statements up to its commit: the commit itself and what runs after it (enqueuing the articles'
agreement recomputation, a Celery worker's job) are not in it.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.core.fast_lane import FastConfirmItem
from annotations.models import (
    Annotation,
    Article,
    ArticleAgreement,
    ArticleRevision,
    ClaimUnit,
    Review,
    Source,
    VerdictLabel,
)
from annotations.roles import Role
from annotations.services.fast_lane import units_fast_confirm

CLAIMS_PER_ARTICLE = 20
TARGET_SECONDS = 2.0


class _Rollback(Exception):
    pass


def _user(username: str, role: str) -> User:
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password=None)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def ready_units_build(count: int, *, prefix: str = "bench", queued: bool = True) -> list[ClaimUnit]:
    """`count` units ready for the fast lane, built with bulk inserts: two reviewers give each
    claim the same verdict on the same passage, each citing one source. Returns the units."""
    first, second = (_user(f"{prefix}-reviewer-{n}", Role.REVIEWER) for n in (1, 2))
    labels = list(VerdictLabel.objects.filter(is_ordinal=True).exclude(slug="false"))
    sentence = "Claim {n} says the figure rose by {n} percent last year. "
    articles_needed = -(-count // CLAIMS_PER_ARTICLE)
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"{prefix} article {a}",
                text="".join(sentence.format(n=n) for n in range(CLAIMS_PER_ARTICLE)).strip(),
            )
            for a in range(articles_needed)
        ]
    )
    revisions = ArticleRevision.objects.bulk_create(
        [ArticleRevision(article=a, number=1, title=a.title, text=a.text) for a in articles]
    )
    now = timezone.now()
    Review.objects.bulk_create(
        [
            Review(article=a, reviewer=r, status=Review.Status.SUBMITTED, submitted_at=now)
            for a in articles
            for r in (first, second)
        ]
    )
    ArticleAgreement.objects.bulk_create(
        [ArticleAgreement(article=a, queued=queued, computed_changes=0) for a in articles]
    )
    spans = []
    for n in range(CLAIMS_PER_ARTICLE):
        start = len("".join(sentence.format(n=m) for m in range(n)))
        spans.append((start, start + len(sentence.format(n=n).strip())))
    units = ClaimUnit.objects.bulk_create(
        [
            ClaimUnit(
                article=article, revision=revision, kind="claim", start=start, end=end, ratings=2
            )
            for article, revision in zip(articles, revisions, strict=True)
            for start, end in spans
        ][:count]
    )
    annotations = Annotation.objects.bulk_create(
        [
            Annotation(
                article_id=unit.article_id,
                revision_id=unit.revision_id,
                reviewer=reviewer,
                exact=f"claim {index}",
                start=unit.start,
                end=unit.end,
                verdict=labels[index % len(labels)],
                unit=unit,
            )
            for index, unit in enumerate(units)
            for reviewer in (first, second)
        ]
    )
    Source.objects.bulk_create(
        [
            Source(
                annotation=annotation,
                url=f"https://stats.example.org/{annotation.unit_id}",
                stance=Source.Stance.REFUTES,
            )
            for annotation in annotations
        ]
    )
    return units


class Command(BaseCommand):
    help = "Benchmark the fast lane's bulk confirm and publish against a raw bulk UPDATE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=1000, help="ready units (at most 1000)")

    def handle(self, *args: Any, units: int, **options: Any) -> None:
        if not 1 <= units <= 1000:
            raise CommandError("--units: between 1 and 1,000, what one confirm takes.")
        try:
            with transaction.atomic():
                self._run(units)
                raise _Rollback
        except _Rollback:
            pass

    def _run(self, count: int) -> None:
        built = ready_units_build(2 * count)
        editor = _user("bench-editor", Role.EDITOR)
        # A desk that has published before: the first half is confirmed untimed, and the
        # tables analysed, as autovacuum would have them; the planner otherwise sees empty
        # tables and picks nested loops no desk in use would get.
        units_fast_confirm(
            editor=editor,
            items=[FastConfirmItem(unit.pk, unit.version) for unit in built[count:]],
            publish=True,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = built[:count]
        ids = [unit.pk for unit in built]

        with transaction.atomic():
            started = time.perf_counter()
            ClaimUnit.objects.filter(pk__in=ids).update(
                status=ClaimUnit.Status.PUBLISHED, version=2, modified=timezone.now()
            )
            reference = time.perf_counter() - started
            transaction.set_rollback(True)

        items = [FastConfirmItem(unit.pk, unit.version) for unit in built]
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = units_fast_confirm(editor=editor, items=items, publish=True)
            ours = time.perf_counter() - started
        confirmed = len(report.confirmed)
        self.stdout.write(f"Database: {connection.vendor}; {count:,} ready units, 2 reviewers each")
        self.stdout.write(f"{'measurement':<52} {'time':>9} {'queries':>8}")
        self.stdout.write(
            f"{'raw bulk UPDATE of the same rows (reference)':<52} "
            f"{reference * 1000:>7.1f}ms {1:>8}"
        )
        self.stdout.write(
            f"{'units_fast_confirm(publish=True)':<52} {ours * 1000:>7.1f}ms "
            f"{len(queries.captured_queries):>8}"
        )
        self.stdout.write(
            f"Confirmed and published {confirmed:,} of {count:,}; "
            f"{ours / reference if reference else 0:.1f}x the reference. "
            f"Target: under {TARGET_SECONDS:.0f} s."
        )
        if confirmed != count:
            self.stdout.write(self.style.ERROR(f"Only {confirmed} of {count} were confirmed."))
        elif ours >= TARGET_SECONDS:
            self.stdout.write(self.style.ERROR("Target missed."))
        else:
            self.stdout.write(self.style.SUCCESS("Target met."))
