"""Highlights and verdicts in the two standards: W3C Web Annotation collections and
schema.org ClaimReview. Thin views: selectors read, exports/documents.py builds each document
(core/formats/ shapes it)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
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
from annotations.exports.documents import (
    Captures,
    annotation_document,
    captures_of,
    claim_review_documents,
    verdict_document,
)
from annotations.models import Annotation, Verdict
from annotations.permissions import Permission
from annotations.selectors.verdicts import rating_bounds

PAGE_SIZE = 100
PAGE = OpenApiParameter(
    "page", {"type": "integer", "minimum": 1}, description="A page of the collection."
)


class PageQuerySerializer(serializers.Serializer):
    page = QueryIntegerField(min_value=1, required=False)


class _W3CCollection(StrictQueryParameters, APIView):
    """A collection of W3C annotations, 100 per page: without ?page the collection itself,
    with its first page embedded; with ?page=N that page, linked to the next and previous."""

    label = ""
    route = ""
    query_serializer_class = PageQuerySerializer

    def items(self, request: Request) -> QuerySet[Any]:
        raise NotImplementedError

    def document(self, request: Request, item: Any, captures: Captures) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = Paginator(self.items(request), PAGE_SIZE)
        collection_id = request.build_absolute_uri(reverse(self.route))

        def page_id(number: int) -> str:
            return f"{collection_id}?page={number}"

        def page_document(number: int) -> dict[str, Any]:
            try:
                page = paginator.page(number)
            except EmptyPage:
                raise NotFound("No such page.") from None
            items = list(page.object_list)
            # The archived copies of every source on the page, in one query.
            captures = captures_of(source for item in items for source in item.sources.all())
            return w3c.annotation_page(
                id=page_id(number),
                part_of=collection_id,
                items=[self.document(request, item, captures) for item in items],
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

    def document(self, request: Request, item: Annotation, captures: Captures) -> dict[str, Any]:
        return annotation_document(request, item, captures)


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

    def document(self, request: Request, item: Verdict, captures: Captures) -> dict[str, Any]:
        return verdict_document(request, item, captures)


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
                claim_review_documents(request, list(page.object_list), bounds)
            ),
            content_type="application/ld+json",
        )
        if page.has_next():
            next_page = request.build_absolute_uri(reverse("api:verdicts-claimreview"))
            response["Link"] = f'<{next_page}?page={page.next_page_number()}>; rel="next"'
        return response
