"""Highlights and verdicts in the two standards: W3C Web Annotation collections and items, and
schema.org ClaimReview. Thin views: selectors read, exports/documents.py builds each document
(core/formats/ shapes it), api/negotiation.py picks the media type, api/pagination.py's keyset
cursors page the collections and the feed."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.negotiation import ClaimReviewRenderer, NegotiatedView, W3CRenderer
from annotations.api.pagination import CURSOR_SCHEMA, CursorPages, UpdateOrderPages
from annotations.api.query import (
    URI_HELP,
    QueryIntegerField,
    QueryUriField,
    StrictQueryParameters,
)
from annotations.core.formats import claimreview, factchecktools, w3c
from annotations.exports.documents import (
    Captures,
    annotation_document,
    captures_of,
    claim_review_documents,
    verdict_document,
)
from annotations.exports.iris import desk_iri
from annotations.models import Annotation, Verdict
from annotations.permissions import Permission
from annotations.selectors.verdicts import rating_bounds

W3C_RENDERERS = [W3CRenderer, BrowsableAPIRenderer]
W3C_RESPONSE = {(200, w3c.MEDIA_TYPE): OpenApiTypes.OBJECT}
CURSOR_PARAMETERS = [
    OpenApiParameter(
        "cursor",
        CURSOR_SCHEMA,
        description="A page of the collection: follow `first`, `next`, `prev`.",
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": CursorPages.max_page_size},
        description=f"Items per page (default {CursorPages.page_size}).",
    ),
]


class CursorQuerySerializer(serializers.Serializer):
    # Read by the paginator, which answers a bad cursor or size with a 400; named here so
    # that the query string is checked and documented.
    cursor = serializers.CharField(required=False)
    page_size = QueryIntegerField(min_value=1, max_value=CursorPages.max_page_size, required=False)


class CollectionQuerySerializer(CursorQuerySerializer):
    uri = QueryUriField(required=False)


COLLECTION_PARAMETERS = [
    *CURSOR_PARAMETERS,
    OpenApiParameter(
        "uri",
        {"type": "string", "format": "uri"},
        description="Only the items on the document at this address: " + URI_HELP,
    ),
]


class AnnotationPages(CursorPages):
    """W3C pages of highlights in the order they last changed."""

    ordering = ("modified", "id")


def _annotations(request: Request) -> QuerySet[Annotation]:
    """The highlights the user may read, with what their documents read."""
    return (
        selectors.annotations_visible_to(request.user)
        .select_related("article", "revision")
        .defer("article__text", "revision__text")
    )


def _verdicts() -> QuerySet[Verdict]:
    """Published verdicts only, for everyone: what the W3C export and ClaimReview carry."""
    return selectors.verdicts_published().defer(None).select_related("unit__revision")


class _W3CCollection(StrictQueryParameters, NegotiatedView):
    """A collection of W3C annotations in keyset pages: without ?cursor the collection
    itself, its first page embedded; with ?cursor that page, linked to the next and previous.
    Every `id` and link is an absolute IRI on the desk's origin (exports/iris.py)."""

    label = ""
    route = ""
    # The items' article's URL look-up key, which `?uri=` matches (Article.url_key).
    url_key_field = ""
    renderer_classes = W3C_RENDERERS
    query_serializer_class = CollectionQuerySerializer
    pagination_class: type[CursorPages] = UpdateOrderPages

    def items(self, request: Request) -> QuerySet[Any]:
        raise NotImplementedError

    def document(self, request: Request, item: Any, captures: Captures) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        query = CollectionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        items = self.items(request)
        uri_key = query.validated_data.get("uri")
        if uri_key is not None:
            items = items.filter(**{self.url_key_field: uri_key})
        pages = self.pagination_class()
        page = pages.paginate_queryset(items, request, view=self) or []
        # The archived copies of every source on the page, in one query.
        captures = captures_of(source for item in page for source in item.sources.all())
        total = items.count()
        collection_id = desk_iri(request, reverse(self.route))
        if uri_key is not None:
            # A look-up is a collection of its own: its pages are part of it, not of all.
            collection_id += "?" + urlencode({"uri": request.query_params["uri"]})
        first = pages.link(position=None, reverse=False)
        body = w3c.annotation_page(
            id=first if pages.at is None else pages.page_url,
            part_of=collection_id,
            items=[self.document(request, item, captures) for item in page],
            start_index=pages.rows_before_page(items),
            next=pages.get_next_link(),
            prev=pages.get_previous_link(),
            total=total,
        )
        if pages.at is None:
            body = w3c.annotation_collection(
                id=collection_id,
                label=self.label,
                total=total,
                first=first if total else None,
                last=pages.link(position=None, reverse=True) if total else None,
                first_page=body if total else None,
            )
        return Response(body)


@extend_schema(parameters=COLLECTION_PARAMETERS, responses=W3C_RESPONSE)
class AnnotationsW3CView(_W3CCollection):
    """The annotations the user may read, as a W3C AnnotationCollection."""

    permission_for_action = {"get": Permission.Annotation.READ}
    label = "Highlights"
    route = "api:annotations-w3c"
    url_key_field = "article__url_key"
    pagination_class = AnnotationPages

    def items(self, request: Request) -> QuerySet[Annotation]:
        return _annotations(request)

    def document(self, request: Request, item: Annotation, captures: Captures) -> dict[str, Any]:
        return annotation_document(request, item, captures)


