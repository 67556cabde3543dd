"""The Ready lane as it is drawn: its rows with their agreed verdicts, the desk's rules in
words, and the report of a bulk confirm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from annotations.core.fast_lane import FastConfirmReport, Outcome
from annotations.models import ClaimUnit, VerdictLabel
from annotations.presenters.numbers import numbers_shown
from annotations.selectors.fast_lane import FastLaneRules, units_reported
from annotations.selectors.labels import label_name
from annotations.text_lists import text_list


@dataclass(frozen=True)
class ReadyRow:
    unit: ClaimUnit
    label: VerdictLabel  # the verdict every reviewer gave
    # The label of the desk's published verdict on the same claim, in the reader's language
    # ("" when never checked before): publishing from the lane leaves such a claim out.
    checked_before_name: str = ""

    @property
    def value(self) -> str:
        """What the row's checkbox posts: the unit and the version the editor sees."""
        return f"{self.unit.pk}:{self.unit.version}"


def ready_rows(units: Sequence[ClaimUnit], labels: Sequence[VerdictLabel]) -> list[ReadyRow]:
    """One page of the lane (units from selectors.units_ready, with `agreed_label_id` and
    `checked_before_label`)."""
    by_id = {label.pk: label for label in labels}
    return [
        ReadyRow(
            unit,
            by_id[unit.agreed_label_id],  # type: ignore[attr-defined]  # annotated by units_ready
            label_name(by_id[checked]) if (checked := unit.checked_before_label) else "",  # type: ignore[attr-defined]  # annotated by units_ready
        )
        for unit in units
    ]


def rules_text(rules: FastLaneRules, labels: Sequence[VerdictLabel]) -> str:
    """The desk's rules in one sentence, for the lane's subtitle."""
    text = ngettext(
        "At least %(count)s reviewer gave the same verdict, their highlights overlap at least "
        "%(overlap)s, and no source is cited both as supporting and as refuting the claim.",
        "At least %(count)s reviewers gave the same verdict, their highlights overlap at least "
        "%(overlap)s, and no source is cited both as supporting and as refuting the claim.",
        rules.min_reviewers,
    ) % {"count": rules.min_reviewers, "overlap": numbers_shown().percent(rules.min_overlap)}
    # Quoted, so that a label called "False" reads as a name, not as the word.
    never = [
        gettext("“%(label)s”") % {"label": label_name(label)}
        for label in labels
        if label.pk in rules.excluded_label_ids
    ]
    if never:
        text += " " + gettext("Never fast-tracked: %(labels)s.") % {"labels": text_list(never)}
    return text


@dataclass(frozen=True)
class ReportRow:
    unit_id: int
    outcome: Outcome
    message: str
    unit: ClaimUnit | None  # None: not on the desk


@dataclass(frozen=True)
class ReportPage:
    published: bool
    confirmed: int
    problems: list[ReportRow]


def report_page(report: FastConfirmReport) -> ReportPage:
    """How many were confirmed, and each claim that was not, with why (one query)."""
    problems = report.problems
    units = units_reported([result.unit_id for result in problems])
    return ReportPage(
        published=report.published,
        confirmed=len(report.confirmed),
        problems=[
            ReportRow(r.unit_id, r.outcome, gettext(r.message), units.get(r.unit_id))
            for r in problems
        ],
    )
