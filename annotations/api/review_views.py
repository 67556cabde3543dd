"""The review queue, verdicts and assignments under /api/v1/: thin views over services."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import roles, selectors
from annotations.api.errors import ID_PATTERN, MAX_ID
from annotations.api.etags import ETagMixin, etag_for
from annotations.api.pagination import CursorPages
from annotations.api.permissions import IsEditor
from annotations.api.query import (
    DateTimeFilter,
    IdFilter,
    QueryIntegerField,
    Rfc3339Field,
    StrictFilterSet,
    StrictQueryParameters,
    StrictSearchFilter,
    noop_filter,
)
from annotations.api.review_serializers import (
    AssignmentSerializer,
    CorrectionInputSerializer,
    MergeInputSerializer,
    PublicVerdictSerializer,
    SplitInputSerializer,
    UnitDetailSerializer,
    UnitSerializer,
    VerdictInputSerializer,
    VerdictSerializer,
    VersionInputSerializer,
)
from annotations.models import ClaimUnit, DeskSettings, Verdict
from annotations.services import adjudication
from annotations.services.adjudication import VerdictInput


def reviewer_aliases(unit: ClaimUnit) -> dict[int, str] | None:
    """'Reviewer 1', 'Reviewer 2', ... when the desk hides names from adjudicating editors."""
    if not DeskSettings.load().hide_reviewer_names:
        return None
    ordered = sorted({a.reviewer_id for a in unit.annotations.all()})
    return {reviewer: f"Reviewer {index}" for index, reviewer in enumerate(ordered, start=1)}


def verdict_input(data: dict[str, Any]) -> VerdictInput:
    return VerdictInput(
        label=data["label"],
        claim_reviewed=data["claim_reviewed"],
        explanation=data["explanation"],
        claimant=data["claimant"],
        source_ids=data["sources"],
    )


class QueueQuerySerializer(serializers.Serializer):
    """The queue's filters, from the query string."""

    status = serializers.ChoiceField(choices=ClaimUnit.Status.choices, required=False)
    article = QueryIntegerField(min_value=1, max_value=MAX_ID, required=False)
    label = serializers.SlugField(required=False)
    reviewer = serializers.CharField(max_length=150, required=False)


class UnitViewSet(
    StrictQueryParameters,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Claim units for editors: the review queue (most disputed first) and its decisions."""

    permission_classes = [IsEditor]
    serializer_class = UnitSerializer
    query_serializer_class = QueueQuerySerializer
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[ClaimUnit]:
        if self.action == "list":
            filters = QueueQuerySerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            return selectors.with_passage(selectors.review_queue(**filters.validated_data))
        return selectors.with_passage(
            ClaimUnit.objects.select_related("article").defer("article__text")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        response.data["counts"] = selectors.review_queue_counts()
        return response

    def etag_of(self, unit: ClaimUnit) -> str:
        # The version moves with every editorial change: the same number the 409 checks use.
        return etag_for("unit", unit.pk, unit.version)

    @extend_schema(responses={200: UnitDetailSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        unit = self.get_object()
        return self.etag_respond(request, unit, self._detail(unit.pk))

    def _detail(self, pk: int) -> dict[str, Any]:
        unit = selectors.unit_for_adjudication(pk)
        unit.passage = selectors.unit_text(unit)[unit.start : unit.end]
        return UnitDetailSerializer(unit, context={"reviewer_aliases": reviewer_aliases(unit)}).data

    def _input(self, serializer_class: type, request: Request) -> dict[str, Any]:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=VersionInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        """An editor takes the unit into adjudication."""
        data = self._input(VersionInputSerializer, request)
        unit = adjudication.unit_adjudication_start(
            unit=self.get_object(), editor=request.user, seen_version=data["version"]
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=VerdictInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Record the final verdict (409 if someone changed the unit since `version`)."""
        data = self._input(VerdictInputSerializer, request)
        unit = self.get_object()
        adjudication.unit_decide(
            unit=unit,
            editor=request.user,
            seen_version=data["version"],
            verdict=verdict_input(data),
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=VersionInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"], url_path="confirm-claim")
    def confirm_claim(self, request: Request, pk: str | None = None) -> Response:
        """The passage changed under the verdict (`claim_changed`); the verdict still holds."""
        data = self._input(VersionInputSerializer, request)
        unit = self.get_object()
        adjudication.claim_change_confirm(
            unit=unit, editor=request.user, seen_version=data["version"]
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=VersionInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """Not a checkable claim."""
        data = self._input(VersionInputSerializer, request)
        unit = adjudication.unit_reject(
            unit=self.get_object(), editor=request.user, seen_version=data["version"]
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=VersionInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        """Ask for more independent reviews."""
        data = self._input(VersionInputSerializer, request)
        unit = adjudication.unit_send_back(
            unit=self.get_object(), editor=request.user, seen_version=data["version"]
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=MergeInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Fold another unit of the same article into this one."""
        data = self._input(MergeInputSerializer, request)
        other = get_object_or_404(self.get_queryset(), pk=data["other"])
        unit = adjudication.units_merge(
            unit=self.get_object(),
            other=other,
            editor=request.user,
            seen_version=data["version"],
            other_seen_version=data["other_version"],
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=SplitInputSerializer, responses={201: UnitDetailSerializer})
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: str | None = None) -> Response:
        """Move some highlights into a unit of their own; answers with the new unit."""
        data = self._input(SplitInputSerializer, request)
        new_unit = adjudication.unit_split(
            unit=self.get_object(),
            annotation_ids=data["annotations"],
            editor=request.user,
            seen_version=data["version"],
        )
        return Response(self._detail(new_unit.pk), status=status.HTTP_201_CREATED)


class VerdictCursorPagination(CursorPages):
    """Stable pages in update order, however many verdicts change while a client reads."""

    ordering = ("updated_at", "id")


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
    pagination_class = VerdictCursorPagination
    filterset_class = VerdictFilter
    filter_backends = [DjangoFilterBackend, StrictSearchFilter]
    search_fields = ["claim_reviewed", "claimant", "explanation"]

    def get_permissions(self) -> list[Any]:
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return [IsEditor()]

    def get_queryset(self) -> QuerySet[Verdict]:
        if self.action == "list":
            query = VerdictFeedQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            return selectors.verdicts_feed(
                self.request.user, updated_after=query.validated_data.get("updated_after")
            )
        return selectors.verdicts_visible_to(self.request.user)

    def get_serializer_class(self) -> type:
        if self.action == "list" and not roles.is_editor(self.request.user):
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
            editor=request.user,
            seen_version=self._unit_version(request),
        )
        return Response(VerdictSerializer(self.get_queryset().get(pk=verdict.pk)).data)

    @extend_schema(request=VersionInputSerializer, responses={200: VerdictSerializer})
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        verdict = adjudication.verdict_unpublish(
            verdict=self.get_object(),
            editor=request.user,
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
            editor=request.user,
            seen_version=data["version"],
            note=data["note"],
            changes=verdict_input(data),
        )
        return Response(VerdictSerializer(self.get_queryset().get(pk=verdict.pk)).data)


class AssignmentViewSet(StrictQueryParameters, mixins.ListModelMixin, viewsets.GenericViewSet):
    """My assignments (a reviewer's inbox), with each review's progress."""

    serializer_class = AssignmentSerializer

    def get_queryset(self) -> Any:
        return selectors.assignments_of(self.request.user)