@extend_schema(parameters=COLLECTION_PARAMETERS, responses=W3C_RESPONSE)
class VerdictsW3CView(_W3CCollection):
    """Published verdicts as a W3C AnnotationCollection, in the order they last changed."""

    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only
    label = "Published verdicts"
    route = "api:verdicts-w3c"
    url_key_field = "unit__article__url_key"

    def items(self, request: Request) -> QuerySet[Verdict]:
        return _verdicts()

    def document(self, request: Request, item: Verdict, captures: Captures) -> dict[str, Any]:
        return verdict_document(request, item, captures)


class _W3CItem(StrictQueryParameters, NegotiatedView):
    """One annotation of a collection, at the IRI its `id` names: the same document, the
    same negotiation, and the same rule as the collection (404 for what it does not hold)."""

    renderer_classes = W3C_RENDERERS


class AnnotationW3CView(_W3CItem):
    """A highlight the user may read, as a W3C Web Annotation."""

    permission_for_action = {"get": Permission.Annotation.READ}

    @extend_schema(operation_id="v1_annotations_w3c_item", responses=W3C_RESPONSE)
    def get(self, request: Request, pk: int) -> Response:
        annotation = get_object_or_404(_annotations(request), pk=pk)
        return Response(annotation_document(request, annotation))


class VerdictW3CView(_W3CItem):
    """A published verdict as a W3C Web Annotation."""

    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only

    @extend_schema(operation_id="v1_verdicts_w3c_item", responses=W3C_RESPONSE)
    def get(self, request: Request, pk: int) -> Response:
        verdict = get_object_or_404(_verdicts(), pk=pk)
        return Response(verdict_document(request, verdict))


class _ClaimReviewPages(StrictQueryParameters, NegotiatedView):
    """Published verdicts' ClaimReviews in the order they last changed, in keyset pages
    (`Link: <...>; rel="next"`, and "prev"), as each subclass shapes the page: a constant
    number of queries whatever the page's size (claim_review_documents)."""

    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only
    renderer_classes = [ClaimReviewRenderer, BrowsableAPIRenderer]
    query_serializer_class = CursorQuerySerializer

    def body(self, request: Request, documents: list[dict[str, Any]]) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        CursorQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        pages = UpdateOrderPages()
        published = selectors.verdicts_published().select_related("unit__article")
        verdicts = pages.paginate_queryset(published, request, view=self) or []
        documents = claim_review_documents(request, verdicts, rating_bounds())
        response = Response(self.body(request, documents))
        links = [
            f'<{link}>; rel="{rel}"'
            for rel, link in (("next", pages.get_next_link()), ("prev", pages.get_previous_link()))
            if link is not None
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response


@extend_schema(
    parameters=CURSOR_PARAMETERS, responses={(200, "application/ld+json"): OpenApiTypes.OBJECT}
)
class ClaimReviewFeedView(_ClaimReviewPages):
    """Published verdicts as schema.org ClaimReview JSON-LD (a top-level @graph) in the order
    they last changed, in keyset pages (`Link: <...>; rel="next"`, and "prev")."""

    def body(self, request: Request, documents: list[dict[str, Any]]) -> dict[str, Any]:
        return claimreview.claim_review_feed(documents)


@extend_schema(
    parameters=CURSOR_PARAMETERS, responses={(200, "application/ld+json"): OpenApiTypes.OBJECT}
)
class ClaimReviewDataFeedView(_ClaimReviewPages):
    """Published verdicts as a schema.org DataFeed of ClaimReviews: each a DataFeedItem with
    its dateModified, in the order they last changed, in keyset pages (`Link` rel="next"),
    for feed readers that sync (Meedan's Fetch, Google's Fact Check tools)."""

    def body(self, request: Request, documents: list[dict[str, Any]]) -> dict[str, Any]:
        return claimreview.claim_review_data_feed(
            documents,
            url=desk_iri(request, reverse("api:verdicts-claimreview-datafeed")),
            name=f"{settings.DESK_NAME}: fact checks",
            date_modified=selectors.verdicts_published_changed_last(),
        )


@extend_schema(
    parameters=CURSOR_PARAMETERS, responses={(200, "application/json"): OpenApiTypes.OBJECT}
)
class FactCheckToolsExportView(_ClaimReviewPages):
    """Published verdicts in the shape of Google's Fact Check Tools API
    (`{"claimReviewMarkupPages": [ClaimReviewMarkupPage, ...]}`, one page per verdict, what
    `pages.create` takes), for desks that push their fact checks through that API. Keyset
    pages in the order verdicts last changed, as the ClaimReview feed."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def body(self, request: Request, documents: list[dict[str, Any]]) -> dict[str, Any]:
        image = settings.DESK_LOGO_URL
        return {
            "claimReviewMarkupPages": [
                factchecktools.claim_review_markup_page(document, author_image_url=image)
                for document in documents
            ]
        }
