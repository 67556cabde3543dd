"""One place where domain errors, integrity errors and oversized bodies become JSON responses."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import DataError, IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext, gettext_lazy
from django.views import defaults
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from annotations.errors import DomainError
from annotations.presenters.numbers import numbers_shown

logger = logging.getLogger(__name__)

# Ids in URLs: at most 18 digits, so that every id fits a 64-bit integer column; a longer one
# is simply not found.
ID_PATTERN = "[0-9]{1,18}"


def _nest(field: str, message: str) -> dict[str, Any]:
    """ "target.exact" -> {"target": {"exact": [message]}}; "sources.1.url" -> {"sources":
    {"1": {"url": [message]}}}, the shape DRF itself gives for errors in a list."""
    head, _, rest = field.partition(".")
    return {head: _nest(rest, message) if rest else [message]}


def domain_error_body(error: DomainError) -> dict[str, Any]:
    if error.field and error.status == status.HTTP_400_BAD_REQUEST:
        return {**_nest(error.field, error.message), "code": error.code}
    return {"detail": error.message, "code": error.code}


# What to do about a field left empty, by the field's name: DRF's stock "This field may not be
# null." says nothing of what the reviewer should do.
WHEN_MISSING = {
    "verdict": gettext_lazy("Choose a verdict."),
    "kind": gettext_lazy("Choose what the highlight is: a claim or a quote."),
    "speaker": gettext_lazy("Name who said it."),
    "url": gettext_lazy("Give the source's address (https://…)."),
    "stance": gettext_lazy("Choose whether the source supports or refutes the claim."),
}


def _drf_says(field: type[serializers.Field], code: str, **values: object) -> str:
    """DRF's own message for `code` of `field`, in the active language, as DRF words it."""
    return str(field.default_error_messages[code]).format(**values)


def _what_to_do(message: ErrorDetail, field: str) -> ErrorDetail:
    """DRF's stock wording of a field error replaced by what to do, in the reader's language
    (the desk's scripts show these messages as they come). Matched on the error's code, and
    where a code is shared (a list's "max_length", any "invalid") on DRF's own message for
    it in the same language, so any other message passes unchanged."""
    code = message.code
    if code in {"null", "required", "blank"}:
        return ErrorDetail(str(WHEN_MISSING.get(field) or gettext("Fill this in.")), code)
    if code == "max_length":
        found = re.search(r"[0-9]+", message)
        limit = int(found.group()) if found else None
        if limit is not None and message == _drf_says(
            serializers.CharField, "max_length", max_length=limit
        ):
            text = gettext("Too long: shorten it to %(limit)s characters or fewer.") % {
                "limit": numbers_shown().integer(limit)
            }
            return ErrorDetail(text, code)
    if code == "does_not_exist":
        # An id or slug naming nothing (deleted meanwhile, or never there): the request's form
        # was right, the desk's state is not what the caller thought.
        if field == "verdict":
            return ErrorDetail(
                gettext("This verdict is not on the desk's scale: choose another."), code
            )
        return ErrorDetail(gettext("This does not exist (any more): choose another."), code)
    if code == "invalid_choice":
        return ErrorDetail(gettext("Choose one of the options listed."), code)
    if code == "invalid" and message == _drf_says(serializers.URLField, "invalid"):
        return ErrorDetail(gettext("Enter the whole address, starting with https://."), code)
    return message


def field_errors_plain(detail: Any, field: str = "") -> Any:
    """A ValidationError's detail (messages in lists and dicts, as DRF nests them) with each
    stock message replaced by what to do; `field` is the name the messages are about."""
    if isinstance(detail, ErrorDetail):
        return _what_to_do(detail, field)
    if isinstance(detail, list):
        return [field_errors_plain(inner, field) for inner in detail]
    if isinstance(detail, dict):
        return {
            key: field_errors_plain(inner, field if str(key).isdigit() else str(key))
            for key, inner in detail.items()
        }
    return detail


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(domain_error_body(exc), status=exc.status)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": gettext("The request body is too large."), "code": "body_too_large"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, OverflowError | DataError):
        # A value the database cannot hold (an id or filter value): the input's fault, but
        # worth a line in the log, since validation should have caught it first.
        logger.warning("database refused a request value: %s", exc)
        return Response(
            {"detail": gettext("A value in the request is out of range."), "code": "out_of_range"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        # A constraint caught what validation missed (often a race): the client's data
        # conflicts with the stored state, which is a 409, not a server error.
        return Response(
            {
                "detail": gettext("The change conflicts with stored data."),
                "code": "integrity_conflict",
            },
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = field_errors_plain(response.data)
    if response is not None and isinstance(response.data, list):
        # A bare list of messages (a ValidationError raised without a field): the documented
        # error shape is an object.
        response.data = {"detail": " ".join(str(m) for m in response.data), "code": "invalid"}
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data.setdefault("code", getattr(response.data["detail"], "code", "error"))
    return response


MAX_ID = 2**63 - 1


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 handler: API clients get the API's JSON error, browsers the HTML page.

    A URL under /api/ that matches no route (an id too long to be one, a typo) never reaches
    DRF, so without this a JSON client would be handed an HTML page.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)
