"""Writes for agreement statistics: marking articles changed, coalescing and running recomputes.

How a burst of saves becomes a handful of recomputations:
1. every write that can change the figures bumps ArticleAgreement.changes in its own transaction
   (article_agreement_mark_changed): a review submitted, an editor's change to units (decide,
   merge, split), a new revision's re-anchoring. A draft highlight cannot: it counts only once
   its review is submitted, and the submission is the write that marks it;
2. after the commit, only the writer that flips `queued` from False to True enqueues a task
   (a conditional UPDATE: of any number of concurrent writers, one wins), and the task waits
   AGREEMENT_RECOMPUTE_DELAY_SECONDS before it runs, so the rest of a burst rides along;
3. the task clears `queued` first, then computes, so a change made during the computation
   enqueues exactly one more run;
4. the result is stored with the change count it reflects, and only if no newer result is
   stored already, so two runs at once or one run twice leave one correct result.
PostgreSQL is the source of truth: a periodic sweep re-enqueues whatever is stale and was
requested long enough ago, so a lost message or a Redis restart costs time, never correctness.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Collection
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from annotations.core.agreement.records import FinalRecord
from annotations.core.agreement.report import agreement_with_final, article_report, desk_report
from annotations.models import (
    Annotation,
    Article,
    ArticleAgreement,
    DeskAgreement,
    Verdict,
    VerdictLabel,
)
from annotations.services.queueing import task_send
from annotations.services.units import article_units_regroup, units_ranking_store

logger = logging.getLogger(__name__)

DESK_AGREEMENT_ID = 1


def _task_enqueue(article_id: int) -> None:
    # Imported here: tasks import this module.
    from annotations.tasks import article_agreement_recompute_task

    # The delay lets a burst of saves ride along with the first one's recomputation.
    article_agreement_recompute_task.apply_async(
        (article_id,), countdown=settings.AGREEMENT_RECOMPUTE_DELAY_SECONDS
    )


def article_agreement_mark_changed(
    *, article_id: int, enqueue: Callable[[int], None] = _task_enqueue
) -> None:
    """Record a change that can move the article's figures; recompute them after the commit."""
    agreement, created = ArticleAgreement.objects.get_or_create(article_id=article_id)
    if not created:
        ArticleAgreement.objects.filter(pk=agreement.pk).update(changes=F("changes") + 1)
    # robust: the change is committed, so nothing after it may turn into an error response.
    transaction.on_commit(
        lambda: article_agreement_enqueue(article_id=article_id, enqueue=enqueue), robust=True
    )


