"""Published verdicts as schema.org ClaimReview (JSON-LD), for fact-check pages and feeds.

Follows https://schema.org/ClaimReview and Google's fact-check markup guidance
(https://developers.google.com/search/docs/appearance/structured-data/factcheck): required
`claimReviewed`, `reviewRating` (with its `alternateName`, the verdict as readers see it) and
`url`; recommended `author` (the fact-checker, an Organization), `datePublished` and
`itemReviewed` (the Claim: its author, `datePublished`, `appearance`). Google has said it is
phasing ClaimReview out of Search results while its Fact Check Explorer keeps reading it; the
markup is plain schema.org either way.

Empty optional values are left out rather than sent as "" (validators flag empty strings, and
an empty author name is worse than none). No Django import: views pass plain values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

SCHEMA_ORG = "https://schema.org"

# Characters a JSON string may carry but an HTML <script> element may not (or that some
# parsers mishandle there): "</script" or "<!--" would end or derail the element; & is escaped
# with them as everyone does (Django's json_script, Rails' json_escape); U+2028/U+2029 ended
# JavaScript strings before ES2019.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def claim_review(
    *,
    url: str,
    claim_reviewed: str,
    rating_value: int | None,
    best_rating: int,
    worst_rating: int,
    alternate_name: str,
    author_name: str,
    author_url: str,
    date_published: dt.date | dt.datetime,
    claimant: str,
    appearance_urls: Sequence[str],
    claim_date: dt.date | None,
    date_modified: dt.datetime | None = None,
    corrections: Sequence[Mapping[str, Any]] = (),
    claimant_type: Literal["Person", "Organization"] = "Person",
    citations: Sequence[Mapping[str, str]] = (),
) -> dict[str, Any]:
    """One published verdict as a ClaimReview.

    `rating_value` None is a label outside the numeric scale (e.g. Unverifiable): the Rating
    then has only its `alternateName`, which Google's guidance allows, rather than a number
    that would place it on the scale. Otherwise worst_rating <= rating_value <= best_rating
    (the guidance's range, inclusive) and worst_rating < best_rating, or ValueError.

    `appearance_urls` are where the claim was seen (`itemReviewed.appearance`): the article
    checked first, then every other article the desk found stating the same claim; empty
    and repeated URLs are dropped. One is a single CreativeWork, several a list of them
    (schema.org properties take one value or many; JSON-LD reads both alike).

    The claimant becomes `itemReviewed.author`, typed by `claimant_type` (the desk records
    only a name; most claimants are people). `corrections` (`{"note", "created"}`, created an
    aware datetime or ISO 8601 string, optional) become `correction`s (a schema.org property
    of CreativeWork, still in its pending area) as CorrectionComments, so readers and crawlers
    see that the review changed and why.

    `citations` (`{"url", "title", "archived_url"}`, the last two optional) are the sources
    the verdict relied on: `citation` CreativeWorks, each with `archivedAt` (schema.org: a
    page involved in the archival of a CreativeWork) when the desk keeps a copy of it.
    """
    if not url:
        raise ValueError("a ClaimReview needs the URL of the fact check")
    if not claim_reviewed:
        raise ValueError("a ClaimReview needs the claim it reviewed")
    if not alternate_name:
        raise ValueError("a ClaimReview needs its rating's name (alternateName)")
    review: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed,
    }
    author = _without_empty({"name": author_name, "url": author_url})
    if author:
        review["author"] = {"@type": "Organization"} | author
    review["datePublished"] = _iso(date_published)
    if date_modified is not None:
        review["dateModified"] = _iso(date_modified)
    review["reviewRating"] = _rating(
        value=rating_value, best=best_rating, worst=worst_rating, name=alternate_name
    )
    claim: dict[str, Any] = {"@type": "Claim"}
    if claimant:
        claim["author"] = {"@type": claimant_type, "name": claimant}
    appearances = [
        {"@type": "CreativeWork", "url": url} for url in dict.fromkeys(appearance_urls) if url
    ]
    if appearances:
        claim["appearance"] = appearances[0] if len(appearances) == 1 else appearances
    if claim_date is not None:
        claim["datePublished"] = _iso(claim_date)
    review["itemReviewed"] = claim
    if corrections:
        review["correction"] = [_correction(correction) for correction in corrections]
    cited = [_citation(citation) for citation in citations if citation.get("url")]
    if cited:
        review["citation"] = cited
    return review


def _citation(citation: Mapping[str, str]) -> dict[str, Any]:
    return {"@type": "CreativeWork"} | _without_empty(
        {
            "url": citation["url"],
            "name": citation.get("title", ""),
            "archivedAt": citation.get("archived_url", ""),
        }
    )


def claim_review_feed(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Several ClaimReviews in one JSON-LD document: `{"@context", "@graph": [...]}`.

    A top-level @graph (JSON-LD 1.1, "Named Graphs") is what schema.org's validator and Google's
    structured-data parsers accept for several items in one document; a DataFeed would add a
    wrapper type and per-item dates that no consumer of the desk asks for. Items drop their
    own schema.org @context, which the document's applies to; any other context is kept.
    """
    return {
        "@context": SCHEMA_ORG,
        "@graph": [
            {key: value for key, value in item.items() if key != "@context"}
            if item.get("@context") == SCHEMA_ORG
            else item
            for item in items
        ],
    }


def json_ld_script(data: Mapping[str, Any]) -> str:
    """`data` as JSON for the body of `<script type="application/ld+json">`, safely.

    < > & U+2028 U+2029 are written as \\uXXXX escapes. They can only occur inside JSON
    strings, where the escape means the same character, so `json.loads` returns `data`
    unchanged, while the text contains no "<" at all: a claim reading
    `</script><script>alert(1)</script>` cannot close the element. The result may be
    marked safe and placed between the script tags as it is; it is not HTML-escaped
    (HTML entities are not decoded inside <script>). Non-ASCII text stays as UTF-8.
    """
    return json.dumps(data, ensure_ascii=False, allow_nan=False).translate(_SCRIPT_ESCAPES)


def _rating(*, value: int | None, best: int, worst: int, name: str) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    if value is not None:
        if not worst < best:
            raise ValueError(f"worst_rating {worst} must be below best_rating {best}")
        if not worst <= value <= best:
            raise ValueError(f"rating_value {value} is outside {worst}..{best}")
        rating |= {"ratingValue": value, "bestRating": best, "worstRating": worst}
    rating["alternateName"] = name
    return rating


def _correction(correction: Mapping[str, Any]) -> dict[str, Any]:
    note = correction.get("note", "")
    if not note:
        raise ValueError("a correction needs its note")
    comment: dict[str, Any] = {"@type": "CorrectionComment", "text": note}
    created = correction.get("created")
    if created:
        comment["datePublished"] = _iso(
            dt.datetime.fromisoformat(created) if isinstance(created, str) else created
        )
    return comment


def _iso(value: dt.date | dt.datetime) -> str:
    # datetime is a subclass of date, so it is tested first. schema.org Date / DateTime are
    # ISO 8601; a datetime needs its zone to be one instant, and is given in UTC.
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{value!r} has no timezone")
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _without_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in ("", None)}
