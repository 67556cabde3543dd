"""Streamed exports of published verdicts: CSV and JSON Lines."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from annotations.api.query import Rfc3339Field, StrictQueryParameters
from annotations.exports.streams import verdicts_csv, verdicts_jsonl, verdicts_sources_csv
from annotations.permissions import Permission


class ExportQuerySerializer(serializers.Serializer):
    updated_after = Rfc3339Field(required=False)


UPDATED_AFTER = OpenApiParameter(
    "updated_after",
    OpenApiTypes.DATETIME,
    description="Only verdicts changed after this time; a verdict withdrawn since then comes "
    "as a tombstone (its id, is_published false and updated_at, nothing else).",
)


class _VerdictExport(StrictQueryParameters, APIView):
    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only
    query_serializer_class = ExportQuerySerializer
    content_type = ""
    filename = ""
    stream: Callable[..., Iterator[bytes]]

    def get(self, request: Request) -> StreamingHttpResponse:
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        after: datetime.datetime | None = query.validated_data.get("updated_after")
        response = StreamingHttpResponse(
            type(self).stream(updated_after=after), content_type=self.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


@extend_schema(parameters=[UPDATED_AFTER], responses={(200, "text/csv"): OpenApiTypes.STR})
class VerdictCsvExport(_VerdictExport):
    """Published verdicts as CSV (UTF-8, header row, formula cells neutralised), streamed."""

    content_type = "text/csv; charset=utf-8"
    filename = "verdicts.csv"
    stream = staticmethod(verdicts_csv)


@extend_schema(parameters=[UPDATED_AFTER], responses={(200, "application/jsonl"): OpenApiTypes.STR})
class VerdictJsonlExport(_VerdictExport):
    """Published verdicts as JSON Lines (one object per line), streamed."""

    content_type = "application/jsonl; charset=utf-8"
    filename = "verdicts.jsonl"
    stream = staticmethod(verdicts_jsonl)


@extend_schema(parameters=[UPDATED_AFTER], responses={(200, "text/csv"): OpenApiTypes.STR})
class VerdictSourcesCsvExport(_VerdictExport):
    """The published verdicts' sources as CSV, one row per source, keyed by verdict."""

    content_type = "text/csv; charset=utf-8"
    filename = "verdict-sources.csv"
    stream = staticmethod(verdicts_sources_csv)
