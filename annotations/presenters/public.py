"""What the public site shows: each label's place on the rating scale, a verdict's page (its
badge, appearances, sources with their archived copies, corrections, dates), the index rows,
and the link and card tags that crawlers and platforms read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from annotations.core.formats.claimreview import json_ld_script
from annotations.core.label_wording import LabelWording
from annotations.core.text import first_letter_capitalised, passage_as_claim
from annotations.exports.documents import captures_of, claim_review_document
from annotations.models import Correction, Source, SourceCapture, Verdict, VerdictLabel
from annotations.selectors.labels import label_wording
from annotations.selectors.public import Appearance, Withdrawal, verdict_appearances
from annotations.selectors.units import unit_passage_as_checked
from annotations.selectors.verdicts import rating_bounds

DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class ScalePlace:
    """A label on the scale: `number` of `of` on the ordered scale, counted up from the least
    accurate (1) to the most accurate (`of`), or no number for a label outside it
    (Unverifiable); `words`, its name and description in the reader's language
    (selectors.labels), which pages show rather than the label's own.

    Counted up, as ClaimReview's ratingValue runs (higher is more accurate): a badge reading
    "False 1/5" agrees with the page's own JSON-LD and the exports, where "False 5/5" read as
    a top score."""

    label: VerdictLabel
    number: int | None
    of: int
    anchor: str  # the label on the scale's page: /scale/#<slug>
    words: LabelWording

    @property
    def name(self) -> str:
        return self.words.name

    @property
    def wording(self) -> str:
        if self.number is None:
            return gettext("outside the ordered scale")
        return gettext("%(number)d of %(of)d on the scale, %(of)d the most accurate") % {
            "number": self.number,
            "of": self.of,
        }


def scale_places(labels: Sequence[VerdictLabel]) -> list[ScalePlace]:
    """Every label with its place, in the scale's order (labels come ordered by position,
    with their translations: selectors.verdict_labels_translated), worded for the reader."""
    ordinal = [label.pk for label in labels if label.is_ordinal]
    scale = reverse("public-scale")
    return [
        ScalePlace(
            label,
            len(ordinal) - ordinal.index(label.pk) if label.is_ordinal else None,
            len(ordinal),
            f"{scale}#{label.slug}",
            label_wording(label),
        )
        for label in labels
    ]


@dataclass(frozen=True)
class PageMeta:
    """The canonical link and the Open Graph / Twitter card tags of a public page."""

    title: str
    description: str
    url: str
    kind: str = "website"


def page_meta(
    request: HttpRequest, *, title: str, description: str, kind: str = "website"
) -> PageMeta:
    text = " ".join(strip_tags(description).split())
    return PageMeta(
        title=title,
        description=Truncator(text).chars(DESCRIPTION_LENGTH),
        url=request.build_absolute_uri(request.path),
        kind=kind,
    )


@dataclass(frozen=True)
class CitedSource:
    source: Source
    capture: SourceCapture | None


@dataclass(frozen=True)
class CorrectionShown:
    """A correction with the rating it changed, from and to (both None when it kept it, or
    when a label it names has left the scale)."""

    correction: Correction
    rating_before: ScalePlace | None = None
    rating_after: ScalePlace | None = None


def corrections_shown(
    verdict: Verdict, corrections: Sequence[Correction], scale: Sequence[ScalePlace]
) -> list[CorrectionShown]:
    """Each correction with the rating it changed: the label it replaced (its `previous`
    snapshot names it by slug) and the one that followed, the next correction's `previous`
    or, for the last, the verdict's own. Readers see "from False to Mostly false" beside the
    note, as correction policies (IFCN's) ask."""
    by_slug = {place.label.slug: place for place in scale}
    now = next((place for place in scale if place.label.pk == verdict.label_id), None)
    befores = [by_slug.get(str(c.previous.get("label", ""))) for c in corrections]
    afters = [*befores[1:], now]
    return [
        CorrectionShown(correction, before, after)
        if before is not None and after is not None and before.label.pk != after.label.pk
        else CorrectionShown(correction)
        for correction, before, after in zip(corrections, befores, afters, strict=False)
    ]


@dataclass(frozen=True)
class VerdictPage:
    verdict: Verdict
    place: ScalePlace
    scale: list[ScalePlace]
    passage: str
    appearances: list[Appearance]
    sources: list[CitedSource]
    corrections: list[CorrectionShown]
    updated: dt.datetime | None
    meta: PageMeta
    claim_review_json: SafeString

    @property
    def claim(self) -> str:
        """The claim as the page's title shows it (core.text.first_letter_capitalised)."""
        return first_letter_capitalised(self.verdict.claim_reviewed)


def verdict_page(
    request: HttpRequest, verdict: Verdict, labels: Sequence[VerdictLabel]
) -> VerdictPage:
    """A published verdict's page (`verdict` from selectors.public.verdict_for_readers)."""
    sources = list(verdict.sources.all())
    captures = captures_of(sources)
    corrections = list(verdict.corrections.all())
    scale = scale_places(labels)
    place = next(place for place in scale if place.label.pk == verdict.label_id)
    document = claim_review_document(request, verdict, rating_bounds(), captures=captures)
    published = verdict.first_published_at
    # "Updated" when a correction was made or the verdict published again since.
    changed = [c.created for c in corrections]
    if verdict.published_at and published and verdict.published_at > published:
        changed.append(verdict.published_at)
    return VerdictPage(
        verdict=verdict,
        place=place,
        scale=scale,
        passage=passage_as_claim(unit_passage_as_checked(verdict.unit)),
        appearances=verdict_appearances(verdict),
        sources=[
            CitedSource(source, capture if capture and capture.status == "captured" else None)
            for source in sources
            for capture in [captures.get(source.url)]
        ],
        corrections=corrections_shown(verdict, corrections, scale),
        updated=max(changed) if changed else None,
        meta=page_meta(
            request,
            title=f"{place.name}: {first_letter_capitalised(verdict.claim_reviewed)}",
            description=verdict.explanation
            or gettext("%(desk)s rated this claim %(label)s.")
            % {"desk": settings.DESK_NAME, "label": place.name},
            kind="article",
        ),
        # json_ld_script escapes <, >, & and line separators: the JSON cannot close the
        # <script> element it sits in, so marking it safe here is sound.
        claim_review_json=mark_safe(json_ld_script(document)),  # noqa: S308
    )


@dataclass(frozen=True)
class WithdrawnPage:
    """A withdrawn verdict's page: when and why, and the claim and rating it had (`place`
    None when its rating is not known or has left the scale)."""

    withdrawal: Withdrawal
    place: ScalePlace | None


def withdrawn_page(withdrawal: Withdrawal, labels: Sequence[VerdictLabel]) -> WithdrawnPage:
    place = next(
        (place for place in scale_places(labels) if place.label.pk == withdrawal.label_id), None
    )
    return WithdrawnPage(withdrawal, place)


@dataclass(frozen=True)
class IndexRow:
    """A verdict in a list (the index, an article's page): its badge's place, and the
    search's marked snippet when it was found by a search."""

    verdict: Verdict
    place: ScalePlace
    snippet_html: SafeString | None

    @property
    def claim(self) -> str:
        """The claim as the row's heading shows it (core.text.first_letter_capitalised)."""
        return first_letter_capitalised(self.verdict.claim_reviewed)


def index_rows(
    verdicts: Sequence[Verdict],
    labels: Sequence[VerdictLabel],
    snippets: dict[int, SafeString],
) -> list[IndexRow]:
    places = {place.label.pk: place for place in scale_places(labels)}
    return [
        IndexRow(verdict, places[verdict.label_id], snippets.get(verdict.pk))
        for verdict in verdicts
    ]
