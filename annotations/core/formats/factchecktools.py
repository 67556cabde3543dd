"""A ClaimReview (as core.formats.claimreview builds it) in the shape of Google's Fact Check
Tools API, for desks that push their fact checks through it (`pages.create` takes a
`ClaimReviewMarkupPage`; https://developers.google.com/fact-check/tools/api/reference/rest/v1alpha1/pages).
The desk only writes the documents; sending them (with the desk's own OAuth credentials) is
the operator's. No Django import.

The mapping, field by field as the API documents it:

- `pageUrl`: the review's `url` (the verdict's public page); `publishDate`: its
  `datePublished` (YYYY-MM-DD); `claimReviewAuthor`: the review's `author` (`name`, and
  `imageUrl` when the desk has a logo);
- one `claimReviewMarkups` entry per review: `claimReviewed`, `url`, `claimDate`
  (`itemReviewed.datePublished`), `claimAuthor` (`itemReviewed.author`: `name`, and the
  optional `jobTitle`, `imageUrl`), `claimFirstAppearance` (`itemReviewed.firstAppearance`'s
  url) and `claimAppearances` (the other appearances' urls: the API lists them "aside from
  the one specified in claim_first_appearance");
- `rating`: `textualRating` (the Rating's `alternateName`), `ratingValue`, `bestRating`,
  `worstRating` (integers, left out for a label off the numeric scale) and
  `ratingExplanation`.

`name` and `versionId` are the API's output; they are never written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _without_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in ("", None, [], {})}


def claim_review_markup_page(
    review: Mapping[str, Any],
    *,
    author_image_url: str = "",
    claimant_job_title: str = "",
    claimant_image_url: str = "",
) -> dict[str, Any]:
    """`review` (one ClaimReview document) as a ClaimReviewMarkupPage; ValueError when it lacks
    what the API requires of a markup (its url, claimReviewed and rating text)."""
    url = review.get("url")
    claim_reviewed = review.get("claimReviewed")
    rating = review.get("reviewRating") or {}
    if not url or not claim_reviewed or not rating.get("alternateName"):
        raise ValueError("a ClaimReview markup needs its url, claimReviewed and rating text")
    claim = review.get("itemReviewed") or {}
    first = (claim.get("firstAppearance") or {}).get("url", "")
    appearances = [work.get("url", "") for work in _as_list(claim.get("appearance"))]
    author = claim.get("author") or {}
    markup = _without_empty(
        {
            "claimReviewed": claim_reviewed,
            "claimDate": claim.get("datePublished", ""),
            "claimAuthor": _without_empty(
                {
                    "name": author.get("name", ""),
                    "jobTitle": claimant_job_title,
                    "imageUrl": claimant_image_url,
                }
            ),
            "claimFirstAppearance": first,
            "claimAppearances": [link for link in appearances if link and link != first],
            "rating": _without_empty(
                {
                    "textualRating": rating["alternateName"],
                    "ratingValue": rating.get("ratingValue"),
                    "bestRating": rating.get("bestRating"),
                    "worstRating": rating.get("worstRating"),
                    "ratingExplanation": rating.get("ratingExplanation", ""),
                }
            ),
            "url": url,
        }
    )
    desk = review.get("author") or {}
    return _without_empty(
        {
            "pageUrl": url,
            "publishDate": review.get("datePublished", ""),
            "claimReviewAuthor": _without_empty(
                {"name": desk.get("name", ""), "imageUrl": author_image_url}
            ),
            "claimReviewMarkups": [markup],
        }
    )
