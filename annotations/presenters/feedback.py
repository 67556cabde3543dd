"""Feedback pages as they show: the decisions that differed from a reviewer's verdict, their
figures by month as two charts with the same figures in a table, and kappa with colleagues;
and, for editors, the list of reviewers with their figures. Built from selectors.feedback."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from annotations import selectors
from annotations.core import charts
from annotations.core.agreement.records import StatisticRecord
from annotations.core.feedback import MonthFigures
from annotations.core.month_chart import month_line_svg, steps
from annotations.models import Annotation, ClaimUnit
from annotations.presenters.numbers import numbers_shown
from annotations.selectors.feedback import FeedbackFigures, FeedbackSubject, ReviewerOverview
from annotations.selectors.labels import label_names, label_wording
from annotations.short_dates import MONTH_YEAR, date_short

# The chart and the month table show the last year; the totals cover every month.
MONTHS_SHOWN = 12
AGREEMENT_COLOUR = "#2166ac"
DISTANCE_COLOUR = "#b2182b"


@dataclass(frozen=True)
class LabelShown:
    name: str
    colour: str


@dataclass(frozen=True)
class DifferenceShown:
    """One decision that differed from the reviewer's verdict."""

    unit_id: int  # the item's anchor on the page, where "verdict differed" notifications lead
    own: LabelShown
    final: LabelShown
    claim_reviewed: str
    passage: str  # what the reviewer highlighted
    rationale: str  # the reviewer's own
    explanation: str  # the editor's, as the verdict gives it
    article_title: str
    article_url: str
    decided_at: datetime.datetime
    status: str
    public_url: str  # the published verdict, for anyone; empty unless published
    thread_url: str  # the unit's discussion
    unit_url: str  # the editors' unit page; empty for reviewers


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    label: str
    units: int
    agreed: int
    agreement: str
    mean_distance: str


@dataclass(frozen=True)
class KappaShown:
    value: str
    reason: str  # why it is undefined ("" when defined)


@dataclass(frozen=True)
class ColleagueMonthRow:
    label: str
    units: int
    kappa: KappaShown


@dataclass(frozen=True)
class ColleagueRow:
    name: str
    units: int
    kappa: KappaShown
    months: list[ColleagueMonthRow]  # the months shown in which both rated something


def _label(label: Any, names: Mapping[int, str]) -> LabelShown:
    return LabelShown(
        name=names.get(label.pk, label.name), colour=charts.colour_valid(label.colour)
    )


def _kappa(record: StatisticRecord) -> KappaShown:
    value = record["value"]
    if value is None:
        # The stored reason is one of annotations.core.agreement's English sentences.
        reason = translation.gettext(record["reason"]) if record["reason"] else gettext("undefined")
        return KappaShown(value=gettext("n/a"), reason=reason)
    return KappaShown(value=numbers_shown().decimal(value), reason="")


def _share(value: float | None) -> str:
    return "—" if value is None else numbers_shown().percent(value)


def _distance(value: float | None) -> str:
    return "—" if value is None else steps(value, numbers_shown())


def differences_shown(
    annotations: Sequence[Annotation], *, for_editor: bool
) -> list[DifferenceShown]:
    """A page of differing decisions (selectors.feedback_differences: joined, no query per row),
    labels named in the reader's language (two queries for the whole scale)."""
    names = {label.pk: label_wording(label).name for label in selectors.verdict_labels_translated()}
    rows = []
    # The scale's names in the reader's language: two queries for the page, not two per row.
    names = label_names() if annotations else {}
    for annotation in annotations:
        unit = annotation.unit
        assert unit is not None  # feedback_differences selects highlights in decided units
        verdict = unit.verdict
        published = verdict.is_published
        rows.append(
            DifferenceShown(
                unit_id=unit.pk,
                own=_label(annotation.verdict, names),
                final=_label(verdict.label, names),
                claim_reviewed=verdict.claim_reviewed,
                passage=annotation.exact,
                rationale=annotation.rationale,
                explanation=verdict.explanation,
                article_title=annotation.article.title,
                article_url=reverse("article-detail", args=[annotation.article_id]),
                decided_at=verdict.decided_at,
                status=str(ClaimUnit.Status(unit.status).label),
                public_url=reverse("verdict-public", args=[verdict.pk]) if published else "",
                thread_url=reverse("discussion-unit", args=[unit.pk]),
                unit_url=reverse("review-unit", args=[unit.pk]) if for_editor else "",
            )
        )
    return rows


