"""Claim units under /api/v1/units/: the editors' queue and adjudication, over services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.errors import ID_PATTERN, MAX_ID
from annotations.api.etags import etag_for
from annotations.api.fast_lane_serializers import (
    FastConfirmInputSerializer,
    FastConfirmReportSerializer,
    ReadyUnitSerializer,
)
from annotations.api.query import (
    QueryIntegerField,
)
from annotations.api.responses import created
from annotations.api.unit_serializers import (
    MergeInputSerializer,
    NoteInputSerializer,
    SplitInputSerializer,
    UnitDetailSerializer,
    UnitSerializer,
)
from annotations.api.verdict_serializers import (
    VerdictInputSerializer,
    VersionInputSerializer,
    verdict_input,
)
from annotations.api.viewsets import DeskReadViewSet
from annotations.models import ClaimUnit
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.services import adjudication
from annotations.services.fast_lane import units_fast_confirm


class QueueQuerySerializer(serializers.Serializer):
    """The queue's filters, from the query string."""

    status = serializers.ChoiceField(choices=ClaimUnit.Status.choices, required=False)
    article = QueryIntegerField(min_value=1, max_value=MAX_ID, required=False)
    label = serializers.SlugField(required=False)  # type: ignore[assignment]  # see VerdictSerializer.label
    reviewer = serializers.CharField(max_length=150, required=False)


class UnitViewSet(DeskReadViewSet):
    """Claim units for editors: the review queue (most disputed first) and its decisions."""

    permission_for_action = dict.fromkeys(
        [
            "list",
            "retrieve",
            "start",
            "decide",
            "confirm_claim",
            "reject",
            "send_back",
            "merge",
            "split",
        ],
        Permission.Unit.ADJUDICATE,
    ) | dict.fromkeys(["ready", "fast_confirm"], Permission.Unit.CONFIRM_READY)
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
        # A scratch attribute the detail serializer reads (#11 moves this into a presenter).
        unit.passage = selectors.unit_text(unit)[unit.start : unit.end]  # type: ignore[attr-defined]
        return UnitDetailSerializer(
            unit, context={"reviewer_aliases": selectors.reviewer_aliases(unit)}
        ).data

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
            unit=self.get_object(), editor=request_user(request), seen_version=data["version"]
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
            editor=request_user(request),
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
            unit=unit, editor=request_user(request), seen_version=data["version"]
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=NoteInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """Not a checkable claim; `note`, if given, lands in the unit's discussion thread."""
        data = self._input(NoteInputSerializer, request)
        unit = adjudication.unit_reject(
            unit=self.get_object(),
            editor=request_user(request),
            seen_version=data["version"],
            note=data["note"],
        )
        return Response(self._detail(unit.pk))

    @extend_schema(request=NoteInputSerializer, responses={200: UnitDetailSerializer})
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        """Ask for more independent reviews; `note`, if given, lands in the unit's discussion
        thread. The unit's reviewers are notified."""
        data = self._input(NoteInputSerializer, request)
        unit = adjudication.unit_send_back(
            unit=self.get_object(),
            editor=request_user(request),
            seen_version=data["version"],
            note=data["note"],
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
            editor=request_user(request),
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
            editor=request_user(request),
            seen_version=data["version"],
        )
        return created(request, self._detail(new_unit.pk), "unit-detail", new_unit.pk)

    @extend_schema(responses={200: ReadyUnitSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def ready(self, request: Request) -> Response:
        """The Ready lane: units every reviewer agreed on under the desk's rules, oldest first,
        each with its agreed verdict and the version to confirm it with; the queue's filters
        narrow it as they narrow the queue."""
        filters = QueueQuerySerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        units = selectors.review_queue(**filters.validated_data)
        page = self.paginate_queryset(
            selectors.units_ready(units, selectors.fast_lane_rules()).order_by("created", "pk")
        )
        slugs = {label.pk: label.slug for label in selectors.verdict_labels()}
        data = ReadyUnitSerializer(page, many=True, context={"label_slugs": slugs}).data
        return self.get_paginated_response(data)

    @extend_schema(request=FastConfirmInputSerializer, responses={200: FastConfirmReportSerializer})
    @action(detail=False, methods=["post"], url_path="fast-confirm")
    def fast_confirm(self, request: Request) -> Response:
        """Decide ready units with their agreed verdicts (and publish them if `publish`), up to
        1,000 at once. Each is checked against the version sent; the report gives each unit's
        outcome in the order sent (a stale or no longer ready unit does not stop the rest)."""
        data = self._input(FastConfirmInputSerializer, request)
        report = units_fast_confirm(
            editor=request_user(request), items=data["items"], publish=data["publish"]
        )
        return Response(FastConfirmReportSerializer(report).data)
