"""Writes for other fact-checkers' reviews: an import stores each ClaimReview read (by
`core/formats/claimreview_import.py`) as an ExternalFactCheck, deduplicated by URL, and gives it
a claim so the matcher finds it: the desk's claim with the same normalised text, else a new one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from annotations import fetching
from annotations.core.claims.normalise import normalise
from annotations.core.formats.claimreview_import import (
    ExternalCheck,
    ImportReport,
    Refusal,
    claimreviews_from_html,
    claimreviews_read,
)
from annotations.errors import DomainError
from annotations.models import Claim, ExternalFactCheck
from annotations.permissions import Permission, require
from annotations.selectors.claim_matching import claim_index
from annotations.services.articles import desk_page_fetch
from annotations.services.claims import claim_matching_fields_fill

# Rows written or looked up per statement: within every database's limit on parameters.
BATCH = 500
# What a ClaimReview feed may be served as, beside the pages the fetcher reads.
FEED_CONTENT_TYPES = fetching.ALLOWED_CONTENT_TYPES | {"application/json", "application/ld+json"}


@dataclass(frozen=True)
class FactCheckImport:
    """What an import did: the reviews stored, those already known (by URL, left as they were),
    and the items refused with their reasons."""

    created: int
    known: tuple[str, ...]
    refusals: tuple[Refusal, ...]
    items_read: int


def _batches(items: Sequence[ExternalCheck]) -> Iterator[Sequence[ExternalCheck]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _claims_for(checks: Sequence[ExternalCheck], importer: User | None) -> dict[str, Claim]:
    """A claim per normalised claim text: the desk's own where one states it word for word
    (after normalisation: the matcher's exact stage), else a new one, made with its history
    (each process's matching index follows the claims' history) and its matching fields, facts
    left to be extracted when first needed (~10 ms a claim would make a 100,000-item feed take
    half an hour)."""
    index = claim_index()
    wanted = {normalise(check.claim): check.claim for check in checks}
    known = {form: ids[0] for form, text in wanted.items() if (ids := index.exact_ids(text))}
    found = {normalise(claim.text): claim for claim in Claim.objects.filter(pk__in=known.values())}
    new = [
        Claim(text=text, created_by=importer) for form, text in wanted.items() if form not in found
    ]
    claim_matching_fields_fill(new, with_facts=False)
    for claim in bulk_create_with_history(new, Claim, batch_size=BATCH):
        found[claim.normalised] = claim
    return found


def fact_checks_store(*, report: ImportReport, importer: User | None) -> FactCheckImport:
    """Store the reviews of a read document. Each review is stored whole or not at all; one
    already imported (same URL) is left as it is. `importer` None: an operator's command."""
    if importer is not None:
        require(importer, Permission.Claim.IMPORT)
    checks = list(report.checks)
    with transaction.atomic():
        known: set[str] = set()
        for batch in _batches(checks):
            urls = [check.url for check in batch]
            known.update(
                ExternalFactCheck.objects.filter(url__in=urls).values_list("url", flat=True)
            )
        fresh = [check for check in checks if check.url not in known]
        claims = _claims_for(fresh, importer)
        rows = [
            ExternalFactCheck(
                publisher_name=check.publisher,
                publisher_url=check.publisher_url,
                url=check.url,
                claim_text=check.claim,
                claimant=check.claimant,
                rating_text=check.rating_text,
                rating_value=check.rating_value,
                best_rating=check.best,
                worst_rating=check.worst,
                date_published=check.date_published,
                language=check.language,
                appearances=list(check.appearances),
                imported_by=importer,
                claim=claims[normalise(check.claim)],
            )
            for check in fresh
        ]
        ExternalFactCheck.objects.bulk_create(rows, batch_size=BATCH)
    return FactCheckImport(
        created=len(rows),
        known=tuple(sorted(known)),
        refusals=report.refusals,
        items_read=report.items_read,
    )


def fact_checks_import_document(
    *, document: str | bytes | object, importer: User | None, base_url: str = ""
) -> FactCheckImport:
    """Import a ClaimReview JSON or JSON-LD document (text, bytes or parsed)."""
    return fact_checks_store(
        report=claimreviews_read(document, base_url=base_url), importer=importer
    )


def fact_checks_import_url(*, url: str, importer: User | None) -> FactCheckImport:
    """Import from a ClaimReview feed (JSON) or a fact-check page (its JSON-LD or microdata),
    fetched through the desk's fetcher and its address guard."""
    if importer is not None:
        require(importer, Permission.Claim.IMPORT)
    page = desk_page_fetch(url, content_types=FEED_CONTENT_TYPES)
    if page.content_type in {"application/json", "application/ld+json"}:
        report = claimreviews_read(page.content, base_url=page.url)
    elif page.content_type == "text/plain":
        raise DomainError(
            "The URL serves plain text, not a ClaimReview feed or page.",
            code="url_content_type",
            field="url",
        )
    else:
        report = claimreviews_from_html(page.content, page.url)
    return fact_checks_store(report=report, importer=importer)