def articles_agreement_mark_changed(
    *, article_ids: Collection[int], enqueue: Callable[[int], None] = _task_enqueue
) -> None:
    """article_agreement_mark_changed for many articles in three queries, whatever their number
    (the fast lane's bulk confirm). After the commit, one query finds the articles no
    recomputation is queued for yet; each of those is enqueued as one change would be."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    existing = set(
        ArticleAgreement.objects.filter(article_id__in=ids).values_list("article_id", flat=True)
    )
    ArticleAgreement.objects.filter(article_id__in=existing).update(changes=F("changes") + 1)
    # A new row starts with one change, as get_or_create's does above.
    ArticleAgreement.objects.bulk_create(
        [ArticleAgreement(article_id=pk) for pk in ids if pk not in existing],
        ignore_conflicts=True,
    )

    def enqueue_unqueued() -> None:
        waiting = ArticleAgreement.objects.filter(
            article_id__in=ids, queued=False, changes__gt=F("computed_changes")
        ).values_list("article_id", flat=True)
        for article_id in list(waiting):
            article_agreement_enqueue(article_id=article_id, enqueue=enqueue)

    transaction.on_commit(enqueue_unqueued, robust=True)


def rating_scale_changed(*, enqueue: Callable[[int], None] = _task_enqueue) -> int:
    """The rating scale changed (a label's order, place on the ordered scale or value, or a label
    added): every article's ordinal figures may move, so every computed article is marked changed
    and recomputed after the commit. Returns how many articles were marked."""
    article_ids = list(ArticleAgreement.objects.values_list("article_id", flat=True))
    ArticleAgreement.objects.update(changes=F("changes") + 1)

    def enqueue_all() -> None:
        for article_id in article_ids:
            article_agreement_enqueue(article_id=article_id, enqueue=enqueue)

    transaction.on_commit(enqueue_all, robust=True)
    return len(article_ids)


def article_agreement_enqueue(
    *, article_id: int, enqueue: Callable[[int], None] = _task_enqueue
) -> bool:
    """Enqueue a recomputation if the statistics are stale and none is queued yet.

    Returns whether it enqueued. If the broker cannot take the task, the request is withdrawn
    (logged), so the next change or the sweep's next run enqueues it again.
    """
    flipped = ArticleAgreement.objects.filter(
        article_id=article_id, queued=False, changes__gt=F("computed_changes")
    ).update(queued=True, requested_at=timezone.now())
    if not flipped:
        return False
    if not task_send(lambda: enqueue(article_id), what=f"article {article_id}'s agreement"):
        ArticleAgreement.objects.filter(article_id=article_id).update(queued=False)
        return False
    return True


def article_agreement_recompute(*, article_id: int) -> ArticleAgreement | None:
    """Regroup the article's units and recompute its statistics. Safe to run twice or at once.

    Returns the stored agreement, or None if the article no longer exists.
    """
    ArticleAgreement.objects.filter(article_id=article_id).update(queued=False)
    with transaction.atomic():
        # One recomputation per article at a time. NO KEY UPDATE does not block reviewers
        # inserting annotations (their foreign keys only take KEY SHARE locks on the article).
        article = Article.objects.select_for_update(no_key=True).filter(pk=article_id).first()
        if article is None:
            return None
        agreement, _ = ArticleAgreement.objects.get_or_create(article=article)
        if not agreement.stale:
            return agreement  # a run before this one already stored the current result
        changes = agreement.changes
        regrouping = article_units_regroup(article=article)
        units = regrouping.units
        report = article_report(
            text_length=len(article.text),
            units=[(unit.pk, unit.kind, unit.start, unit.end) for unit in units],
            ratings=[
                (h.reviewer_id, h.unit_id, h.verdict, h.start, h.end) for h in regrouping.highlights
            ],
            # Every reviewer who submitted is a row, even one who highlighted nothing.
            reviewers=sorted(_submitted_reviewers(article)),
            scale=_scale(),
        )
        units_ranking_store(units=units, spreads=report.unit_spreads)
        stored = ArticleAgreement.objects.filter(
            Q(computed_changes__lt=changes) | Q(computed_at__isnull=True),
            pk=agreement.pk,
        ).update(
            statistics=report.statistics,
            unit_spreads=report.unit_spreads,
            pairwise=report.pairwise,
            matrix=report.matrix,
            computed_changes=changes,
            computed_at=timezone.now(),
            computations=F("computations") + 1,
        )
        if not stored:
            logger.info("article %s: a newer result is already stored", article_id)
    return ArticleAgreement.objects.filter(pk=agreement.pk).first()


def _submitted_reviewers(article: Article) -> set[int]:
    return set(article.reviews.filter(status="submitted").values_list("reviewer_id", flat=True))


def _scale() -> list[tuple[str, bool, int | None]]:
    """(slug, is_ordinal, rating value) of every label, most accurate first."""
    return [
        (label.slug, label.is_ordinal, label.rating_value)
        for label in VerdictLabel.objects.order_by("position", "pk")
    ]


def stale_agreements_sweep(*, enqueue: Callable[[int], None] = _task_enqueue) -> int:
    """Re-enqueue every stale article whose request is old or missing. Returns how many."""
    # A request older than this whose statistics are still stale is presumed lost.
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.AGREEMENT_SWEEP_AFTER_SECONDS)
    stale = ArticleAgreement.objects.filter(changes__gt=F("computed_changes")).filter(
        Q(queued=False) | Q(requested_at__lt=cutoff) | Q(requested_at__isnull=True)
    )
    article_ids = list(stale.values_list("article_id", flat=True))
    # Reset the flag so the conditional enqueue below goes through for lost requests.
    ArticleAgreement.objects.filter(article_id__in=article_ids).update(queued=False)
    return sum(article_agreement_enqueue(article_id=pk, enqueue=enqueue) for pk in article_ids)


def desk_agreement_request(*, enqueue_desk: Callable[[], object] | None = None) -> bool:
    """An editor asks for fresh desk-wide statistics. Coalesced like the articles' requests."""
    DeskAgreement.objects.get_or_create(pk=DESK_AGREEMENT_ID)
    flipped = DeskAgreement.objects.filter(pk=DESK_AGREEMENT_ID, queued=False).update(
        queued=True, requested_at=timezone.now()
    )
    if flipped:
        if enqueue_desk is None:
            from annotations.tasks import desk_agreement_recompute_task

            enqueue_desk = desk_agreement_recompute_task.delay
        transaction.on_commit(partial(_desk_enqueue, enqueue_desk), robust=True)
    return bool(flipped)


