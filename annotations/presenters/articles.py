"""The article page as its script reads it: the JSON embedded in the page (the article, the user,
their review, the scale, the highlights in the API's shape, an orphan to re-attach, the
claims that changed under their verdicts and the desk's suggestions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from django.http import HttpRequest
from django.urls import reverse

from annotations import selectors
from annotations.core.anchoring.similarity import REATTACH_CONFIRM_BELOW
from annotations.models import AnnotationAnchor, Article, ClaimUnit, VerdictLabel
from annotations.permissions import Permission, can
from annotations.presenters.annotations import AnnotationSerializer, evidence_context
from annotations.presenters.revisions import RevisionChoice
from annotations.presenters.suggestions import article_suggestions_present
from annotations.selectors.claim_changes import ClaimChanged, differences_summary
from annotations.selectors.labels import label_wording
from annotations.selectors.suggestions import article_suggestions


def _reattach_page_data(request: HttpRequest, anchor: AnnotationAnchor) -> dict[str, object]:
    highlight = anchor.annotation
    return {
        "id": anchor.pk,
        "annotation": highlight.pk,
        "url": reverse("api:orphan-reattach", args=[anchor.pk]),
        "list_url": reverse("reattach-list"),
        "exact": highlight.exact,
        # Below this share of words in common with `exact`, re-attaching asks first.
        "confirm_below": REATTACH_CONFIRM_BELOW,
        "verdict": label_wording(highlight.verdict).name,
        "is_own": highlight.reviewer_id == request.user.pk,
        "reviewer": highlight.reviewer.get_username(),
    }


def article_page_data(
    request: HttpRequest,
    *,
    article: Article,
    choice: RevisionChoice,
    labels: Sequence[VerdictLabel],
    can_annotate: bool,
    is_editor: bool,
    orphan: AnnotationAnchor | None,
    claim_changes: Sequence[tuple[ClaimUnit, ClaimChanged, list[int]]],
) -> dict[str, Any]:
    """What the article page's script starts from, for the revision `choice` shows."""
    annotations = list(selectors.annotations_visible_to(request.user).filter(article=article))
    anchors = selectors.annotations_anchor(annotations, revisions={article.pk: choice.shown})
    evidence = evidence_context(s for a in annotations for s in a.sources.all())
    serialized = AnnotationSerializer(
        annotations, many=True, context={"request": request, "anchors": anchors, **evidence}
    ).data
    page_data = {
        "article": {"id": article.pk, "title": article.title, "revision": choice.shown.number},
        "user": {
            "username": request.user.get_username(),
            # New highlights go on the latest revision only: offsets refer to the text shown.
            "can_annotate": can_annotate and choice.is_latest,
            # The editors' view of the page: every reviewer's highlights, a new version.
            "is_editor": is_editor,
        },
        "review": {
            "status": selectors.review_status(article=article, user=request.user),
            "submit_url": reverse("api:article-submit", args=[article.pk]),
        },
        "labels": [_label_data(label) for label in labels],
        "annotations_url": reverse("api:annotation-list"),
        "annotations": serialized,
    }
    if can(request.user, Permission.Claim.READ):
        # The annotation panel's "Checked before" list (published verdicts only: blind review).
        page_data["claims_similar_url"] = reverse("api:claims-similar")
    if choice.is_latest and can(request.user, Permission.Suggestion.READ, article):
        # Suggestions are computed on the latest revision only; an earlier one shows none.
        # A fixed number of queries whatever their number (see the selector).
        page_data["suggestions"] = article_suggestions_present(
            article_suggestions(request.user, article)
        )
    if orphan is not None:
        page_data["reattach"] = _reattach_page_data(request, orphan)
    page_data["claim_changes"] = {
        str(annotation_id): differences_summary(change)
        for _, change, members in claim_changes
        for annotation_id in members
    }
    return page_data


class ExistingArticle(TypedDict):
    id: int
    title: str
    source_url: str
    url: str
    page: str
    matched: str


class DuplicateRefusal(TypedDict):
    detail: str
    code: str
    existing: ExistingArticle


def article_duplicate_present(
    existing: Article, *, matched: str, detail: str, code: str
) -> DuplicateRefusal:
    """The API's 409 for an import the desk already has (services.articles.ArticleDuplicate):
    the refusal and the article it has."""
    return DuplicateRefusal(
        detail=detail,
        code=code,
        existing=ExistingArticle(
            id=existing.pk,
            title=existing.title,
            source_url=existing.source_url,
            url=reverse("api:article-detail", args=[existing.pk]),
            page=reverse("article-detail", args=[existing.pk]),
            matched=matched,
        ),
    )


def _label_data(label: VerdictLabel) -> dict[str, Any]:
    """A label of the scale as the page's scripts read it, named in the reader's language."""
    words = label_wording(label)
    return {
        "slug": label.slug,
        "name": words.name,
        "description": words.description,
        "colour": label.colour,
        "is_ordinal": label.is_ordinal,
    }
