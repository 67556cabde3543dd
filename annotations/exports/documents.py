"""The desk's work as documents in the two standards, built from model instances: W3C Web
Annotations (highlights and verdicts) and schema.org ClaimReview (published verdicts). The
formatters in core/formats/ shape them; this module supplies the values and the absolute
links (exports/iris.py), for the API's collections, items and feed and for the public verdict
page alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from annotations import selectors
from annotations.core.addresses import distinct_by_url
from annotations.core.formats import claimreview, w3c
from annotations.core.formats.claimreview import Appearance
from annotations.exports.iris import (
    desk_agent_iri,
    desk_home_iri,
    desk_iri,
    label_iri,
    person_iri,
    verdict_article_iri,
)
from annotations.models import Annotation, Source, SourceCapture, Verdict
from annotations.selectors.evidence import captures_latest
from annotations.selectors.labels import label_wording
from annotations.selectors.verdicts import claimant_types

# {url: its latest capture}, read once for a page of documents (selectors.evidence).
Captures = Mapping[str, SourceCapture]


def captures_of(sources: Iterable[Source]) -> Captures:
    """The captures a page of documents needs: one query for all their sources."""
    return captures_latest(source.url for source in sources)


def _cited(
    request: HttpRequest, sources: Iterable[Source], captures: Captures | None
) -> list[dict[str, str]]:
    """Sources as the formats take them, each with its archived copy when it has one; a page
    cited twice (a verdict decided before services.adjudication cited each page once) once."""
    sources = distinct_by_url(sources, lambda source: source.url)
    if captures is None:
        captures = captures_of(sources)
    cited = []
    for source in sources:
        entry = {"url": source.url, "title": source.title, "stance": source.stance}
        capture = captures.get(source.url)
        if capture is not None and capture.captured_at and capture.status == "captured":
            entry["archived_url"] = desk_iri(request, reverse("source-archive", args=[source.pk]))
            entry["archived_at"] = capture.captured_at.isoformat()
        cited.append(entry)
    return cited


def annotation_document(
    request: HttpRequest, annotation: Annotation, captures: Captures | None = None
) -> dict[str, Any]:
    """`captures`: of the annotation's sources (captures_of), else read here."""
    article = annotation.article
    return w3c.annotation_w3c(
        id=desk_iri(request, reverse("api:annotation-w3c-detail", args=[annotation.pk])),
        creator_id=person_iri(request, annotation.reviewer_id),
        creator_name=annotation.reviewer.get_username(),
        created=annotation.created,
        modified=annotation.modified,
        source_url=article.source_url,
        article_iri=desk_iri(request, reverse("api:article-detail", args=[article.pk])),
        exact=annotation.exact,
        prefix=annotation.prefix,
        suffix=annotation.suffix,
        start=annotation.start,
        end=annotation.end,
        verdict_slug=annotation.verdict.slug,
        verdict_name=annotation.verdict.name,
        verdict_iri=label_iri(request, annotation.verdict.slug),
        rationale=annotation.rationale,
        sources=_cited(request, annotation.sources.all(), captures),
        kind=annotation.kind,
        speaker=annotation.speaker,
        source_date=annotation.revision.created if annotation.revision is not None else None,
    )


def verdict_document(
    request: HttpRequest, verdict: Verdict, captures: Captures | None = None
) -> dict[str, Any]:
    """`captures`: of the verdict's sources (captures_of), else read here."""
    unit, article = verdict.unit, verdict.unit.article
    text = selectors.unit_text(unit)
    return w3c.verdict_w3c(
        id=desk_iri(request, reverse("api:verdict-w3c-detail", args=[verdict.pk])),
        creator_id=desk_agent_iri(request),
        creator_name=settings.DESK_NAME,
        created=verdict.first_published_at or verdict.decided_at,
        modified=verdict.updated_at,
        source_url=article.source_url,
        article_iri=verdict_article_iri(request, article.pk, verdict.pk),
        exact=text[unit.start : unit.end],
        prefix=text[max(0, unit.start - 32) : unit.start],
        suffix=text[unit.end : unit.end + 32],
        start=unit.start,
        end=unit.end,
        label_slug=verdict.label.slug,
        label_name=verdict.label.name,
        label_iri=label_iri(request, verdict.label.slug),
        claim_reviewed=verdict.claim_reviewed,
        explanation=verdict.explanation,
        claimant=verdict.claimant,
        sources=_cited(request, verdict.sources.all(), captures),
        corrections=[{"note": c.note, "created": c.created} for c in verdict.corrections.all()],
        source_date=unit.revision.created if unit.revision is not None else None,
        language=verdict.language,
    )


