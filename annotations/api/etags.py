"""ETags on detail resources: conditional GETs (304) and safe updates (If-Match, else 412).

A resource's ETag is derived from what changes when it changes (its modification time, or the
unit's version), so a client that sends the ETag it read with a change learns with a 412 that
someone else changed the resource in between, instead of overwriting their work.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import gettext
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.errors import DomainError


def etag_for(*parts: Any) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def _listed(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


class ETagMixin:
    """For viewsets: `etag_of(obj)` names the version; retrieve sets ETag and answers 304,
    and `etag_check(request, obj)` refuses a change sent with a stale If-Match."""

    def etag_of(self, obj: Any) -> str:
        raise NotImplementedError

    def etag_check(self, request: Request, obj: Any) -> None:
        wanted = request.headers.get("If-Match")
        if wanted and wanted.strip() != "*" and self.etag_of(obj) not in _listed(wanted):
            raise DomainError(
                gettext(
                    "The resource changed since you read it (its ETag no longer matches "
                    "If-Match). Read it again and reapply your change."
                ),
                code="precondition_failed",
                status=status.HTTP_412_PRECONDITION_FAILED,
            )

    def etag_respond(self, request: Request, obj: Any, data: Any) -> Response:
        tag = self.etag_of(obj)
        if tag in _listed(request.headers.get("If-None-Match", "")):
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = Response(data)
        response["ETag"] = tag
        return response
