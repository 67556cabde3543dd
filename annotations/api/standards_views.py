"""Highlights and verdicts in the two standards: W3C Web Annotation collections and
schema.org ClaimReview. Thin views: selectors read, annotations.exports formats."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import selectors
from annotations.api.query import QueryIntegerField, StrictQueryParameters
from annotations.core.formats import claimreview, w3c
from annotations.models import Annotation, Verdict, VerdictLabel
from annotations.permissions import Permission

PAGE_SIZE = 100
PAGE = OpenApiParameter(
    "page", {"type": "integer", "minimum": 1}, description="A page of the collection."
)


class PageQuerySerializer(serializers.Serializer):
    page = QueryIntegerField(min_value=1, required=False)


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _label_iri(slug: str) -> str:
    return f"{settings.DESK_URL.rstrip('/')}/scale#{slug}"


def annotation_document(request: HttpRequest, annotation: Annotation) -> dict[str, Any]:
    article = annotation.article
    return w3c.annotation_w3c(
        id=_absolute(request, reverse("api:annotation-detail", args=[annotation.pk])),
        creator_id=_absolute(request, f"/api/v1/reviewers/{annotation.reviewer_id}"),
        creator_name=annotation.reviewer.get_username(),
        created=annotation.created,
        modified=annotation.modified,
        source_url=article.source_url,
        article_iri=_absolute(request, reverse("api:article-detail", args=[article.pk])),
        exact=annotation.exact,
        prefix=annotation.prefix,
        suffix=annotation.suffix,
        start=annotation.start,
        end=annotation.end,
        verdict_slug=annotation.verdict.slug,
        verdict_name=annotation.verdict.name,
        verdict_iri=_label_iri(annotation.verdict.slug),
        rationale=annotation.rationale,
        sources=[
            {"url": s.url, "title": s.title, "stance": s.stance} for s in annotation.sources.all()
        ],
        kind=annotation.kind,
        speaker=annotation.speaker,
        source_date=annotation.revision.created if annotation.revision is not None else None,
    )


def verdict_document(request: HttpRequest, verdict: Verdict) -> dict[str, Any]:
    unit, article = verdict.unit, verdict.unit.article
    text = selectors.unit_text(unit)
    return w3c.verdict_w3c(
        id=_absolute(request, reverse("api:verdict-detail", args=[verdict.pk])),
        creator_id=settings.DESK_URL,
        creator_name=settings.DESK_NAME,
        created=verdict.first_published_at or verdict.decided_at,
        modified=verdict.updated_at,
        source_url=article.source_url,
        article_iri=_absolute(request, reverse("api:article-detail", args=[article.pk])),
        exact=text[unit.start : unit.end],
        prefix=text[max(0, unit.start - 32) : unit.start],
        suffix=text[unit.end : unit.end + 32],
        start=unit.start,
        end=unit.end,
        label_slug=verdict.label.slug,
        label_name=verdict.label.name,
        label_iri=_label_iri(verdict.label.slug),
        claim_reviewed=verdict.claim_reviewed,
        explanation=verdict.explanation,
        claimant=verdict.claimant,
        sources=[
            {"url": s.url, "title": s.title, "stance": s.stance} for s in verdict.sources.all()
        ],
        corrections=[{"note": c.note, "created": c.created} for c in verdict.corrections.all()],
        source_date=unit.revision.created if unit.revision is not None else None,
    )


def rating_bounds() -> tuple[int, int]:
    values = [
        value
        for value in VerdictLabel.objects.filter(is_ordinal=True).values_list(
            "rating_value", flat=True
        )
        if value is not None
    ]
    return (max(values), min(values)) if values else (1, 0)


def claim_review_document(
    request: HttpRequest, verdict: Verdict, bounds: tuple[int, int]
) -> dict[str, Any]:
    article = verdict.unit.article
    best, worst = bounds
    return claimreview.claim_review(
        url=_absolute(request, reverse("verdict-public", args=[verdict.pk])),
        claim_reviewed=verdict.claim_reviewed,
        rating_value=verdict.label.rating_value if verdict.label.is_ordinal else None,
        best_rating=best,
        worst_rating=worst,
        alternate_name=verdict.label.name,
        author_name=settings.DESK_NAME,
        author_url=settings.DESK_URL,
        # Only published verdicts get a ClaimReview, and publishing sets published_at.
        date_published=verdict.first_published_at or verdict.published_at,  # type: ignore[arg-type]
        claimant=verdict.claimant,
        appearance_url=article.source_url,
        claim_date=article.published_on,
        date_modified=verdict.updated_at,
        corrections=[{"note": c.note, "created": c.created} for c in verdict.corrections.all()],
    )


class _W3CCollection(StrictQueryParameters, APIView):
    """A collection of W3C annotations, 100 per page: without ?page the collection itself,
    with its first page embedded; with ?page=N that page, linked to the next and previous."""

    label = ""
    route = ""
    query_serializer_class = PageQuerySerializer

    def items(self, request: Request) -> QuerySet[Any]:
        raise NotImplementedError

    def document(self, request: Request, item: Any) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = Paginator(self.items(request), PAGE_SIZE)
        collection_id = _absolute(request, reverse(self.route))

        def page_id(number: int) -> str:
            return f"{collection_id}?page={number}"

        def page_document(number: int) -> dict[str, Any]:
            try:
                page = paginator.page(number)
            except EmptyPage:
                raise NotFound("No such page.") from None
            return w3c.annotation_page(
                id=page_id(number),
                part_of=collection_id,
                items=[self.document(request, item) for item in page.object_list],
                start_index=page.start_index() - 1 if paginator.count else 0,
                next=page_id(number + 1) if page.has_next() else None,
                prev=page_id(number - 1) if page.has_previous() else None,
                total=paginator.count,
            )

        if "page" in query.validated_data:
            body = page_document(query.validated_data["page"])
        else:
            body = w3c.annotation_collection(
                id=collection_id,
                label=self.label,
                total=paginator.count,
                first=page_id(1) if paginator.count else None,
                last=page_id(paginator.num_pages) if paginator.count else None,
                first_page=page_document(1) if paginator.count else None,
            )
        return Response(body, content_type=w3c.MEDIA_TYPE)


@extend_schema(parameters=[PAGE], responses={(200, "application/ld+json"): OpenApiTypes.OBJECT})
class AnnotationsW3CView(_W3CCollection):
    """The annotations the user may read, as a W3C AnnotationCollection."""

    permission_for_action = {"get": Permission.Annotation.READ}
    label = "Highlights"
    route = "api:annotations-w3c"

    def items(self, request: Request) -> QuerySet[Annotation]:
        return (
            selectors.annotations_visible_to(request.user)
            .select_related("article", "revision")
            .defer("article__text", "revision__text")
            .order_by("pk")
        )

    def document(self, request: Request, item: Annotation) -> dict[str, Any]:
        return annotation_document(request, item)


@extend_schema(parameters=[PAGE], responses={(200, "application/ld+json"): OpenApiTypes.OBJECT})
class VerdictsW3CView(_W3CCollection):
    """Published verdicts as a W3C AnnotationCollection."""

    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only
    label = "Published verdicts"
    route = "api:verdicts-w3c"

    def items(self, request: Request) -> QuerySet[Verdict]:
        return (
            selectors.verdicts_published()
            .defer(None)
            .select_related("unit__article", "unit__revision")
        )

    def document(self, request: Request, item: Verdict) -> dict[str, Any]:
        return verdict_document(request, item)


@extend_schema(parameters=[PAGE], responses={(200, "application/ld+json"): OpenApiTypes.OBJECT})
class ClaimReviewFeedView(StrictQueryParameters, APIView):
    """Published verdicts as schema.org ClaimReview JSON-LD, 100 per page (Link: next)."""

    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only
    query_serializer_class = PageQuerySerializer

    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        verdicts = selectors.verdicts_published().select_related("unit__article")
        paginator = Paginator(verdicts, PAGE_SIZE)
        try:
            page = paginator.page(query.validated_data.get("page", 1))
        except EmptyPage:
            raise NotFound("No such page.") from None
        bounds = rating_bounds()
        response = Response(
            claimreview.claim_review_feed(
                [claim_review_document(request, verdict, bounds) for verdict in page.object_list]
            ),
            content_type="application/ld+json",
        )
        if page.has_next():
            next_page = _absolute(request, reverse("api:verdicts-claimreview"))
            response["Link"] = f'<{next_page}?page={page.next_page_number()}>; rel="next"'
        return response
