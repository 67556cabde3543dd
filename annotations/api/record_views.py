"""Reviews and sources under /api/v1/: read-only lists, scoped like everything else."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import User
from django.db.models import F, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.errors import ID_PATTERN
from annotations.api.query import (
    DateTimeFilter,
    IdFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    StrictQueryParameters,
    StrictSearchFilter,
)
from annotations.models import Review, Source, SourceHealth
from annotations.permissions import Permission, visible_reviews
from annotations.presenters.annotations import (
    EvidenceFields,
    SourceSerializer,
    evidence_context,
)
from annotations.request_user import request_user
from annotations.services import evidence, evidence_health


class ReviewRecordSerializer(serializers.ModelSerializer):
    reviewer: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Review
        fields = ["id", "article", "reviewer", "status", "created", "submitted_at"]
        read_only_fields = fields


class ReviewFilter(StrictFilterSet):
    article = IdFilter(field_name="article_id")
    reviewer = django_filters.CharFilter(field_name="reviewer__username")
    status = django_filters.ChoiceFilter(choices=Review.Status.choices)
    submitted_after = DateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = DateTimeFilter(field_name="submitted_at", lookup_expr="lt")

    class Meta:
        model = Review
        fields = ["article", "reviewer", "status"]


class ReviewViewSet(
    StrictQueryParameters, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reviews: a reviewer's own (in progress or submitted); editors see every reviewer's."""

    permission_for_action = {"list": Permission.Review.READ, "retrieve": Permission.Review.READ}
    serializer_class = ReviewRecordSerializer
    filterset_class = ReviewFilter
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["created", "submitted_at"]
    ordering = ["-created", "-id"]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Review]:
        return visible_reviews(self.request.user, Review.objects.select_related("reviewer"))


class SourceRecordSerializer(EvidenceFields, serializers.ModelSerializer):
    """A cited source, with its archived copy and health (SourceViewSet.get_serializer gives
    the context)."""

    article = serializers.IntegerField(source="article_id", read_only=True)

    class Meta:
        model = Source
        # A highlight's source as SourceSerializer gives it, with where it belongs.
        fields = ["id", "annotation", "article", *SourceSerializer.Meta.fields[1:]]
        read_only_fields = fields


class SourceFilter(StrictFilterSet):
    article = IdFilter(field_name="annotation__article_id")
    annotation = IdFilter(field_name="annotation_id")
    stance = django_filters.ChoiceFilter(choices=Source.Stance.choices)
    health = django_filters.ChoiceFilter(
        choices=SourceHealth.State.choices,
        method="health_filter",
        help_text="Sources whose URL's last check found it so (e.g. gone).",
    )

    class Meta:
        model = Source
        fields = ["article", "annotation", "stance", "health"]

    def health_filter(self, queryset: QuerySet[Source], name: str, value: str) -> QuerySet[Source]:
        return queryset.filter(url__in=SourceHealth.objects.filter(state=value).values("url"))


class SourceViewSet(
    StrictQueryParameters, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Sources reviewers cited, for the highlights the user may read."""

    # The sources of the highlights the user may read.
    permission_for_action = {
        "list": Permission.Annotation.READ,
        "retrieve": Permission.Annotation.READ,
        "recapture": Permission.Evidence.CAPTURE,
        "check": Permission.Evidence.CHECK,
    }
    serializer_class = SourceRecordSerializer
    filterset_class = SourceFilter
    filter_backends = [DjangoFilterBackend, StrictSearchFilter]
    search_fields = ["url", "title", "publisher"]
    lookup_value_regex = ID_PATTERN

    def get_serializer(self, *args: Any, **kwargs: Any) -> serializers.BaseSerializer[Any]:
        """With the evidence of the sources serialized: two queries for a page of them."""
        if args:
            shown = args[0]
            sources = list(shown) if kwargs.get("many") else [shown]
            kwargs["context"] = {**self.get_serializer_context(), **evidence_context(sources)}
        return super().get_serializer(*args, **kwargs)

    def _answer(self, source: Source) -> Response:
        # Read again: in-process tasks (the embedded default) have finished by now.
        fresh = self.get_queryset().get(pk=source.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: SourceRecordSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def recapture(self, request: Request, pk: str | None = None) -> Response:
        """Editors: capture the source's URL again now (its earlier captures are kept). 202:
        `capture` is pending until a worker has fetched it."""
        source = self.get_object()
        evidence.source_capture_again(editor=request_user(request), source=source)
        return self._answer(source)

    @extend_schema(request=None, responses={202: SourceRecordSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def check(self, request: Request, pk: str | None = None) -> Response:
        """Editors: check the source's URL now, outside the sweep. 202: `health` changes once
        a worker has checked it."""
        source = self.get_object()
        evidence_health.source_check_soon(editor=request_user(request), source=source)
        return self._answer(source)

    def get_queryset(self) -> QuerySet[Source]:
        visible = selectors.annotations_visible_to(self.request.user).values("pk")
        return (
            Source.objects.filter(annotation__in=visible)
            .annotate(article_id=F("annotation__article_id"))
            .order_by("annotation_id", "position", "pk")
        )
