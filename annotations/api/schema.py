"""OpenAPI post-processing: document the error responses every operation can give, the
`Location` of every 201, and the components drf-spectacular cannot derive.

The API's errors all come from one place (annotations.api.errors) in one of two shapes:
{"detail": ..., "code": ...}, or field errors {"<field>": ["message", ...], ...}. Rather than
repeat them on every view, this hook adds them to every operation that can produce them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from annotations.api.permissions import declared_permission
from annotations.permissions import can

ERROR_SCHEMA = {
    "type": "object",
    "description": "Either {detail, code}, or one list of messages per field at fault.",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": True,
}
ALWAYS = {
    "400": "The request is invalid: each field or query parameter at fault is named with its "
    "message (an undocumented query parameter is refused, as is a body nested deeper than 32 "
    "levels). A URL to fetch that does not answer in time is code `url_timeout`.",
    "401": "Authentication is missing or invalid.",
    "403": "Authenticated, but not allowed to do this.",
    "406": "The Accept header names no format this operation can answer in.",
    "429": "Too many requests; retry after the Retry-After header's seconds.",
}
WITH_ID = {"404": "No such object, or not one you may see."}
PAGED = {"404": "No such page."}
WRITES = {
    "409": "The change conflicts with the object's state (e.g. a stale unit version).",
    "412": "If-Match named an ETag that is no longer current.",
    "413": "The request body is too large.",
    "415": "The body's Content-Type is not one this operation reads (send JSON).",
}


# A ClaimReview document to import: JSON-LD, whatever its shape (one review, a list, an
# @graph, a DataFeed). One component, so that its two media types make one model in clients.
CLAIMREVIEW_DOCUMENT = {"$ref": "#/components/schemas/ClaimReviewDocument"}
COMPONENTS: dict[str, dict[str, Any]] = {
    "Error": ERROR_SCHEMA,
    "ClaimReviewDocument": {
        "type": "object",
        "description": "A schema.org ClaimReview, a list of them, an @graph or a DataFeed.",
        "additionalProperties": {},
    },
}
# Components drf-spectacular cannot say everything about: a tombstone is only its three
# fields, so that a verdict in a feed is exactly one of Verdict and VerdictTombstone.
COMPONENT_PATCHES: dict[str, dict[str, Any]] = {
    "VerdictTombstone": {"additionalProperties": False},
}
LOCATION_HEADER = {
    "description": "The address of the object the request created.",
    "required": True,
    "schema": {"type": "string", "format": "uri"},
}


def error_responses_document(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas |= COMPONENTS
    for name, patch in COMPONENT_PATCHES.items():
        if name in schemas:
            schemas[name] |= patch
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = dict(ALWAYS)
            if "{" in path:
                codes |= WITH_ID
            if any(p.get("name") == "page" for p in operation.get("parameters", [])):
                codes |= PAGED
            if method in {"post", "put", "patch", "delete"}:
                codes |= WRITES | WITH_ID
            responses = operation.setdefault("responses", {})
            for code, description in codes.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
            if method == "get" and "{" in path:
                responses.setdefault("304", {"description": "Not modified (If-None-Match)."})
            if "201" in responses:
                responses["201"].setdefault("headers", {})["Location"] = LOCATION_HEADER
    return result


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """Documents `Authorization: Token fc_…` (PersonalTokenAuthentication)."""

    target_class = "annotations.api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal token from your account page, or a login token from"
                " `POST /api/v1/auth/token/`: `Token fc_…`."
            ),
        }


class DeskAutoSchema(AutoSchema):
    """Documents an operation anyone may call, logged in or not, as open to anonymous clients
    (the empty security requirement drf-spectacular gives AllowAny), from its declared
    permission."""

    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        permission = declared_permission(self.view, self.method)
        if permission is not None and can(AnonymousUser(), permission) and {} not in auths:
            auths.append({})
        return auths
