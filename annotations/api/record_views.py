"""Reviews and sources under /api/v1/: read-only lists, scoped like everything else."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import User
from django.db.models import F, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

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
from annotations.models import Review, Source, SourceCapture
from annotations.permissions import Permission, visible_reviews
from annotations.presenters.annotations import CaptureSerializer, capture_payload
from annotations.selectors.evidence import captures_latest


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


class SourceRecordSerializer(serializers.ModelSerializer):
    """A cited source. The context carries `captures` (see SourceViewSet.get_serializer)."""

    article = serializers.IntegerField(source="article_id", read_only=True)
    capture = serializers.SerializerMethodField()

    @extend_schema_field(CaptureSerializer(allow_null=True))
    def get_capture(self, source: Source) -> dict[str, Any] | None:
        captures: dict[str, SourceCapture] = self.context.get("captures") or {}
        return capture_payload(source, captures.get(source.url))

    class Meta:
        model = Source
        fields = [
            "id",
            "annotation",
            "article",
            "url",
            "title",
            "publisher",
            "passage",
            "stance",
            "accessed_on",
            "capture",
        ]
        read_only_fields = fields


class SourceFilter(StrictFilterSet):
    article = IdFilter(field_name="annotation__article_id")
    annotation = IdFilter(field_name="annotation_id")
    stance = django_filters.ChoiceFilter(choices=Source.Stance.choices)

    class Meta:
        model = Source
        fields = ["article", "annotation", "stance"]


class SourceViewSet(
    StrictQueryParameters, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Sources reviewers cited, for the highlights the user may read."""

    # The sources of the highlights the user may read.
    permission_for_action = {
        "list": Permission.Annotation.READ,
        "retrieve": Permission.Annotation.READ,
    }
    serializer_class = SourceRecordSerializer
    filterset_class = SourceFilter
    filter_backends = [DjangoFilterBackend, StrictSearchFilter]
    search_fields = ["url", "title", "publisher"]
    lookup_value_regex = ID_PATTERN

    def get_serializer(self, *args: Any, **kwargs: Any) -> serializers.BaseSerializer[Any]:
        """With the captures of the sources serialized: one query for a page of them."""
        if args:
            shown = args[0]
            sources = list(shown) if kwargs.get("many") else [shown]
            kwargs["context"] = {
                **self.get_serializer_context(),
                "captures": captures_latest(source.url for source in sources),
            }
        return super().get_serializer(*args, **kwargs)

    def get_queryset(self) -> QuerySet[Source]:
        visible = selectors.annotations_visible_to(self.request.user).values("pk")
        return (
            Source.objects.filter(annotation__in=visible)
            .annotate(article_id=F("annotation__article_id"))
            .order_by("annotation_id", "position", "pk")
        )
