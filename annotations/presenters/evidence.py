"""The evidence card of the editors' dashboard: link rot by age of citation, as a chart and a
table, and the published verdicts whose evidence changed or vanished; and why a source's
capture failed, as its archive page says it."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from annotations.core import charts
from annotations.models import SourceCapture
from annotations.presenters.numbers import numbers_shown
from annotations.selectors.evidence import EvidenceFigures

# Red for sources gone, amber for changed: the same meaning as elsewhere on the desk.
GONE_COLOUR = "#b42318"
CHANGED_COLOUR = "#b54708"


def capture_failure_shown(capture: SourceCapture) -> str:
    """Why the capture failed, in the reader's language. The worker stored the sentence in
    the language it ran in (English: fetching.py's catalogue ids): a refused status is worded
    again from the stored status, a fixed sentence is looked up in the catalogue, and one with
    details filled in (a host name, a type) is shown as stored."""
    if capture.failure_code == "url_http_error" and capture.http_status:
        return _("The site answered HTTP %(status)s.") % {"status": capture.http_status}
    return _(capture.failure_reason) if capture.failure_reason else ""


def _share(value: float | None) -> str:
    return "—" if value is None else numbers_shown().percent(value)


def evidence_card_context(figures: EvidenceFigures) -> dict[str, Any]:
    numbers = numbers_shown()
    rows: list[charts.BarRow] = []
    for band in figures.bands:
        note = (
            _("of %(count)s checked") % {"count": band.checked}
            if band.checked
            else _("none checked yet")
        )
        rows.append((_("%(age)s: gone") % {"age": band.label}, band.gone_share, GONE_COLOUR, note))
        rows.append(
            (_("%(age)s: changed") % {"age": band.label}, band.changed_share, CHANGED_COLOUR, "")
        )
    chart: SafeString = mark_safe(  # noqa: S308 — charts.bars_svg escapes every text it draws
        charts.bars_svg(
            rows,
            title=_("Share of checked sources gone or changed, by age of citation"),
            high=1.0,
            value_format=numbers.percent,
            ticks=(0.0, 0.25, 0.5, 0.75, 1.0),
            words=translation,
            numbers=numbers,
        )
    )
    return {
        "chart": chart if any(band.checked for band in figures.bands) else None,
        "bands": [
            {
                "label": band.label,
                "sources": band.sources,
                "checked": band.checked,
                "changed": band.changed,
                "changed_share": _share(band.changed_share),
                "gone": band.gone,
                "gone_share": _share(band.gone_share),
            }
            for band in figures.bands
        ],
        "cited": figures.cited,
        "captured": figures.captured,
        "captured_share": _share(figures.captured / figures.cited if figures.cited else None),
        "problems": figures.problems,
    }
