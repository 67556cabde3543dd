"""The API's two kinds of pages, both strict about their parameters.

DRF's paginators quietly fall back to the defaults when `limit`, `offset` or `page_size` is
not a number, and answer a malformed cursor with a 404. A client that sent a typo would
then page through the wrong data without knowing; here it gets a 400 naming the parameter.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, LimitOffsetPagination, _reverse_ordering
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

from annotations.exports.iris import desk_iri

# Opaque: only one from a page's links is a cursor (URL-safe base64, unpadded).
CURSOR_SCHEMA = {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}
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


@dataclass(frozen=True)
class Cursor:
    """A place in a keyset-ordered list: the ordering columns' values of the row it follows
    (or precedes, `reverse`), as text; no position is the start (or, reverse, the end)."""

    ordering: tuple[str, ...]
    position: tuple[str, ...] | None
    reverse: bool


class CursorPages(CursorPagination):
    """Opaque `?cursor=` pages on a keyset, stable while rows change: for feeds clients sync
    from (the verdict change feed, the W3C collections, the ClaimReview feed).

    DRF's own cursor holds only the first ordering column plus an offset among rows that share
    its value: rows changed between two fetches inside such a tie (a bulk publish stamps many
    verdicts with one time) were skipped or served twice, and a tie longer than its offset
    cut-off (1,000) never ended. Here the cursor holds every ordering column, a unique
    tie-breaker (the primary key) appended when the ordering lacks one, and the next page is
    the rows strictly after it in that order: a row changed meanwhile moves past the cursor
    and is served again in its new state, later, and no row is skipped. One query per page.

    The cursor is URL-safe base64 of JSON naming the ordering it was made for: a cursor from
    another ordering, or one that does not decode, is a 400, never a wrong page or a 500.
    """

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
        if not isinstance(queryset, QuerySet):
            raise TypeError("keyset pages need a queryset")
        try:
            return self._paginate(queryset, request, view)
        except _NOT_A_CURSOR:
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None

    def _paginate(self, queryset: QuerySet[Any], request: Request, view: Any) -> list[Any]:
        self.request = request
        self.page_size = self.get_page_size(request)
        self.page_url = desk_iri(request, request.get_full_path())
        self.model = queryset.model
        self.keys = self._unique(self.get_ordering(request, queryset, view))
        cursor = self.at = self.decode_cursor(request)
        reverse = cursor is not None and cursor.reverse
        ordering = _reverse_ordering(self.keys) if reverse else self.keys
        queryset = queryset.order_by(*ordering)
        if cursor is not None and cursor.position is not None:
            queryset = queryset.filter(self._beyond(ordering, cursor.position))
        rows = list(queryset[: self.page_size + 1])
        more, self.page = len(rows) > self.page_size, rows[: self.page_size]
        at_start = cursor is None or (cursor.position is None and not cursor.reverse)
        if cursor is not None and cursor.reverse:
            self.page.reverse()
            self.has_next, self.has_previous = cursor.position is not None, more
        else:
            self.has_next, self.has_previous = more, not at_start
        self.display_page_controls = self.has_previous or self.has_next
        return self.page

    def _unique(self, ordering: tuple[str, ...]) -> tuple[str, ...]:
        pk = self.model._meta.pk.name
        names = [field.lstrip("-") for field in ordering]
        if pk in names or "pk" in names:
            return tuple(
                field.replace("pk", pk) if field.lstrip("-") == "pk" else field
                for field in ordering
            )
        return (*ordering, f"-{pk}" if ordering and ordering[-1].startswith("-") else pk)

    def _field(self, name: str) -> Any:
        return self.model._meta.get_field(name.lstrip("-"))

    def _beyond(self, ordering: Sequence[str], position: tuple[str, ...]) -> Q:
        """The rows after `position` in `ordering`, lexicographically, each column in its own
        direction: (a > x) or (a = x and b > y) or ..."""
        values = [
            self._field(name).to_python(text) for name, text in zip(ordering, position, strict=True)
        ]
        for value in values:
            if isinstance(value, datetime.datetime) and value.tzinfo is None:
                raise ValueError("a cursor's time has no zone")
        alternatives = []
        for i, name in enumerate(ordering):
            equal = {ordering[j].lstrip("-"): values[j] for j in range(i)}
            step = "lt" if name.startswith("-") else "gt"
            alternatives.append(Q(**equal, **{f"{name.lstrip('-')}__{step}": values[i]}))
        return reduce(operator.or_, alternatives)

    def position_of(self, instance: Any) -> tuple[str, ...]:
        return tuple(self._field(name).value_to_string(instance) for name in self.keys)

    def rows_before_page(self, queryset: QuerySet[Any]) -> int:
        """How many rows of `queryset` come before this page (a W3C page's startIndex)."""
        if self.page:
            before = self._beyond(_reverse_ordering(self.keys), self.position_of(self.page[0]))
            return queryset.filter(before).count()
        if self.at is not None and self.at.position is not None and not self.at.reverse:
            return queryset.exclude(self._beyond(self.keys, self.at.position)).count()
        return 0

    def link(self, *, position: tuple[str, ...] | None, reverse: bool) -> str:
        """This list's URL (its other parameters kept) with a cursor at `position`."""
        return self.encode_cursor(Cursor(self.keys, position, reverse))

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        if self.page:
            return self.link(position=self.position_of(self.page[-1]), reverse=False)
        # An empty page going backwards is before the first row: what follows is the start.
        return self.link(position=None, reverse=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if self.page:
            return self.link(position=self.position_of(self.page[0]), reverse=True)
        # An empty page going forwards is past the last row: what precedes it is the end.
        return self.link(position=None, reverse=True)

    def decode_cursor(self, request: Request) -> Cursor | None:  # type: ignore[override]
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        padded = encoded.strip() + "=" * (-len(encoded.strip()) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(data, dict) or data.get("o") != list(self.keys):
            raise ValueError("a cursor of another list or ordering")
        position, reverse = data.get("p"), data.get("r")
        if position is not None and (
            not isinstance(position, list)
            or len(position) != len(self.keys)
            or not all(isinstance(value, str) for value in position)
        ):
            raise ValueError("a cursor's position is one text per ordering column")
        if not isinstance(reverse, bool):
            raise ValueError("a cursor's direction is true or false")
        return Cursor(self.keys, tuple(position) if position is not None else None, reverse)

    def encode_cursor(self, cursor: Cursor) -> str:  # type: ignore[override]
        data = {"o": list(cursor.ordering), "p": cursor.position, "r": cursor.reverse}
        text = json.dumps(data, separators=(",", ":")).encode()
        encoded = base64.urlsafe_b64encode(text).decode("ascii").rstrip("=")
        return replace_query_param(self.page_url, self.cursor_query_param, encoded)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = _integer_schema(1, self.max_page_size)
            if parameter["name"] == self.cursor_query_param:
                parameter["schema"] = CURSOR_SCHEMA
        return parameters


class UpdateOrderPages(CursorPages):
    """Pages in the order rows last changed: a change feed (verdicts: `updated_at`)."""

    ordering = ("updated_at", "id")


# What a cursor that is not ours raises on its way in: bad base64, JSON, types or values.
_NOT_A_CURSOR = (
    DjangoValidationError,
    ValueError,
    TypeError,
    OverflowError,
    UnicodeError,
    binascii.Error,
)
