"""Verdicts under /api/v1/verdicts/: the feed, publishing and corrections."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.errors import ID_PATTERN
from annotations.api.etags import ETagMixin, etag_for
from annotations.api.pagination import UpdateOrderPages
from annotations.api.query import (
    DateTimeFilter,
    IdFilter,
    Rfc3339Field,
    StrictFilterSet,
    StrictQueryParameters,
    StrictSearchFilter,
    UriFilter,
    noop_filter,
)
from annotations.api.verdict_serializers import (
    CorrectionInputSerializer,
    PublicVerdictSerializer,
    VerdictSerializer,
    VerdictTombstoneSerializer,
    VersionInputSerializer,
    verdict_input,
)
from annotations.models import Verdict
from annotations.permissions import Permission, can
from annotations.request_user import request_user
from annotations.services import adjudication

# A verdict in the list: whole, or (withdrawn, to clients outside the desk) a tombstone.
VERDICT_OR_TOMBSTONE = PolymorphicProxySerializer(
    component_name="VerdictOrTombstone",
    serializers=[VerdictSerializer, VerdictTombstoneSerializer],
    resource_type_field_name=None,
    many=True,
)


class VerdictFeedQuerySerializer(serializers.Serializer):
    updated_after = Rfc3339Field(required=False)


class VerdictFilter(StrictFilterSet):
    """Filters of the verdict list; `updated_after` is the change feed (see get_queryset)."""

    article = IdFilter(field_name="unit__article_id")
    label = django_filters.CharFilter(field_name="label__slug")
    claimant = django_filters.CharFilter(field_name="claimant", lookup_expr="icontains")
    published_after = DateTimeFilter(field_name="first_published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="first_published_at", lookup_expr="lt")
    # Applied by the selector, which also decides what withdrawn verdicts look like.
    updated_after = DateTimeFilter(method=noop_filter)
    uri = UriFilter(field_name="unit__article__url_key")

    class Meta:
        model = Verdict
        fields = ["article", "label", "claimant", "published_after", "published_before"]


class VerdictViewSet(
    StrictQueryParameters,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Verdicts. Anyone reads published ones; editors see all and publish and correct."""

    serializer_class = VerdictSerializer
    lookup_value_regex = ID_PATTERN
    query_serializer_class = VerdictFeedQuerySerializer
    pagination_class = UpdateOrderPages
    filterset_class = VerdictFilter
    filter_backends = [DjangoFilterBackend, StrictSearchFilter]
    search_fields = ["claim_reviewed", "claimant", "explanation"]
    permission_for_action = {
        "list": Permission.Verdict.READ,
        "retrieve": Permission.Verdict.READ,
        "publish": Permission.Verdict.PUBLISH,
        "unpublish": Permission.Verdict.PUBLISH,
        "correct": Permission.Verdict.CORRECT,
    }

    @extend_schema(responses={200: VERDICT_OR_TOMBSTONE})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Verdicts, by update time. With `updated_after`, the verdicts changed since; one
        withdrawn since comes to clients outside the desk as a tombstone."""
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Verdict]:
        if self.action == "list":
            query = VerdictFeedQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            return selectors.verdicts_feed(
                self.request.user, updated_after=query.validated_data.get("updated_after")
            )
        return selectors.verdicts_visible_to(self.request.user)

    def get_serializer_class(self) -> type:
        if self.action == "list" and not can(
            self.request.user, Permission.Verdict.READ_UNPUBLISHED
        ):
            return PublicVerdictSerializer
        return VerdictSerializer

    def etag_of(self, verdict: Verdict) -> str:
        return etag_for("verdict", verdict.pk, verdict.updated_at.isoformat())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        verdict = self.get_object()
        return self.etag_respond(request, verdict, VerdictSerializer(verdict).data)

    def _unit_version(self, request: Request) -> int:
        serializer = VersionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["version"]

    @extend_schema(request=VersionInputSerializer, responses={200: VerdictSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        verdict = adjudication.verdict_publish(
            verdict=self.get_object(),
            editor=request_user(request),
            seen_version=self._unit_version(request),
        )
        return Response(VerdictSerializer(self.get_queryset().get(pk=verdict.pk)).data)

    @extend_schema(request=VersionInputSerializer, responses={200: VerdictSerializer})
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        verdict = adjudication.verdict_unpublish(
            verdict=self.get_object(),
            editor=request_user(request),
            seen_version=self._unit_version(request),
        )
        return Response(VerdictSerializer(self.get_queryset().get(pk=verdict.pk)).data)

    @extend_schema(request=CorrectionInputSerializer, responses={200: VerdictSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str | None = None) -> Response:
        """Correct a published verdict; the earlier version and the note are kept."""
        serializer = CorrectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        verdict = self.get_object()
        adjudication.verdict_correct(
            verdict=verdict,
            editor=request_user(request),
            seen_version=data["version"],
            note=data["note"],
            changes=verdict_input(data),
        )
        return Response(VerdictSerializer(self.get_queryset().get(pk=verdict.pk)).data)
