"""Writes for other fact-checkers' reviews: an import stores each ClaimReview read (by
`core/formats/claimreview_import.py`) as an ExternalFactCheck, deduplicated by URL, and gives it
a claim so the matcher finds it: the desk's claim with the same normalised text, else the claim
the matcher finds to be the same claim (the desk's "same" threshold, no differing fact), else a
new one. Editors move a review to a differently worded claim with `fact_check_link`, and back
to a claim of its own wording with `fact_check_unlink`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from annotations import fetching
from annotations.core.claims.consistency import MatchDifference, claims_differences
from annotations.core.claims.matching import ClaimIndex, claims_match
from annotations.core.claims.normalise import normalise, numbers_normalised
from annotations.core.formats.claimreview_import import (
    ExternalCheck,
    ImportReport,
    Refusal,
    claimreviews_from_html,
    claimreviews_read,
)
from annotations.core.languages import claim_language
from annotations.errors import DomainError
from annotations.models import Claim, DeskSettings, ExternalFactCheck
from annotations.permissions import Permission, require
from annotations.selectors.claim_matching import claim_index
from annotations.services.articles import desk_page_fetch
from annotations.services.claims import claim_matching_fields_fill

# Rows written or looked up per statement: within every database's limit on parameters.
BATCH = 500
# What a ClaimReview feed may be served as, beside the pages the fetcher reads.
FEED_CONTENT_TYPES = fetching.ALLOWED_CONTENT_TYPES | {"application/json", "application/ld+json"}
JSON_CONTENT_TYPES = {"application/json", "application/ld+json"}
# How many claim texts of one import go through the whole matcher (10-50 ms each) when no claim
# states them word for word; the others of a bigger feed get the exact stage only, so a feed of
# 100,000 reviews imports in seconds rather than an hour.
MATCHED_AT_IMPORT = 500
# An upload's file names, by what it holds.
JSON_SUFFIXES = (".json", ".jsonld", ".json-ld")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class ClaimFound:
    """How an imported review got its claim: `stage` "exact" (same text once normalised),
    "lexical" or "semantic" (the matcher's same claim, with its score), or "new"."""

    claim: Claim
    stage: str
    score: float | None = None


@dataclass(frozen=True)
class ImportedCheck:
    """One review stored by an import, and the claim it was put under."""

    url: str
    publisher: str
    rating: str
    claim_id: int
    claim_text: str
    stage: str
    score: float | None


@dataclass(frozen=True)
class FactCheckImport:
    """What an import did: the reviews stored (each with the claim it went to and how it was
    found), those already known (by URL, left as they were), and the items refused with their
    reasons."""

    created: int
    known: tuple[str, ...]
    refusals: tuple[Refusal, ...]
    items_read: int
    imported: tuple[ImportedCheck, ...] = ()


def _batches(items: Sequence[ExternalCheck]) -> Iterator[Sequence[ExternalCheck]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _same_claim(text: str, index: ClaimIndex, desk: DeskSettings) -> ClaimFound | None:
    """The claim the matcher takes `text` to state, at the desk's thresholds: the best match
    that is "same claim" (no differing fact), or None."""
    matches = claims_match(
        text,
        index,
        upper=desk.match_same_threshold,
        lower=desk.match_related_threshold,
        limit=3,
    )
    best = next((match for match in matches if match.same_claim), None)
    if best is None:
        return None
    return ClaimFound(Claim(pk=best.claim_id, text=best.text), best.stage, best.score)


def _claims_for(checks: Sequence[ExternalCheck], importer: User | None) -> dict[str, ClaimFound]:
    """A claim per normalised claim text: the desk's own where one states it word for word
    (after normalisation: the matcher's exact stage), else the one the matcher finds to be the
    same claim (for the first MATCHED_AT_IMPORT texts), else a new one, made with its history
    (the matcher's index follows the claims' history). Reviews of one import that state one
    claim in other words get one claim each: the new claims are not in the index yet. New
    claims carry their matching fields, facts left to be extracted when first needed (~10 ms a
    claim would make a 100,000-item feed take half an hour)."""
    index = claim_index()
    desk = DeskSettings.load()
    wanted = {normalise(check.claim): check.claim for check in checks}
    languages = {normalise(check.claim): check.language for check in checks}
    known = {form: ids[0] for form, text in wanted.items() if (ids := index.exact_ids(text))}
    by_id = Claim.objects.in_bulk(known.values())
    found = {form: ClaimFound(by_id[pk], "exact", 1.0) for form, pk in known.items()}
    unmatched = [form for form in wanted if form not in found]
    for form in unmatched[:MATCHED_AT_IMPORT]:
        same = _same_claim(wanted[form], index, desk)
        if same is not None:
            found[form] = same
    new = [
        Claim(
            text=text,
            language=claim_language(text, inherited=languages[form]),
            created_by=importer,
        )
        for form, text in wanted.items()
        if form not in found
    ]
    claim_matching_fields_fill(new, with_facts=False)
    for claim in bulk_create_with_history(new, Claim, batch_size=BATCH):
        found[claim.normalised] = ClaimFound(claim, "new")
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
                claim=claims[normalise(check.claim)].claim,
            )
            for check in fresh
        ]
        ExternalFactCheck.objects.bulk_create(rows, batch_size=BATCH)
    imported = []
    for check in fresh:
        how = claims[normalise(check.claim)]
        imported.append(
            ImportedCheck(
                url=check.url,
                publisher=check.publisher,
                rating=check.rating_text,
                claim_id=how.claim.pk,
                claim_text=how.claim.text,
                stage=how.stage,
                score=how.score,
            )
        )
    return FactCheckImport(
        created=len(rows),
        known=tuple(sorted(known)),
        refusals=report.refusals,
        items_read=report.items_read,
        imported=tuple(imported),
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
    if page.content_type in JSON_CONTENT_TYPES:
        report = claimreviews_read(page.content, base_url=page.url)
    elif page.content_type == "text/plain":
        raise DomainError(
            gettext("The URL serves plain text, not a ClaimReview feed or page."),
            code="url_content_type",
            field="url",
        )
    else:
        report = claimreviews_from_html(page.content, page.url)
    return fact_checks_store(report=report, importer=importer)


def _text_of(content: bytes) -> str:
    if b"\x00" in content[:8192]:
        raise DomainError(
            gettext("The file is binary, not JSON or HTML."), code="upload_not_text", field="file"
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            gettext("The file is not valid UTF-8 text."), code="upload_not_text", field="file"
        ) from None


def fact_checks_import_upload(
    *, name: str, content: bytes, importer: User | None, base_url: str = ""
) -> FactCheckImport:
    """Import an uploaded ClaimReview document (.json, .jsonld) or a saved fact-check page
    (.html), at most the size the desk fetches (ARTICLE_FETCH_MAX_BYTES). `base_url` resolves
    relative URLs (a saved page's reviews without a URL are the page itself)."""
    if importer is not None:
        require(importer, Permission.Claim.IMPORT)
    if len(content) > settings.ARTICLE_FETCH_MAX_BYTES:
        raise DomainError(
            gettext("The file is too large to import."), code="upload_too_large", field="file"
        )
    lowered = name.lower()
    if lowered.endswith(JSON_SUFFIXES):
        report = claimreviews_read(_text_of(content), base_url=base_url)
    elif lowered.endswith(HTML_SUFFIXES):
        report = claimreviews_from_html(_text_of(content), base_url)
    else:
        raise DomainError(
            gettext("Upload a .json, .jsonld or .html file."),
            code="upload_unsupported_type",
            field="file",
        )
    return fact_checks_store(report=report, importer=importer)


def fact_checks_import_pasted(
    *, text: str, importer: User | None, base_url: str = ""
) -> FactCheckImport:
    """Import a pasted document: a fact-check page's HTML when it starts with "<", else
    ClaimReview JSON or JSON-LD."""
    if importer is not None:
        require(importer, Permission.Claim.IMPORT)
    if len(text.encode()) > settings.ARTICLE_FETCH_MAX_BYTES:
        raise DomainError(
            gettext("The document is too large to import."), code="document_too_large", field="text"
        )
    if text.lstrip().startswith("<"):
        report = claimreviews_from_html(text, base_url)
    else:
        report = claimreviews_read(text, base_url=base_url)
    return fact_checks_store(report=report, importer=importer)


def _claim_of_own_wording(fact_check: ExternalFactCheck, editor: User) -> Claim:
    """The claim that states the review's claim word for word once normalised, made (with its
    history) if the desk has none."""
    ids = claim_index().exact_ids(fact_check.claim_text)
    found = Claim.objects.filter(pk__in=ids).order_by("pk").first() if ids else None
    if found is not None:
        return found
    claim = Claim(
        text=fact_check.claim_text,
        language=claim_language(fact_check.claim_text, inherited=fact_check.language),
        created_by=editor,
    )
    claim._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
    claim.save()
    return claim


def _fact_check_locked(fact_check: ExternalFactCheck) -> ExternalFactCheck:
    found = ExternalFactCheck.objects.select_for_update().filter(pk=fact_check.pk).first()
    if found is None:
        raise DomainError(
            gettext("This fact-check no longer exists."), code="fact_check_gone", status=404
        )
    return found


def fact_check_differences(claim_text: str, review_text: str) -> list[MatchDifference]:
    """What differs in fact between a desk claim and a review's wording (the matcher's check:
    numbers, dates, names, directions, a replaced term); none when they are worded alike."""
    if normalise(claim_text) == normalise(review_text):
        return []
    return claims_differences(numbers_normalised(claim_text), numbers_normalised(review_text))


def fact_check_link(
    *,
    fact_check: ExternalFactCheck,
    claim: Claim,
    editor: User,
    differences_confirmed: bool = False,
) -> ExternalFactCheck:
    """Put another fact-checker's review under a desk claim that states it in other words: the
    matcher then shows the review with that claim. The claim the import gave it stays, even if
    nothing else points to it (claims are never deleted). Linking it where it is changes
    nothing.

    A claim whose facts differ from the review's ("differs in number: 2000 / 3000") is linked
    only with `differences_confirmed`: the editor has checked it is the same claim despite the
    difference (else a 400 on `differences_confirmed`, code `differences_unconfirmed`)."""
    require(editor, Permission.Claim.LINK, fact_check)
    with transaction.atomic():
        checked = _fact_check_locked(fact_check)
        target = Claim.objects.filter(pk=claim.pk).only("text").first() if claim.pk else None
        if target is None:
            raise DomainError(
                gettext("There is no such claim."), code="claim_unknown", field="claim"
            )
        differences = fact_check_differences(target.text, checked.claim_text)
        if checked.claim_id != claim.pk and differences and not differences_confirmed:
            named = "; ".join(
                f"{d.kind}: {d.old or gettext('not stated')} / {d.new}" for d in differences
            )
            raise DomainError(
                gettext(
                    "This claim differs from the review in fact (%(differences)s). Tick the box "
                    "if you have checked it is the same claim despite the difference."
                )
                % {"differences": named},
                code="differences_unconfirmed",
                field="differences_confirmed",
            )
        if checked.claim_id != claim.pk:
            checked.claim_id = claim.pk
            checked.save(update_fields=["claim"])
    return checked


def fact_check_unlink(*, fact_check: ExternalFactCheck, editor: User) -> ExternalFactCheck:
    """Take the review away from a differently worded claim, back to a claim of its own wording
    (the desk's, or a new one), as an import would have placed it without the matcher. 409
    `not_linked` when it is already under a claim of its own wording."""
    require(editor, Permission.Claim.LINK, fact_check)
    with transaction.atomic():
        checked = _fact_check_locked(fact_check)
        current = checked.claim
        if current is not None and normalise(current.text) == normalise(checked.claim_text):
            raise DomainError(
                gettext("This fact-check is already under a claim of its own wording."),
                code="not_linked",
                status=409,
            )
        checked.claim = _claim_of_own_wording(checked, editor)
        checked.save(update_fields=["claim"])
    return checked
