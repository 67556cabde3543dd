"""What the external fact-check pages show: an import's report, one line per review read, and
a review's link candidates (the matcher's claims for its wording)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext

from annotations.core.formats.claimreview_import import Refusal
from annotations.models import ExternalFactCheck
from annotations.presenters.claims import match_stage_shown
from annotations.selectors.articles import User
from annotations.selectors.claim_matching import claims_similar
from annotations.selectors.labels import label_name

# Lines of each kind a report page lists; a feed of 100,000 reviews says how many more.
REPORT_LINES_SHOWN = 200
CANDIDATES_SHOWN = 5


class ImportedCheck(Protocol):
    """services.fact_checks.ImportedCheck, as read here (presenters import no service)."""

    @property
    def url(self) -> str: ...
    @property
    def publisher(self) -> str: ...
    @property
    def rating(self) -> str: ...
    @property
    def claim_id(self) -> int: ...
    @property
    def claim_text(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def score(self) -> float | None: ...


class FactCheckImport(Protocol):
    """services.fact_checks.FactCheckImport, as read here."""

    @property
    def items_read(self) -> int: ...
    @property
    def created(self) -> int: ...
    @property
    def known(self) -> Sequence[str]: ...
    @property
    def refusals(self) -> Sequence[Refusal]: ...
    @property
    def imported(self) -> Sequence[ImportedCheck]: ...


@dataclass(frozen=True)
class ReportLine:
    kind: str  # "imported", "known" or "refused"
    text: str
    url: str = ""


@dataclass(frozen=True)
class ImportReportPage:
    items_read: int
    imported: int
    known: int
    refused: int  # entries refused: imported + known + refused = items_read
    document_problems: list[str]  # why the document as a whole was not (all) read
    lines: list[ReportLine]
    more: dict[str, int]  # kind -> lines not shown


def _how(line: ImportedCheck) -> str:
    if line.stage == "exact":
        return gettext("the desk's claim of the same wording")
    if line.stage == "new":
        return gettext("a new claim")
    return gettext("the same claim, found by the matcher (%(stage)s, score %(score)s)") % {
        "stage": match_stage_shown(line.stage),
        "score": number_format(line.score or 0, 2),
    }


def import_report_page(result: FactCheckImport) -> ImportReportPage:
    """The report an editor reads after an import: imported, already known and refused, one
    line each (at most REPORT_LINES_SHOWN of each kind), and apart from them what kept the
    document as a whole from being read (malformed JSON, too many entries), which is no entry:
    "Read 0 items: 1 refused" contradicted itself (walk 19, finding 17). An entry is named by
    its number in the document, not by its JSONPath ($.@graph[2]), which editors do not read."""
    entry_refusals = [refusal for refusal in result.refusals if refusal.item]
    imported = [
        ReportLine(
            "imported",
            gettext("%(publisher)s: “%(rating)s”, under claim C%(claim)s “%(text)s” (%(how)s)")
            % {
                "publisher": line.publisher,
                "rating": line.rating,
                "claim": line.claim_id,
                "text": line.claim_text,
                "how": _how(line),
            },
            line.url,
        )
        for line in result.imported[:REPORT_LINES_SHOWN]
    ]
    known = [
        ReportLine("known", gettext("Already imported, left as it was"), url)
        for url in result.known[:REPORT_LINES_SHOWN]
    ]
    refused = [
        ReportLine(
            "refused",
            gettext("Entry %(item)s: %(reason)s")
            % {"item": refusal.item, "reason": refusal.reason.told(translation)},
            refusal.url,
        )
        for refusal in entry_refusals[:REPORT_LINES_SHOWN]
    ]
    totals = {
        "imported": result.created,
        "known": len(result.known),
        "refused": len(entry_refusals),
    }
    return ImportReportPage(
        items_read=result.items_read,
        imported=result.created,
        known=len(result.known),
        refused=len(entry_refusals),
        document_problems=[
            refusal.reason.told(translation) for refusal in result.refusals if not refusal.item
        ],
        lines=[*imported, *known, *refused],
        more={
            kind: count - REPORT_LINES_SHOWN
            for kind, count in totals.items()
            if count > REPORT_LINES_SHOWN
        },
    )


@dataclass(frozen=True)
class LinkCandidate:
    claim: int
    text: str
    score: float
    stage: str
    same_claim: bool
    differences: list[str]
    verdict: str  # the desk's published label, or ""


def link_candidates(user: User, fact_check: ExternalFactCheck) -> list[LinkCandidate]:
    """The desk's claims the matcher finds for the review's wording, other than the one it is
    under, best first: what an editor chooses from to link it."""
    found = claims_similar(user, fact_check.claim_text, limit=CANDIDATES_SHOWN + 1)
    return [
        LinkCandidate(
            claim=similar.match.claim_id,
            text=similar.match.text,
            score=similar.match.score,
            stage=match_stage_shown(similar.match.stage),
            same_claim=similar.match.same_claim,
            differences=[
                f"{difference.kind}: {difference.old} / {difference.new}"
                for difference in similar.match.differences
            ],
            verdict=label_name(similar.verdict.label) if similar.verdict is not None else "",
        )
        for similar in found
        if similar.match.claim_id != fact_check.claim_id
    ][:CANDIDATES_SHOWN]
