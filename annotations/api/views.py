"""The JSON API under /api/v1/: thin views over selectors (reads) and services (writes)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import selectors
from annotations.api.errors import ID_PATTERN
from annotations.api.etags import ETagMixin, etag_for
from annotations.api.pagination import CursorPages
from annotations.api.permissions import CanImportArticles, IsDeskMember, IsEditor
from annotations.api.query import (
    DateTimeFilter,
    IdFilter,
    IsoDateFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    StrictQueryParameters,
    StrictSearchFilter,
)
from annotations.api.review_serializers import AssignInputSerializer, AssignmentSerializer
from annotations.api.serializers import (
    AnnotationInputSerializer,
    AnnotationPatchSerializer,
    AnnotationSerializer,
    ArticleInputSerializer,
    ArticleListSerializer,
    ArticleRevisionInputSerializer,
    ArticleRevisionSerializer,
    ArticleRevisionTextSerializer,
    ArticleSerializer,
    ReviewSerializer,
)
from annotations.models import Annotation, Article, ArticleRevision
from annotations.services.agreement import desk_agreement_request
from annotations.services.annotations import (
    AnnotationChanges,
    annotation_create,
    annotation_delete,
    annotation_update,
)
from annotations.services.articles import article_import
from annotations.services.assignments import assignment_pick_up, assignments_create
from annotations.services.reviews import review_submit
from annotations.services.revisions import article_revise


class AnnotationFilter(StrictFilterSet):
    article = IdFilter(field_name="article_id")
    verdict = django_filters.CharFilter(field_name="verdict__slug")
    reviewer = django_filters.CharFilter(field_name="reviewer__username")
    kind = django_filters.ChoiceFilter(choices=Annotation.Kind.choices)
    created_after = DateTimeFilter(field_name="created", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created", lookup_expr="lt")
    # With ?ordering=modified (the default) this is an incremental sync: keep the last
    # `modified` you saw and ask for what changed after it.
    updated_after = DateTimeFilter(field_name="modified", lookup_expr="gt")

    class Meta:
        model = Annotation
        fields = ["article", "verdict", "reviewer", "kind"]


class ArticleFilter(StrictFilterSet):
    publisher = django_filters.CharFilter(lookup_expr="iexact")
    language = django_filters.CharFilter(lookup_expr="iexact")
    published_from = IsoDateFilter(field_name="published_on", lookup_expr="gte")
    published_until = IsoDateFilter(field_name="published_on", lookup_expr="lte")
    imported_after = DateTimeFilter(field_name="created", lookup_expr="gte")
    imported_before = DateTimeFilter(field_name="created", lookup_expr="lt")
    updated_after = DateTimeFilter(field_name="modified", lookup_expr="gt")

    class Meta:
        model = Article
        fields = ["publisher", "language"]


class AnnotationPages(CursorPages):
    """Cursor pages, by default in the order highlights last changed."""

    ordering = ("modified", "id")


class AnnotationViewSet(
    StrictQueryParameters,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Highlights with verdicts. Lists and details show only what the user may read."""

    permission_classes = [IsDeskMember]
    serializer_class = AnnotationSerializer
    filterset_class = AnnotationFilter
    pagination_class = AnnotationPages
    filter_backends = [DjangoFilterBackend, StrictSearchFilter, StrictOrderingFilter]
    search_fields = ["exact", "rationale", "speaker"]
    # Cursor pages need a column to hold their place in: creation or change time.
    ordering_fields = ["created", "modified"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Annotation]:
        return selectors.annotations_visible_to(self.request.user)

    def _output(self, annotations: list[Annotation], **kwargs: Any) -> AnnotationSerializer:
        anchors = selectors.annotations_anchor(annotations)
        return AnnotationSerializer(
            annotations, context={**self.get_serializer_context(), "anchors": anchors}, **kwargs
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        annotations = list(page if page is not None else queryset)
        data = self._output(annotations, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def etag_of(self, annotation: Annotation) -> str:
        return etag_for("annotation", annotation.pk, annotation.modified.isoformat())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        annotation = self.get_object()
        return self.etag_respond(request, annotation, self._output([annotation], many=True).data[0])

    @extend_schema(request=AnnotationInputSerializer, responses={201: AnnotationSerializer})
    def create(self, request: Request) -> Response:
        serializer = AnnotationInputSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        annotation = annotation_create(
            reviewer=request.user,
            article=data["article"],
            kind=data["kind"],
            speaker=data["speaker"],
            target=serializer.target_input(),
            verdict=data["verdict"],
            rationale=data["rationale"],
            sources=serializer.sources_input() or [],
        )
        return Response(
            self._output([self._reload(annotation)], many=True).data[0],
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=AnnotationPatchSerializer, responses={200: AnnotationSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        annotation = self.get_object()
        self.etag_check(request, annotation)
        serializer = AnnotationPatchSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        annotation_update(
            annotation=annotation,
            actor=request.user,
            changes=AnnotationChanges(
                kind=data.get("kind"),
                speaker=data.get("speaker"),
                target=serializer.target_input(),
                verdict=data.get("verdict"),
                rationale=data.get("rationale"),
                sources=serializer.sources_input(),
            ),
        )
        annotation = self._reload(annotation)
        response = Response(self._output([annotation], many=True).data[0])
        response["ETag"] = self.etag_of(annotation)
        return response

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        annotation = self.get_object()
        self.etag_check(request, annotation)
        annotation_delete(annotation=annotation, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _reload(self, annotation: Annotation) -> Annotation:
        return self.get_queryset().get(pk=annotation.pk)


class ArticleViewSet(
    StrictQueryParameters,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Articles of the desk, with the user's own review progress."""

    permission_classes = [IsDeskMember, CanImportArticles]
    lookup_value_regex = ID_PATTERN
    filterset_class = ArticleFilter
    filter_backends = [DjangoFilterBackend, StrictSearchFilter, StrictOrderingFilter]
    search_fields = ["title", "byline", "publisher"]
    ordering_fields = ["created", "modified", "published_on", "title"]
    ordering = ["-created", "-id"]

    def get_queryset(self) -> QuerySet[Article]:
        queryset = selectors.articles_with_progress(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.defer(None)
        return queryset

    def get_serializer_class(self) -> type:
        return ArticleListSerializer if self.action == "list" else ArticleSerializer

    @extend_schema(
        request=ArticleRevisionInputSerializer,
        responses={200: ArticleSerializer, 201: ArticleSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A new version of the article's text (editors): 201 with the new revision, or 200
        when the text is unchanged. Send If-Match with the ETag you read to avoid overwriting
        a version someone else sent meanwhile. Highlights are re-anchored in the background."""
        article = self.get_object()
        self.etag_check(request, article)
        serializer = ArticleRevisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _, created = article_revise(
            article=article,
            origin=ArticleRevision.Origin.API,
            created_by=request.user,
            **serializer.validated_data,
        )
        article = self.get_queryset().defer(None).get(pk=article.pk)
        response = Response(ArticleSerializer(article).data, status=201 if created else 200)
        response["ETag"] = self.etag_of(article)
        return response

    @extend_schema(request=None, responses={200: ArticleRevisionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        """The article's revisions, oldest first (without their texts)."""
        revisions = self.get_object().revisions.select_related("created_by").defer("text")
        return Response(ArticleRevisionSerializer(revisions, many=True).data)

    @extend_schema(request=None, responses={200: ArticleRevisionTextSerializer})
    @action(
        detail=True,
        methods=["get"],
        url_path=r"revisions/(?P<number>[0-9]{1,9})",
        pagination_class=None,
        filter_backends=[],
    )
    def revision(self, request: Request, pk: str | None = None, number: str = "") -> Response:
        """One revision, with its text."""
        revision = get_object_or_404(
            self.get_object().revisions.select_related("created_by"), number=int(number)
        )
        return Response(ArticleRevisionTextSerializer(revision).data)

    def etag_of(self, article: Article) -> str:
        return etag_for("article", article.pk, article.modified.isoformat())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        article = self.get_object()
        return self.etag_respond(request, article, ArticleSerializer(article).data)

    @extend_schema(request=ArticleInputSerializer, responses={201: ArticleSerializer})
    def create(self, request: Request) -> Response:
        serializer = ArticleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = article_import(imported_by=request.user, **serializer.validated_data)
        article = self.get_queryset().defer(None).get(pk=article.pk)
        return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """The current reviewer submits their review of the article."""
        review = review_submit(article=self.get_object(), reviewer=request.user)
        return Response(ReviewSerializer(review).data)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["get"], permission_classes=[IsEditor])
    def agreement(self, request: Request, pk: str | None = None) -> Response:
        """The article's agreement statistics (editors)."""
        return Response(selectors.article_agreement_payload(self.get_object()))

    @extend_schema(request=AssignInputSerializer, responses={200: AssignmentSerializer(many=True)})
    @action(detail=True, methods=["post"], permission_classes=[IsEditor])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """An editor assigns the article to reviewers, with an optional due date."""
        serializer = AssignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignments = assignments_create(
            article=self.get_object(),
            reviewers=serializer.validated_data["reviewers"],
            editor=request.user,
            due_on=serializer.validated_data["due_on"],
        )
        return Response(AssignmentSerializer(assignments, many=True).data)

    @extend_schema(request=None, responses={200: AssignmentSerializer})
    @action(detail=True, methods=["post"], url_path="pick-up")
    def pick_up(self, request: Request, pk: str | None = None) -> Response:
        """A reviewer takes the article themselves, where the desk allows it."""
        assignment = assignment_pick_up(article=self.get_object(), reviewer=request.user)
        return Response(AssignmentSerializer(assignment).data)


class DeskAgreementView(StrictQueryParameters, APIView):
    """Desk-wide agreement (editors). POST asks for a fresh computation."""

    permission_classes = [IsEditor]

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(selectors.desk_agreement_payload())

    @extend_schema(request=None, responses={202: dict})
    def post(self, request: Request) -> Response:
        queued = desk_agreement_request()
        return Response({"queued": queued}, status=status.HTTP_202_ACCEPTED)