def _safe(svg: str) -> SafeString:
    # month_chart.py escapes every piece of text it draws (tests/core/test_feedback_chart.py).
    return mark_safe(svg)  # noqa: S308


def month_label(month: datetime.date) -> str:
    """ "Nov 2026", with the month's abbreviation in the reader's language ("nov. 2026")."""
    return date_short(month, MONTH_YEAR)


def _month_rows(months: Sequence[MonthFigures]) -> list[MonthRow]:
    return [
        MonthRow(
            month=row.month,
            label=month_label(row.month),
            units=row.units,
            agreed=row.agreed,
            agreement=_share(row.agreement),
            mean_distance=_distance(row.mean_distance),
        )
        for row in months
    ]


def feedback_context(
    subject: FeedbackSubject,
    page: Page[Annotation],
    figures: FeedbackFigures,
    *,
    own: bool,
    for_editor: bool,
) -> dict[str, Any]:
    """The feedback page about `subject`: `own` when the viewer is the reviewer."""
    computed = figures.figures
    months = computed.months[-MONTHS_SHOWN:]
    widest = max(computed.widest, 1)
    numbers = numbers_shown()
    agreement_chart = month_line_svg(
        [(row.month, row.agreement) for row in months],
        title=gettext("Agreement with the final verdicts"),
        low=0.0,
        high=1.0,
        ticks=(0.0, 0.5, 1.0),
        value_format=numbers.percent,
        colour=AGREEMENT_COLOUR,
        css_class="month-line month-line--agreement",
        words=translation,
        month_name=month_label,
    )
    distance_chart = month_line_svg(
        [(row.month, row.mean_distance) for row in months],
        title=gettext("Mean distance from the final verdicts, in scale steps"),
        low=0.0,
        high=float(widest),
        ticks=sorted({0.0, widest / 2, float(widest)}),
        value_format=lambda value: steps(value, numbers),
        colour=DISTANCE_COLOUR,
        css_class="month-line month-line--distance",
        words=translation,
        month_name=month_label,
    )
    shown = {row.month for row in months}
    colleagues = [
        ColleagueRow(
            name=figures.colleague_names.get(colleague.colleague) or gettext("A colleague"),
            units=colleague.units,
            kappa=_kappa(colleague.kappa),
            months=[
                ColleagueMonthRow(
                    label=month_label(month.month), units=month.units, kappa=_kappa(month.kappa)
                )
                for month in colleague.months
                if month.units and month.month in shown
            ],
        )
        for colleague in computed.colleagues
    ]
    total = computed.total
    return {
        "subject": subject,
        "own": own,
        "for_editor": for_editor,
        "page": page,
        "differences": differences_shown(list(page.object_list), for_editor=for_editor),
        "total": {
            "units": total.units,
            "agreed": total.agreed,
            "differed": total.units - total.agreed,
            "agreement": _share(total.agreement),
            "mean_distance": _distance(total.mean_distance),
        },
        "widest": computed.widest,
        "months": _month_rows(months),
        "months_shown": len(months),
        "agreement_chart": _safe(agreement_chart),
        "distance_chart": _safe(distance_chart),
        "colleagues": sorted(colleagues, key=lambda row: row.name.casefold()),
    }


@dataclass(frozen=True)
class ReviewerRow:
    name: str
    url: str
    units: int
    agreement: str
    mean_distance: str
    differed: int
    latest_month: str
    latest_agreement: str


def reviewers_shown(overviews: Sequence[ReviewerOverview]) -> list[ReviewerRow]:
    return [
        ReviewerRow(
            name=row.subject.name,
            url=reverse("feedback-reviewer", args=[row.subject.key]),
            units=row.total.units,
            agreement=_share(row.total.agreement),
            mean_distance=_distance(row.total.mean_distance),
            differed=row.total.units - row.total.agreed,
            latest_month=month_label(row.latest.month),
            latest_agreement=_share(row.latest.agreement),
        )
        for row in overviews
    ]
