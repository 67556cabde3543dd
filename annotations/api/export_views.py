"""Streamed exports of published verdicts: CSV and JSON Lines."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request

from annotations.api.negotiation import (
    CsvRenderer,
    JsonLinesRenderer,
    NegotiatedView,
    StreamedRenderer,
)
from annotations.api.query import Rfc3339Field, StrictQueryParameters
from annotations.exports.iris import desk_root_iri
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


class _VerdictExport(StrictQueryParameters, NegotiatedView):
    """A streamed export: one renderer, which names its media type and the synonyms it
    answers to (api/negotiation.py); the view streams the body itself."""

    permission_for_action = {"get": Permission.Verdict.READ}  # published verdicts only
    query_serializer_class = ExportQuerySerializer
    renderer: type[StreamedRenderer]
    filename = ""
    stream: Callable[..., Iterator[bytes]]

    def get(self, request: Request) -> StreamingHttpResponse:
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        after: datetime.datetime | None = query.validated_data.get("updated_after")
        response = StreamingHttpResponse(
            type(self).stream(desk=desk_root_iri(request), updated_after=after),
            content_type=self.renderer.content_type(),
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


@extend_schema(parameters=[UPDATED_AFTER], responses={(200, "text/csv"): OpenApiTypes.STR})
class VerdictCsvExport(_VerdictExport):
    """Published verdicts as CSV (UTF-8, header row, formula cells neutralised), streamed."""

    renderer = CsvRenderer
    renderer_classes = [CsvRenderer]
    filename = "verdicts.csv"
    stream = staticmethod(verdicts_csv)


@extend_schema(
    parameters=[UPDATED_AFTER],
    responses={
        (200, "application/jsonl"): OpenApiTypes.STR,
        # The same lines, for clients (and generated ones) that take an unknown type as bytes.
        (200, "application/octet-stream"): OpenApiTypes.BINARY,
    },
)
class VerdictJsonlExport(_VerdictExport):
    """Published verdicts as JSON Lines (one object per line), streamed."""

    renderer = JsonLinesRenderer
    renderer_classes = [JsonLinesRenderer]
    filename = "verdicts.jsonl"
    stream = staticmethod(verdicts_jsonl)


@extend_schema(parameters=[UPDATED_AFTER], responses={(200, "text/csv"): OpenApiTypes.STR})
class VerdictSourcesCsvExport(_VerdictExport):
    """The published verdicts' sources as CSV, one row per source, keyed by verdict."""

    renderer = CsvRenderer
    renderer_classes = [CsvRenderer]
    filename = "verdict-sources.csv"
    stream = staticmethod(verdicts_sources_csv)
