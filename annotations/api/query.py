"""Query-string values the API's lists accept, each checked before any query runs.

Everything here is strict on purpose: a value the documented schema does not allow gets a
400 naming the parameter, rather than being quietly ignored or reaching the database.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.request import Request
from rest_framework.settings import api_settings

from annotations.api.errors import MAX_ID
from annotations.core.uri import URI_MAX, uri_key

# RFC 3339's date-time, which is what OpenAPI's `format: date-time` means: a full time with
# seconds and an explicit offset. Anything looser ("2026-11-25", no offset) is ambiguous
# for a sync client, so it is refused with a message saying what to send.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})")
RFC3339_MESSAGE = "Send an RFC 3339 date-time with an offset, e.g. 2026-11-25T09:30:00Z."


def parse_rfc3339(value: str) -> datetime.datetime:
    """An RFC 3339 date-time as an aware UTC datetime; ValueError if it is not one.

    Converting to UTC here matters beyond tidiness: Python accepts offsets up to ±23:59,
    PostgreSQL only up to ±15:59, so the offset must never be sent along.
    """
    text = value.strip().upper()
    if not _RFC3339.fullmatch(text):
        raise ValueError(RFC3339_MESSAGE)
    # fromisoformat takes at most 6 fractional digits; RFC 3339 allows more.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"Not a valid date-time. {RFC3339_MESSAGE}") from None
    return parsed.astimezone(datetime.UTC)


BLANK_MESSAGE = "Give a value, or leave the parameter out."


class _BlankRefused:
    """For query-string fields: DRF treats `?name=` as absent when the field is optional,
    which would quietly widen a filter a client meant to narrow; refuse it instead."""

    field_name: str | None

    def get_value(self, dictionary: Any) -> Any:
        if dictionary.get(self.field_name) == "":
            return ""  # validated, and refused, like any other value
        return super().get_value(dictionary)  # type: ignore[misc]


class QueryIntegerField(_BlankRefused, serializers.IntegerField):
    """An optional whole number in the query string."""


class QueryChoiceField(_BlankRefused, serializers.ChoiceField):
    """An optional choice in the query string."""


class QueryDateField(_BlankRefused, serializers.DateField):
    """An optional date in the query string."""


class QuerySlugField(_BlankRefused, serializers.SlugField):
    """An optional slug in the query string."""


class QueryCharField(_BlankRefused, serializers.CharField):
    """An optional text in the query string."""


class Rfc3339Field(_BlankRefused, serializers.Field):
    """A serializer field for RFC 3339 date-times (see parse_rfc3339)."""

    def to_internal_value(self, data: Any) -> datetime.datetime:
        try:
            return parse_rfc3339(str(data))
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None

    def to_representation(self, value: datetime.datetime) -> str:
        return value.isoformat()


URI_SCHEMA = {"type": "string", "format": "uri", "maxLength": URI_MAX}
URI_HELP = (
    "The document's address (an http or https URL), compared as Hypothesis compares them: "
    "http and https alike, `www.`, a trailing slash, a default port, the fragment and "
    "tracking parameters (utm_*, fbclid, gclid, ref, ...) ignored, parameters in any order."
)


@extend_schema_field(URI_SCHEMA)
class QueryUriField(_BlankRefused, serializers.CharField):
    """`?uri=`: a document's address, validated to its look-up key (core.uri.uri_key), which
    the view matches against Article.url_key."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", URI_HELP)
        super().__init__(trim_whitespace=False, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        try:
            return uri_key(super().to_internal_value(data))
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None


class _UriFormField(forms.CharField):
    def to_python(self, value: Any) -> str | None:
        if value in self.empty_values:
            return None
        try:
            return uri_key(str(value))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


@extend_schema_field(URI_SCHEMA)
class UriFilter(django_filters.CharFilter):
    """`?uri=` on a list: the rows on the article at that address, matched on its indexed
    look-up key (`field_name` names the article's `url_key`)."""

    field_class = _UriFormField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", URI_HELP)
        super().__init__(*args, **kwargs)


class _Rfc3339FormField(forms.Field):
    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        try:
            return parse_rfc3339(str(value))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


@extend_schema_field({"type": "string", "format": "date-time"})
class DateTimeFilter(django_filters.Filter):
    """A django-filter filter on an RFC 3339 date-time, compared in UTC."""

    field_class = _Rfc3339FormField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number that fits the database's 64-bit ids, checked before any query."""

    # Whole numbers only: django-filter's NumberFilter takes decimals (its stubs say only those).
    field_class = forms.IntegerField  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that refuses `?name=` for any of its filters instead of ignoring it."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            # Never None at run time (django-filter makes it empty); its stubs allow None.
            if (self.data or {}).get(name) == "":
                self.form.add_error(name, BLANK_MESSAGE)
                valid = False
        return valid


class StrictSearchFilter(SearchFilter):
    """`?search=` whose errors name the parameter (DRF's answer a NUL with a bare list)."""

    def get_search_terms(self, request: Request) -> list[str]:
        try:
            return super().get_search_terms(request)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({self.search_param: error.detail}) from None

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        # The schema says what the 400 above refuses (NUL), so that a client, and the schema's
        # fuzzer, never send a "valid" search the desk turns away.
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.search_param:
                parameter["schema"] = {**parameter["schema"], "pattern": "^[^\\u0000]*$"}
        return parameters


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` naming only documented fields; DRF would silently drop the others."""

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        raw = request.query_params.get(self.ordering_param)
        if raw is not None:
            allowed = {f"{sign}{field}" for field in view.ordering_fields for sign in ("", "-")}
            wrong = [term.strip() for term in raw.split(",") if term.strip() not in allowed]
            if wrong or not raw.strip():
                raise serializers.ValidationError(
                    {self.ordering_param: [f"Order by one of: {', '.join(sorted(allowed))}."]}
                )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        fields = [f"{p}{f}" for f in view.ordering_fields for p in ("", "-")]
        for parameter in parameters:
            parameter["schema"] = {"type": "string", "enum": fields}
            parameter["description"] = "Sort by one field; a leading '-' reverses the order."
        return parameters


def noop_filter(queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
    """For parameters a selector applies itself; the filter only validates and documents."""
    return queryset


@extend_schema_field({"type": "string", "format": "date"})
class IsoDateFilter(django_filters.DateFilter):
    """A date as YYYY-MM-DD only: Django's other input formats (10/25/06) are ambiguous."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)


class StrictQueryParameters:
    """For every API view: a GET with a query parameter the endpoint does not document is a
    400 naming it. Quietly ignoring `?uri=` (or `?limit=` on a cursor-paged list) would answer
    a wider list than the client asked for.

    What an endpoint documents is read from what it uses: its FilterSet's filters, `search`
    and `ordering` when it has those backends, its paginator's parameters (lists only), the
    fields of `query_serializer_class` (for views that read the query string themselves) or,
    on a viewset, of the action's serializer in `query_serializer_for_action`, and `format`,
    whose unknown values are a 400 too (DRF would answer a bare 404).
    """

    query_serializer_class: type[serializers.Serializer] | None = None
    query_serializer_for_action: dict[str, type[serializers.Serializer]] = {}  # noqa: RUF012  # read only

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Only for a read the endpoint answers: any other method is left to its 405.
        reads = request.method in {"GET", "HEAD"} and hasattr(self, request.method.lower())
        if reads:
            self._format_check(request)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if reads:
            known = self.query_parameters()
            unknown = sorted(set(request.query_params) - known)
            if unknown:
                accepted = ", ".join(sorted(known))
                raise serializers.ValidationError(
                    {
                        name: [f"Unknown parameter. This endpoint accepts: {accepted}."]
                        for name in unknown
                    }
                )

    def _format_check(self, request: Request) -> None:
        name = api_settings.URL_FORMAT_OVERRIDE
        value = request.query_params.get(name) if name else None
        if value is None:
            return
        formats = sorted({renderer.format for renderer in self.get_renderers()})  # type: ignore[attr-defined]
        if value not in formats:
            raise serializers.ValidationError({name: [f"Use one of: {', '.join(formats)}."]})

    def query_parameters(self) -> set[str]:
        names = {api_settings.URL_FORMAT_OVERRIDE} - {None}
        # A viewset action reads the query string only through its serializer, if it has one.
        action_serializer = self.query_serializer_for_action.get(
            getattr(self, "action", None) or ""
        )
        if action_serializer is not None:
            names |= set(action_serializer().fields)
        # Otherwise an action on one object (detail=True) reads nothing from the query string;
        # lists, and plain views (no `detail`), take their documented parameters.
        if getattr(self, "detail", None) is True:
            return names
        if self.query_serializer_class is not None:
            names |= set(self.query_serializer_class().fields)
        for backend in getattr(self, "filter_backends", []):
            names |= _backend_parameters(backend(), self)
        paginator = getattr(self, "paginator", None)
        if paginator is not None:
            names |= {p["name"] for p in paginator.get_schema_operation_parameters(self)}
        return names


def _backend_parameters(backend: Any, view: Any) -> set[str]:
    if isinstance(backend, DjangoFilterBackend):
        filterset = getattr(view, "filterset_class", None)
        return set(filterset.base_filters) if filterset is not None else set()
    if isinstance(backend, SearchFilter):
        return {backend.search_param} if getattr(view, "search_fields", None) else set()
    if isinstance(backend, OrderingFilter):
        return {backend.ordering_param} if getattr(view, "ordering_fields", None) else set()
    return {p["name"] for p in backend.get_schema_operation_parameters(view)}