def _desk_enqueue(enqueue_desk: Callable[[], object]) -> None:
    if not task_send(enqueue_desk, what="the desk's agreement"):
        # Withdrawn, so that the next request (or opening the dashboard) asks again.
        DeskAgreement.objects.filter(pk=DESK_AGREEMENT_ID).update(queued=False)


def desk_agreement_recompute(
    *, enqueue: Callable[[int], None] = _task_enqueue, bootstrap_samples: int = 1000
) -> DeskAgreement:
    """Desk-wide statistics from every article's stored reliability data.

    Stale articles are first handed to the workers (one task each, so a large desk spreads
    across them); the aggregate then uses every stored result and records how many articles
    were still stale, which the dashboard shows.
    """
    DeskAgreement.objects.filter(pk=DESK_AGREEMENT_ID).update(queued=False)
    stale_agreements_sweep(enqueue=enqueue)
    # The figures reflect the data as of now: anything stored after this makes them stale
    # (selectors.desk_agreement_stale), so the moment is taken before reading, not after.
    started = timezone.now()
    agreements = ArticleAgreement.objects.filter(computed_at__isnull=False)
    matrices = [m for m in agreements.values_list("matrix", flat=True) if m.get("units")]
    stale = ArticleAgreement.objects.filter(changes__gt=F("computed_changes")).count()
    report = desk_report(
        matrices=matrices,
        scale=_scale(),
        bootstrap_samples=bootstrap_samples,
        label_names=dict(VerdictLabel.objects.values_list("slug", "name")),
    )
    desk, _ = DeskAgreement.objects.update_or_create(
        pk=DESK_AGREEMENT_ID,
        defaults={
            "statistics": report.statistics,
            "per_label": report.per_label,
            "pairwise": report.pairwise,
            "reviewer_vs_final": _reviewers_against_final(),
            "warnings": report.warnings,
            "articles": len(matrices),
            "stale_articles": stale,
            "computed_at": started,
        },
    )
    return desk


def _reviewers_against_final() -> list[FinalRecord]:
    """Every reviewer's agreement with the editors' final verdicts, over all decided units."""
    finals = dict(Verdict.objects.values_list("unit_id", "label__slug"))
    ratings = Annotation.objects.filter(unit_id__in=finals.keys()).values_list(
        "reviewer_id", "unit_id", "verdict__slug"
    )
    return agreement_with_final(
        ratings=list(ratings), finals=finals, labels=[slug for slug, _o, _v in _scale()]
    )
