"""Reads for a claim unit's History: the django-simple-history records of the unit, its verdict,
its highlights and its claim changes, and the usernames the records point to by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from annotations.models import Annotation, ClaimChange, ClaimUnit, Comment, Source, Verdict


@dataclass(frozen=True)
class UnitHistoryRecords:
    """Every stored record of a unit's changes, by model, each with its `history_user`."""

    unit: list[Any]
    verdict: list[Any]
    annotations: list[Any]
    claim_changes: list[Any]  # each with its `revision`
    comments: list[Any]  # the unit's discussion thread, every version of each comment
    sources: list[Source]  # the highlights' sources, to name the ones a verdict cites
    editor_names: dict[int, str]  # user id -> username of everyone who decided the verdict


def unit_history_records(unit: ClaimUnit, *, verdict: Verdict | None) -> UnitHistoryRecords:
    """The history records of `unit`, its `verdict` and its highlights (as prefetched by
    unit_for_adjudication)."""
    annotations = list(unit.annotations.all())
    verdict_records = (
        list(verdict.history.select_related("history_user")) if verdict is not None else []
    )
    editor_ids = {r.decided_by_id for r in verdict_records if r.decided_by_id}
    return UnitHistoryRecords(
        unit=list(unit.history.select_related("history_user")),
        verdict=verdict_records,
        annotations=list(
            Annotation.history.filter(id__in=[a.pk for a in annotations]).select_related(
                "history_user"
            )
        ),
        claim_changes=list(
            ClaimChange.history.filter(unit_id=unit.pk).select_related("history_user", "revision")
        ),
        comments=list(Comment.history.filter(unit_id=unit.pk).select_related("history_user")),
        sources=[source for a in annotations for source in a.sources.all()],
        editor_names=dict(
            get_user_model().objects.filter(pk__in=editor_ids).values_list("pk", "username")
            if editor_ids
            else []
        ),
    )
