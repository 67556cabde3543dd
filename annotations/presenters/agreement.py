"""The agreement figures as the pages show them: tiles with readings and intervals, the desk
dashboard's notices and charts, and the editors' card on the article page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from annotations import selectors
from annotations.core import charts
from annotations.core.agreement.records import UnitSpreadRecord, WarningRecord
from annotations.core.agreement.report import MIN_UNITS_TO_READ, warning_told
from annotations.core.numbers import Numbers
from annotations.models import Article, VerdictLabel
from annotations.presenters.numbers import numbers_shown
from annotations.selectors.agreement import DeskAgreementPayload
from annotations.selectors.labels import label_name
from annotations.text_lists import text_list


@dataclass(frozen=True)
class Figure:
    """One statistic as a tile: the value printed, or a dash and the reason it is undefined."""

    name: str
    value: str
    reason: str
    description: str
    note: str = ""
    interval: str = ""
    interval_chart: str = ""
    reading: str = ""  # how the value reads on a conventional scale, e.g. "Tentative"
    tone: str = ""  # good, fair or poor, for the reading's colour


def _alpha_reading(value: float) -> tuple[str, str]:
    # Krippendorff (2004), Content Analysis, p. 241: rely on alpha >= .800, draw tentative
    # conclusions from .667 up.
    if value >= 0.8:
        return gettext("Reliable"), "good"
    if value >= 0.667:
        return gettext("Tentative"), "fair"
    return gettext("Unreliable"), "poor"


def _kappa_reading(value: float) -> tuple[str, str]:
    # Landis & Koch (1977), Biometrics 33(1), p. 165.
    if value < 0:
        return pgettext("agreement reading", "Poor"), "poor"
    for bound, reading, tone in (
        (0.2, pgettext("agreement reading", "Slight"), "poor"),
        (0.4, pgettext("agreement reading", "Fair"), "poor"),
        (0.6, pgettext("agreement reading", "Moderate"), "fair"),
        (0.8, pgettext("agreement reading", "Substantial"), "good"),
    ):
        if value <= bound:
            return reading, tone
    return pgettext("agreement reading", "Almost perfect"), "good"


Reading = Callable[[float], tuple[str, str]] | None
STATISTICS: dict[str, tuple[Any, Any, Callable[[Numbers, float], str], Reading]] = {
    # key: (name, what it measures, how the value prints, how it reads)
    "alpha_ordinal": (
        _("Krippendorff's α, ordinal"),
        _("Verdicts on the ordered scale; near misses count less than far ones."),
        Numbers.decimal,
        _alpha_reading,
    ),
    "alpha_nominal": (
        _("Krippendorff's α, nominal"),
        _("Every verdict distinct: any two different verdicts disagree fully."),
        Numbers.decimal,
        _alpha_reading,
    ),
    "fleiss_kappa": (
        _("Fleiss' κ"),
        _("Chance-corrected agreement of all reviewers on each unit."),
        Numbers.decimal,
        _kappa_reading,
    ),
    "percent_agreement": (
        _("Raw agreement"),
        _("Share of reviewer pairs that gave a unit the same verdict."),
        Numbers.percent,
        None,
    ),
    "span_f1_overlap": (
        _("Span F1, overlap"),
        _("How often reviewers highlight overlapping passages."),
        Numbers.decimal,
        None,
    ),
    "unitizing_alpha": (
        _("Unitizing α"),
        _("Agreement on where claims begin and end in the text."),
        Numbers.decimal,
        _alpha_reading,
    ),
}


# Statistics whose n counts highlights (spans), not claim units.
COUNTS_HIGHLIGHTS = {"unitizing_alpha"}


def figures(payload: Mapping[str, Any], keys: Sequence[str]) -> list[Figure]:
    """The tiles of a payload's statistics, in the given order. On fewer than
    MIN_UNITS_TO_READ claim units no value gets a reading: it says there are too few."""
    tiles = []
    numbers = numbers_shown()
    too_few_units = payload.get("units", 0) < MIN_UNITS_TO_READ
    intervals = payload.get("confidence_intervals", {})
    for key in keys:
        lazy_name, lazy_description, show, reading = STATISTICS[key]
        name, description = str(lazy_name), str(lazy_description)
        value = payload.get(key)
        detail = payload.get("details", {}).get(key, {})
        note = ""
        if detail:
            units, reviewers = detail["units"], detail["reviewers"]
            counted = (
                ngettext("%(count)s highlight", "%(count)s highlights", units)
                if key in COUNTS_HIGHLIGHTS
                else ngettext("%(count)s unit", "%(count)s units", units)
            )
            note = (
                counted % {"count": units}
                + " · "
                + ngettext("%(count)s reviewer", "%(count)s reviewers", reviewers)
                % {"count": reviewers}
            )
        interval = interval_chart = ""
        bounds = intervals.get(key)
        if value is not None and bounds:
            if bounds["low"] is not None and bounds["high"] is not None:
                interval = gettext("%(confidence)s CI %(low)s to %(high)s") % {
                    "confidence": numbers.percent(bounds["confidence"]),
                    "low": numbers.decimal(bounds["low"]),
                    "high": numbers.decimal(bounds["high"]),
                }
                interval_chart = _safe(
                    charts.interval_svg(
                        value,
                        bounds["low"],
                        bounds["high"],
                        label=f"{name}: {interval}",
                        numbers=numbers,
                    )
                )
            elif bounds["reason"]:
                interval = gettext("No interval: %(reason)s") % {
                    "reason": reason_shown(bounds["reason"])
                }
        read, tone = "", ""
        if reading and value is not None and too_few_units:
            read = gettext("Too few units to judge")
        elif reading and value is not None:
            # Read as printed: a value shown as 0.80 must not read as below 0.8.
            read, tone = reading(round(value, 2))
        tiles.append(
            Figure(
                name=name,
                value="—" if value is None else show(numbers, value),
                reason=reason_shown(payload.get("reasons", {}).get(key)) if value is None else "",
                description=description,
                note=note,
                interval=interval,
                interval_chart=interval_chart,
                reading=read,
                tone=tone,
            )
        )
    return tiles


def pairwise_rows(pairs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    numbers = numbers_shown()
    for pair in pairs:
        kappa = pair.get("kappa") or {}
        agreement = pair.get("agreement")
        rows.append(
            {
                "a": pair["a"],
                "b": pair["b"],
                "units": pair.get("units", 0),
                "agreement": "—" if agreement is None else numbers.percent(agreement),
                "kappa": "—" if kappa.get("value") is None else numbers.decimal(kappa["value"]),
                "kappa_reason": reason_shown(kappa.get("reason"))
                if kappa.get("value") is None
                else "",
            }
        )
    return rows


def _named(warning: WarningRecord, labels: Sequence[VerdictLabel]) -> WarningRecord:
    """The warning with the label names it was written with (the desk's own, English) in the
    reader's language, so that a French sentence does not list "Mixed, Mostly false"."""
    values = warning.get("values")
    if not values:
        return warning
    names = {label.name: label_name(label) for label in labels}
    shown = dict(values)
    if isinstance(shown.get("label"), str):
        shown["label"] = names.get(str(shown["label"]), shown["label"])
    if isinstance(shown.get("labels"), str):
        listed = str(shown["labels"]).split(", ")
        shown["labels"] = text_list(names.get(n, n) for n in listed)
    return {**warning, "values": shown}


def reason_shown(reason: str | None) -> str:
    """Why a figure is undefined, in the reader's language: the records store the English
    sentences of annotations.core.agreement, which the catalogues hold (gettext_noop there)."""
    return gettext(reason) if reason else ""


def _safe(svg: str) -> SafeString:
    # charts.py escapes every piece of text it draws (tests/core/test_charts.py).
    return mark_safe(svg)  # noqa: S308


def desk_agreement_context(
    payload: DeskAgreementPayload, labels: Sequence[VerdictLabel]
) -> dict[str, Any]:
    """What the dashboard shows of the desk payload: tiles, notices, charts and the pairs."""
    pairs = payload["pairwise"]
    reviewers = sorted({pair["a"] for pair in pairs} | {pair["b"] for pair in pairs})
    per_label = {row["label"]: row for row in payload["per_label"]}
    total = sum(row["ratings"] for row in payload["per_label"])
    numbers = numbers_shown()
    kappa_rows: list[charts.BarRow] = []
    count_rows: list[charts.BarRow] = []
    for label in labels:
        row = per_label.get(label.slug)
        ratings = row["ratings"] if row else 0
        kappa = row["kappa"] if row else None
        value = kappa["value"] if kappa else None
        note = ngettext("%(count)s rating", "%(count)s ratings", ratings) % {"count": ratings}
        if value is None:
            note = reason_shown(kappa["reason"] if kappa else None) or gettext("not computed yet")
        kappa_rows.append((label_name(label), value, label.colour, note))
        share = numbers.percent(ratings / total) if total else ""
        count_rows.append((label_name(label), ratings, label.colour, share))
    return {
        "agreement": payload,
        # The stored warnings' sentences in the reader's language (code kept for the page).
        "warnings": [
            {"code": warning["code"], "message": warning_told(_named(warning, labels), translation)}
            for warning in payload["warnings"]
        ],
        "figures": figures(
            payload, ["alpha_ordinal", "alpha_nominal", "fleiss_kappa", "percent_agreement"]
        ),
        "status": _desk_status(payload),
        "heatmap_kappa": _safe(
            charts.heatmap_svg(
                reviewers, pairs, measure="kappa", words=translation, numbers=numbers
            )
        ),
        "heatmap_agreement": _safe(
            charts.heatmap_svg(
                reviewers, pairs, measure="agreement", words=translation, numbers=numbers
            )
        ),
        "label_kappa_bars": _safe(
            charts.bars_svg(
                kappa_rows,
                title=gettext("Fleiss' kappa of each label against all others"),
                high=1.0,
                words=translation,
                numbers=numbers,
                ticks=(-1.0, -0.5, 0.0, 0.5, 1.0),
            )
        ),
        "label_count_bars": _safe(
            charts.bars_svg(
                count_rows,
                title=gettext("Number of ratings per label"),
                value_format=numbers.integer,
                words=translation,
                numbers=numbers,
            )
        ),
        "pairs": pairwise_rows(pairs),
        "final_rows": [
            {
                "reviewer": row["reviewer"],
                "units": row["units"],
                "agreement": numbers.percent(row["agreement"]),
                "kappa": ""
                if row["kappa"]["value"] is None
                else numbers.decimal(row["kappa"]["value"]),
                "kappa_reason": reason_shown(row["kappa"]["reason"]),
            }
            for row in payload["reviewer_vs_final"]
        ],
        "reviewer_count": len(reviewers),
    }


def _desk_status(payload: DeskAgreementPayload) -> dict[str, str]:
    if payload["computed_at"] is None:
        return {
            "tone": "info",
            "title": gettext("Not computed yet"),
            "text": gettext(
                "The desk's figures are computed every few minutes, or now with “Recompute now”."
            ),
        }
    if payload["stale_articles"]:
        count = payload["stale_articles"]
        return {
            "tone": "warning",
            "title": ngettext(
                "%(count)s article still being computed",
                "%(count)s articles still being computed",
                count,
            )
            % {"count": count},
            "text": gettext(
                "These figures leave out their newest reviews; recompute once they are done."
            ),
        }
    if payload["stale"] and payload["queued"]:
        return {
            "tone": "info",
            "title": gettext("Out of date: recomputing"),
            "text": gettext(
                "Reviews or verdicts changed since these figures were computed. New figures "
                "replace them as soon as the recomputation finishes."
            ),
        }
    if payload["stale"]:
        return {
            "tone": "warning",
            "title": gettext("Out of date"),
            "text": gettext(
                "Reviews or verdicts changed since these figures were computed; “Recompute now” "
                "brings them up to date."
            ),
        }
    if payload["queued"]:
        return {
            "tone": "info",
            "title": gettext("Recomputation queued"),
            "text": gettext("New figures replace these as soon as it finishes."),
        }
    return {}


def _unit_caption(text: str, spread: UnitSpreadRecord) -> str:
    quoted = f"“{text[spread['start'] : spread['end']]}”"
    if spread["kind"] == "quote":
        return gettext("Quote: %(quote)s") % {"quote": quoted}
    return quoted


def article_agreement_context(article: Article, labels: Sequence[VerdictLabel]) -> dict[str, Any]:
    """The editors' agreement card of an article: tiles, status, unit strip and the pairs."""
    payload = selectors.article_agreement_payload(article)
    units = [
        {**spread, "caption": _unit_caption(article.text, spread)}
        for spread in payload["unit_spreads"]
    ]
    if payload["computed_at"] is None:
        status = {
            "tone": "info",
            "text": gettext("Not computed yet: figures appear once reviews are in."),
        }
    elif payload["stale"]:
        status = {
            "tone": "warning",
            "text": gettext("Reviews changed since; new figures are on the way."),
        }
    else:
        status = {}
    tiles = figures(
        payload,
        [
            "alpha_ordinal",
            "alpha_nominal",
            "fleiss_kappa",
            "percent_agreement",
            "span_f1_overlap",
            "unitizing_alpha",
        ],
    )
    if payload["computed_at"] is None:
        # The status says it once; each tile need not say "not computed yet" again.
        tiles = [replace(tile, reason="") for tile in tiles]
    return {
        "payload": payload,
        "figures": tiles,
        "status": status,
        "strip": _safe(
            charts.spread_strip_svg(
                units,
                [(label.slug, label_name(label), label.colour) for label in labels],
                width=880,
                words=translation,
            )
        ),
        "pairs": pairwise_rows(payload["pairwise"]),
    }