def claim_review_documents(
    request: HttpRequest, verdicts: Sequence[Verdict], bounds: tuple[int, int]
) -> list[dict[str, Any]]:
    """Several verdicts' ClaimReviews, their claims' appearances, their sources' archived
    copies, their claimants' types and their labels' names in other languages each read in one
    go (a constant number of queries)."""
    prefetch_related_objects(list(verdicts), "label__translations")
    appearances = selectors.verdicts_claim_appearances(verdicts)
    captures = captures_of(source for verdict in verdicts for source in verdict.sources.all())
    types = claimant_types(verdicts)
    return [
        # An unlinked verdict's claim appears only in its own article: [] says so, where None
        # would read its appearances again, one query per verdict.
        claim_review_document(
            request,
            verdict,
            bounds,
            appearances=appearances.get(verdict.pk, []),
            captures=captures,
            claimant_type=types[verdict.pk],
        )
        for verdict in verdicts
    ]


def claim_review_document(
    request: HttpRequest,
    verdict: Verdict,
    bounds: tuple[int, int],
    *,
    appearances: Sequence[Appearance] | None = None,
    captures: Captures | None = None,
    claimant_type: str | None = None,
) -> dict[str, Any]:
    """The verdict's ClaimReview. `itemReviewed.appearance` lists every article where its
    claim appears (units linked "same" to the unit's claim), this article first;
    `appearances`, `captures` and `claimant_type` pass in what was read for many verdicts
    at once. `datePublished` is the day it was first published in the desk's time zone.

    The review is in the verdict's language (`inLanguage`: the editor's, else the one its
    text was detected in, else its article's; services.adjudication.verdict_language_of),
    and so is its rating's name (`alternateName`): the label's translation into that
    language, else its own name (selectors.labels; `label.translations` is read unless
    prefetched). A verdict without a language (its article had none) says none."""
    article = verdict.unit.article
    best, worst = bounds
    if appearances is None:
        appearances = selectors.verdicts_claim_appearances([verdict]).get(verdict.pk)
    if not appearances:
        own = selectors.article_appearance(article)
        appearances = [own] if own else []
    if claimant_type is None:
        claimant_type = claimant_types([verdict])[verdict.pk]
    # Only published verdicts get a ClaimReview, and publishing sets published_at.
    published = verdict.first_published_at or verdict.published_at
    assert published is not None
    return claimreview.claim_review(
        url=desk_iri(request, reverse("verdict-public", args=[verdict.pk])),
        claim_reviewed=verdict.claim_reviewed,
        rating_value=verdict.label.rating_value if verdict.label.is_ordinal else None,
        best_rating=best,
        worst_rating=worst,
        alternate_name=label_wording(verdict.label, verdict.language).name,
        author_name=settings.DESK_NAME,
        author_url=desk_home_iri(request),
        date_published=timezone.localdate(published),
        claimant=verdict.claimant,
        claimant_type="Organization" if claimant_type == "Organization" else "Person",
        appearances=appearances,
        claim_date=article.published_on,
        date_modified=verdict.updated_at,
        corrections=[{"note": c.note, "created": c.created} for c in verdict.corrections.all()],
        citations=_cited(request, verdict.sources.all(), captures),
        language=verdict.language,
        explanation=verdict.explanation,
    )
