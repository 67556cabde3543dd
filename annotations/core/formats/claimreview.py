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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

SCHEMA_ORG = "https://schema.org"
# schema.org's ratingExplanation is "a short explanation (e.g. one to two sentences)": the
# verdict's explanation up to this many characters, cut at a sentence or word end.
EXPLANATION_MAX = 300
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class Appearance:
    """A work where the claim appeared: its address, and what the desk knows of it (the
    article's title, publisher and publication date; empty or None when unknown)."""

    url: str
    headline: str = ""
    publisher: str = ""
    date_published: dt.date | None = None


def first_appearance(appearances: Sequence[Appearance]) -> Appearance | None:
    """The appearance published first (by date; the first listed among those of the same or
    no date), or None for none: ClaimReview's `firstAppearance`."""
    if not appearances:
        return None
    dated = [a for a in appearances if a.date_published is not None]
    if not dated:
        return appearances[0]
    return min(dated, key=lambda a: a.date_published or dt.date.max)


def explanation_short(text: str, limit: int = EXPLANATION_MAX) -> str:
    """`text` as plain text of at most `limit` characters: whitespace collapsed, the whole
    sentences that fit, or (when the first sentence alone is longer) cut at the last word end
    before `limit` with an ellipsis. "" stays ""."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}" if kept else sentence
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


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
    date_published: dt.date,
    claimant: str,
    appearances: Sequence[Appearance],
    claim_date: dt.date | None,
    date_modified: dt.datetime | None = None,
    corrections: Sequence[Mapping[str, Any]] = (),
    claimant_type: Literal["Person", "Organization"] = "Person",
    citations: Sequence[Mapping[str, str]] = (),
    language: str = "",
    explanation: str = "",
) -> dict[str, Any]:
    """One published verdict as a ClaimReview.

    `rating_value` None is a label outside the numeric scale (e.g. Unverifiable): the Rating
    then has only its `alternateName`, which Google's guidance allows, rather than a number
    that would place it on the scale. Otherwise worst_rating <= rating_value <= best_rating
    (the guidance's range, inclusive) and worst_rating < best_rating, or ValueError.

    `date_published` is a date, as Google's guidance asks (a datetime is refused: the caller
    decides in which time zone the day is counted). `appearances` are where the claim was
    seen (`itemReviewed.appearance`): the article checked first, then every other article
    the desk found stating the same claim, each a CreativeWork with its `headline`,
    `publisher` (an Organization) and `datePublished` when known; empty and repeated URLs
    are dropped. One is a single CreativeWork, several a list of them (schema.org properties
    take one value or many; JSON-LD reads both alike). `firstAppearance` is the earliest
    published of them (first_appearance). `language` (a BCP 47 tag, the article's) is the
    review's `inLanguage`, and `alternate_name` the rating's name in that language (the
    caller's choice: the label's translation, else its own name); `explanation` the rating's
    `ratingExplanation`, shortened (explanation_short).

    The claimant becomes `itemReviewed.author`, typed by `claimant_type` (Person or
    Organization, as the editor or the desk's list of claimants says). `corrections`
    (`{"note", "created"}`, created an aware datetime or ISO 8601 string, optional) become
    `correction`s (a schema.org property of CreativeWork, still in its pending area) as
    CorrectionComments, so readers and crawlers see that the review changed and why.

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
    if isinstance(date_published, dt.datetime):
        raise ValueError("datePublished is a date: pass the day the review was published")
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
    if language:
        review["inLanguage"] = language
    review["reviewRating"] = _rating(
        value=rating_value, best=best_rating, worst=worst_rating, name=alternate_name
    )
    short = explanation_short(explanation)
    if short:
        review["reviewRating"]["ratingExplanation"] = short
    claim: dict[str, Any] = {"@type": "Claim"}
    if claimant:
        claim["author"] = {"@type": claimant_type, "name": claimant}
    firsts: dict[str, Appearance] = {}
    for appearance in appearances:
        if appearance.url:
            firsts.setdefault(appearance.url, appearance)
    seen = list(firsts.values())
    works = [_work(appearance) for appearance in seen]
    if works:
        claim["appearance"] = works[0] if len(works) == 1 else works
        first = first_appearance(seen)
        assert first is not None
        claim["firstAppearance"] = _work(first)
    if claim_date is not None:
        claim["datePublished"] = _iso(claim_date)
    review["itemReviewed"] = claim
    if corrections:
        review["correction"] = [_correction(correction) for correction in corrections]
    cited = [_citation(citation) for citation in citations if citation.get("url")]
    if cited:
        review["citation"] = cited
    return review


def _work(appearance: Appearance) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": appearance.url}
    if appearance.headline:
        work["headline"] = appearance.headline
    if appearance.publisher:
        work["publisher"] = {"@type": "Organization", "name": appearance.publisher}
    if appearance.date_published is not None:
        work["datePublished"] = _iso(appearance.date_published)
    return work


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
    structured-data parsers accept for several items in one document (the desk's first feed,
    kept for its readers; feed readers that want per-item dates read claim_review_data_feed).
    Items drop their own schema.org @context, which the document's applies to; any other
    context is kept.
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


def claim_review_data_feed(
    items: Sequence[Mapping[str, Any]], *, url: str, name: str, date_modified: dt.datetime | None
) -> dict[str, Any]:
    """ClaimReviews as a schema.org DataFeed, the shape feed readers such as Meedan's Fetch
    and Google's Fact Check tools take: each review a DataFeedItem (`item`) with the
    review's own `dateModified` (else its `datePublished`), so that a reader syncing the feed
    sees which items changed. `date_modified`: the feed's, its latest item's (None: left
    out, an empty feed). Items drop their own schema.org @context, which the feed's covers.
    """
    elements = []
    for item in items:
        review = {key: value for key, value in item.items() if key != "@context"}
        element: dict[str, Any] = {"@type": "DataFeedItem"}
        changed = review.get("dateModified") or review.get("datePublished")
        if changed:
            element["dateModified"] = changed
        element["item"] = review
        elements.append(element)
    feed: dict[str, Any] = {"@context": SCHEMA_ORG, "@type": "DataFeed", "url": url, "name": name}
    if date_modified is not None:
        feed["dateModified"] = _iso(date_modified)
    feed["dataFeedElement"] = elements
    return feed


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
