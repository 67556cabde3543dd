"""Reads for evidence: the captures of cited sources, for the people who may see the sources."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import models as auth
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annotations.models import Source, SourceCapture, SourceHealth, Verdict
from annotations.permissions import Permission, require, visible_sources

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

User = auth.User | auth.AnonymousUser  # who asks: signed in or not


def captures_latest(urls: Iterable[str]) -> dict[str, SourceCapture]:
    """The latest capture of each URL that has one. One query."""
    wanted = set(urls)
    if not wanted:
        return {}
    latest: dict[str, SourceCapture] = {}
    # Ordered newest first within each URL (SourceCapture.Meta.ordering): the first one wins.
    for capture in SourceCapture.objects.filter(url__in=wanted):
        latest.setdefault(capture.url, capture)
    return latest


def healths_of(urls: Iterable[str]) -> dict[str, SourceHealth]:
    """The last check of each URL that has one. One query."""
    wanted = set(urls)
    if not wanted:
        return {}
    return {health.url: health for health in SourceHealth.objects.filter(url__in=wanted)}


def sources_visible_to(user: User) -> QuerySet[Source]:
    """The sources the user may read with their archived copies (permissions.visible_sources:
    those of the highlights they may read, blind review included, and those of published
    verdicts)."""
    return visible_sources(user, Source.objects.all())


def source_capture_of(source: Source) -> SourceCapture | None:
    return captures_latest([source.url]).get(source.url)


# Ages of citation the link-rot figures are given by: (key, label, fewer days than). The query
# groups by the untranslated key; the label is translated when the figures are read.
AGE_BANDS: list[tuple[str, StrOrPromise, int | None]] = [
    ("month", _("Under a month"), 31),
    ("half_year", _("1 to 6 months"), 183),
    ("year", _("6 to 12 months"), 366),
    ("older", _("Over a year"), None),
]


@dataclass(frozen=True)
class AgeBand:
    label: str
    sources: int = 0
    checked: int = 0
    changed: int = 0
    gone: int = 0

    @property
    def changed_share(self) -> float | None:
        return self.changed / self.checked if self.checked else None

    @property
    def gone_share(self) -> float | None:
        return self.gone / self.checked if self.checked else None


@dataclass(frozen=True)
class EvidenceProblem:
    """A source of a published verdict whose URL changed or vanished since it was cited."""

    verdict: Verdict
    source: Source
    health: SourceHealth


@dataclass(frozen=True)
class EvidenceFigures:
    bands: list[AgeBand]
    captured: int
    cited: int
    problems: list[EvidenceProblem]


def _age_band(today: datetime.date) -> Case:
    whens = [
        When(accessed_on__gt=today - datetime.timedelta(days=days), then=Value(key))
        for key, _label, days in AGE_BANDS
        if days is not None
    ]
    return Case(*whens, default=Value(AGE_BANDS[-1][0]), output_field=CharField())


def evidence_figures(user: User, *, problems_shown: int = 50) -> EvidenceFigures:
    """The desk's link rot (editors): cited sources by age of citation, how many of those
    checked changed or are gone, how many were captured, and the sources of published verdicts
    that changed or vanished (the flag to editors). Four queries whatever the numbers."""
    require(user, Permission.Agreement.READ)
    state = SourceHealth.objects.filter(url=OuterRef("url")).values("state")[:1]
    rows = (
        Source.objects.annotate(band=_age_band(timezone.localdate()), state=Subquery(state))
        .order_by()
        .values("band")
        .annotate(
            sources=Count("pk"),
            checked=Count("pk", filter=Q(state__in=["live", "changed", "gone"])),
            changed=Count("pk", filter=Q(state="changed")),
            gone=Count("pk", filter=Q(state="gone")),
        )
    )
    found = {row["band"]: row for row in rows}
    bands = [
        AgeBand(
            str(label),
            *(found[key][count] for count in ("sources", "checked", "changed", "gone")),
        )
        if key in found
        else AgeBand(str(label))
        for key, label, _days in AGE_BANDS
    ]
    captured = SourceCapture.objects.filter(
        url=OuterRef("url"), status=SourceCapture.Status.CAPTURED
    )
    cited = Source.objects.count()
    with_capture = Source.objects.filter(Exists(captured)).count()
    return EvidenceFigures(bands, with_capture, cited, evidence_problems(limit=problems_shown))


def evidence_problems(
    *, verdicts: Iterable[int] | None = None, limit: int | None = None
) -> list[EvidenceProblem]:
    """Sources of published verdicts (of `verdicts`, or all) whose URL the last check found
    changed or gone, the most recent first. Two queries."""
    failing = SourceHealth.objects.filter(
        url=OuterRef("source__url"),
        state__in=[SourceHealth.State.CHANGED, SourceHealth.State.GONE],
    )
    cited = Verdict.sources.through.objects.filter(verdict__is_published=True).filter(
        Exists(failing)
    )
    if verdicts is not None:
        cited = cited.filter(verdict_id__in=list(verdicts))
    links = list(
        cited.select_related("verdict__unit", "verdict__label", "source").order_by(
            "-verdict__published_at", "source_id"
        )[:limit]
    )
    healths = healths_of(link.source.url for link in links)
    return [
        EvidenceProblem(link.verdict, link.source, healths[link.source.url])
        for link in links
        if link.source.url in healths
    ]
