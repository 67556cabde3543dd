"""The API's two kinds of pages, both strict about their parameters.

DRF's paginators quietly fall back to the defaults when `limit`, `offset` or `page_size` is
not a number, and answer a malformed cursor with a 404. A client that sent a typo would
then page through the wrong data without knowing; here it gets a 400 naming the parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination, LimitOffsetPagination
from rest_framework.request import Request

# Far beyond any desk's row count, and small enough for every database's OFFSET.
MAX_OFFSET = 10**9


def _query_int(request: Request, name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValidationError({name: ["A whole number is required."]}) from None
    if not minimum <= value <= maximum:
        raise ValidationError({name: [f"Must be between {minimum} and {maximum}."]})
    return value


def _integer_schema(minimum: int, maximum: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "maximum": maximum}


class LimitOffsetPages(LimitOffsetPagination):
    """`?limit=&offset=` pages with a total count: for lists people page through."""

    default_limit = 100
    max_limit = 1000

    def get_limit(self, request: Request) -> int:
        return _query_int(
            request,
            self.limit_query_param,
            default=self.default_limit,
            minimum=1,
            maximum=self.max_limit,
        )

    def get_offset(self, request: Request) -> int:
        return _query_int(
            request, self.offset_query_param, default=0, minimum=0, maximum=MAX_OFFSET
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"] = _integer_schema(1, self.max_limit)
        offset["schema"] = _integer_schema(0, MAX_OFFSET)
        return [limit, offset]


class CursorPages(CursorPagination):
    """Opaque `?cursor=` pages, stable while rows change: for feeds clients sync from."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request: Request) -> int:
        return _query_int(
            request,
            self.page_size_query_param,
            default=self.page_size,
            minimum=1,
            maximum=self.max_page_size,
        )

    def paginate_queryset(
        self, queryset: QuerySet[Any] | Sequence[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        # A cursor is ours only if it decodes and its position fits the ordering column;
        # anything else is the client's mistake, never a server error.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (NotFound, DjangoValidationError, ValueError, TypeError, OverflowError):
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = _integer_schema(1, self.max_page_size)
        return parameters
