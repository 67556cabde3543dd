"""Articles under /api/v1/articles/: import, read, revise, submit a review, assign and pick up."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from annotations import selectors
from annotations.api.agreement_serializers import ArticleAgreementSerializer
from annotations.api.assignment_serializers import AssignInputSerializer, AssignmentSerializer
from annotations.api.errors import ID_PATTERN
from annotations.api.etags import etag_for
from annotations.api.query import (
    DateTimeFilter,
    IsoDateFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    StrictSearchFilter,
)
from annotations.api.responses import created
from annotations.api.serializers import (
    ArticleDuplicateSerializer,
    ArticleInputSerializer,
    ArticleListSerializer,
    ArticleRevisionInputSerializer,
    ArticleRevisionSerializer,
    ArticleRevisionTextSerializer,
    ArticleSerializer,
    ReviewSerializer,
)
from annotations.api.suggestion_serializers import (
    ArticleSuggestionsQuerySerializer,
    ArticleSuggestionsSerializer,
)
from annotations.api.viewsets import DeskReadViewSet
from annotations.models import Article, ArticleRevision
from annotations.permissions import Permission
from annotations.presenters.articles import article_duplicate_present
from annotations.presenters.suggestions import article_suggestions_present
from annotations.request_user import request_user
from annotations.selectors.suggestions import article_suggestions
from annotations.services.articles import ArticleDuplicate, article_import
from annotations.services.assignments import assignment_pick_up, assignments_create
from annotations.services.reviews import review_submit
from annotations.services.revisions import article_revise


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


class ArticleViewSet(DeskReadViewSet):
    """Articles of the desk, with the user's own review progress."""

    permission_for_action = {
        "list": Permission.Article.READ,
        "retrieve": Permission.Article.READ,
        "revisions": Permission.Article.READ,
        "revision": Permission.Article.READ,
        "create": Permission.Article.IMPORT,
        "update": Permission.Article.REVISE,
        "submit": Permission.Review.SUBMIT,
        "agreement": Permission.Agreement.READ,
        "assign": Permission.Article.ASSIGN,
        "pick_up": Permission.Assignment.PICK_UP,
        "suggestions": Permission.Suggestion.READ,
    }
    query_serializer_for_action = {"suggestions": ArticleSuggestionsQuerySerializer}  # noqa: RUF012  # read only
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
        revision, new = article_revise(
            article=article,
            origin=ArticleRevision.Origin.API,
            created_by=request_user(request),
            **serializer.validated_data,
        )
        article = self.get_queryset().defer(None).get(pk=article.pk)
        body = ArticleSerializer(article).data
        response = (
            created(request, body, "article-revision", article.pk, revision.number)
            if new
            else Response(body)
        )
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

    @extend_schema(
        request=ArticleInputSerializer,
        responses={201: ArticleSerializer, 409: ArticleDuplicateSerializer},
    )
    def create(self, request: Request) -> Response:
        """Import an article (editors). One the desk already has (the same source URL, or the
        same text as any revision of an article) is refused with a 409 naming it, unless
        `allow_duplicate` is true."""
        serializer = ArticleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = dict(serializer.validated_data)
        allow_duplicate = source.pop("allow_duplicate")
        try:
            article = article_import(
                imported_by=request_user(request), duplicate_refused=not allow_duplicate, **source
            )
        except ArticleDuplicate as duplicate:
            return Response(
                ArticleDuplicateSerializer(
                    article_duplicate_present(
                        duplicate.existing,
                        matched=duplicate.matched,
                        detail=duplicate.message,
                        code=duplicate.code,
                    )
                ).data,
                status=status.HTTP_409_CONFLICT,
            )
        article = self.get_queryset().defer(None).get(pk=article.pk)
        return created(request, ArticleSerializer(article).data, "article-detail", article.pk)

    @extend_schema(request=None, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """The current reviewer submits their review of the article."""
        review = review_submit(article=self.get_object(), reviewer=request_user(request))
        return Response(ReviewSerializer(review).data)

    @extend_schema(request=None, responses={200: ArticleAgreementSerializer})
    @action(detail=True, methods=["get"])
    def agreement(self, request: Request, pk: str | None = None) -> Response:
        """The article's agreement statistics (editors)."""
        payload = selectors.article_agreement_payload(self.get_object())
        return Response(ArticleAgreementSerializer(payload).data)

    @extend_schema(
        request=None,
        parameters=[ArticleSuggestionsQuerySerializer],
        responses={200: ArticleSuggestionsSerializer},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def suggestions(self, request: Request, pk: str | None = None) -> Response:
        """The suggested check-worthy claims and quotes (with their speakers) of the article's
        latest revision (or `?revision=<number>`), in text order, with the checked claims they
        restate: `?limit=` of them (500 unless asked, at most 1000) from `?offset=`, with
        their `count` and the `next` page's address."""
        query = ArticleSuggestionsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        limit, offset = query.validated_data["limit"], query.validated_data["offset"]
        found = article_suggestions(
            request_user(request),
            self.get_object(),
            revision_number=query.validated_data.get("revision"),
            limit=limit,
            offset=offset,
        )
        next_url = None
        if found.has_more:
            next_url = replace_query_param(
                request.build_absolute_uri(), "offset", offset + len(found.suggestions)
            )
        document = article_suggestions_present(found, next_url=next_url)
        return Response(ArticleSuggestionsSerializer(document).data)

    @extend_schema(request=AssignInputSerializer, responses={200: AssignmentSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """An editor assigns the article to reviewers, with an optional due date."""
        serializer = AssignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignments = assignments_create(
            article=self.get_object(),
            reviewers=serializer.validated_data["reviewers"],
            editor=request_user(request),
            due_on=serializer.validated_data["due_on"],
        )
        return Response(AssignmentSerializer(assignments, many=True).data)

    @extend_schema(request=None, responses={200: AssignmentSerializer})
    @action(detail=True, methods=["post"], url_path="pick-up")
    def pick_up(self, request: Request, pk: str | None = None) -> Response:
        """A reviewer takes the article themselves, where the desk allows it."""
        assignment = assignment_pick_up(article=self.get_object(), reviewer=request_user(request))
        return Response(AssignmentSerializer(assignment).data)
