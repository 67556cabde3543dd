"""Reads: querysets scoped to what each user may see, and the data the pages need.

One module per sub-domain; everything is importable from here.
"""

from __future__ import annotations

from annotations.selectors.agreement import (
    ARTICLE_STATISTICS,
    DESK_STATISTICS,
    NOT_COMPUTED,
    article_agreement_payload,
    desk_agreement_payload,
    desk_agreement_stale,
)
from annotations.selectors.articles import (
    AnchoredAnnotations,
    annotations_anchor,
    annotations_visible_to,
    articles_visible_to,
    articles_with_progress,
    latest_revision_number,
    review_status,
    revision_latest,
    revisions_latest,
    verdict_labels,
    verdict_labels_translated,
)
from annotations.selectors.assignments import (
    article_assignees,
    articles_with_free_seats,
    assignments_of,
)
from annotations.selectors.claim_changes import (
    ClaimChanged,
    claim_changed,
    units_with_changed_claims,
    with_claim_change,
)
from annotations.selectors.claim_matching import (
    SimilarClaim,
    claim_index,
    claims_similar,
    claims_similar_many,
    match_thresholds,
)
from annotations.selectors.claims import (
    ClaimDetail,
    ClaimUnitLinked,
    article_appearance,
    claim_appearances,
    claim_detail,
    claim_links,
    claim_verdict,
    claims_visible_to,
    fact_checks_visible_to,
    verdicts_claim_appearances,
)
from annotations.selectors.fast_lane import (
    FastLaneRules,
    fast_lane_count,
    fast_lane_rules,
    units_ready,
)
from annotations.selectors.people import person_key, person_readable
from annotations.selectors.queue import (
    review_queue,
    review_queue_counts,
    review_queue_filter_choices,
)
from annotations.selectors.search import (
    SearchFilters,
    SearchResult,
    SearchResults,
    search,
)
from annotations.selectors.units import (
    reviewer_aliases,
    unit_for_adjudication,
    unit_passage_as_checked,
    unit_text,
    unit_verdict_counts,
    units_mergeable_with,
    with_passage,
)
from annotations.selectors.verdicts import (
    verdicts_feed,
    verdicts_published,
    verdicts_published_changed_last,
    verdicts_visible_to,
)

__all__ = [
    "FastLaneRules",
    "fast_lane_count",
    "fast_lane_rules",
    "units_ready",
    "SearchFilters",
    "SearchResult",
    "SearchResults",
    "search",
    "SimilarClaim",
    "claim_index",
    "claims_similar",
    "claims_similar_many",
    "match_thresholds",
    "ClaimDetail",
    "ClaimUnitLinked",
    "article_appearance",
    "verdicts_claim_appearances",
    "claim_appearances",
    "claim_detail",
    "claim_links",
    "claim_verdict",
    "claims_visible_to",
    "fact_checks_visible_to",
    "ARTICLE_STATISTICS",
    "ClaimChanged",
    "claim_changed",
    "units_with_changed_claims",
    "with_claim_change",
    "AnchoredAnnotations",
    "DESK_STATISTICS",
    "NOT_COMPUTED",
    "annotations_anchor",
    "latest_revision_number",
    "revision_latest",
    "revisions_latest",
    "annotations_visible_to",
    "article_agreement_payload",
    "article_assignees",
    "articles_visible_to",
    "articles_with_free_seats",
    "articles_with_progress",
    "assignments_of",
    "desk_agreement_payload",
    "desk_agreement_stale",
    "review_queue",
    "unit_text",
    "review_queue_counts",
    "review_queue_filter_choices",
    "review_status",
    "unit_for_adjudication",
    "unit_verdict_counts",
    "units_mergeable_with",
    "verdict_labels",
    "verdict_labels_translated",
    "verdicts_feed",
    "verdicts_published",
    "verdicts_published_changed_last",
    "verdicts_visible_to",
    "with_passage",
    "reviewer_aliases",
    "unit_passage_as_checked",
    "person_key",
    "person_readable",
]
