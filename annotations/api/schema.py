"""OpenAPI post-processing: document the error responses every operation can give, the
`Location` of every 201, and the components drf-spectacular cannot derive.

The API's errors all come from one place (annotations.api.errors) in one of two shapes:
{"detail": ..., "code": ...}, or field errors {"<field>": ["message", ...], ...}. Rather than
repeat them on every view, this hook adds them to every operation that can produce them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from annotations.api.fields import FreeTextField, NameField, StrictCharField
from annotations.api.permissions import declared_permission
from annotations.api.query import QueryCharField, StrictFilterSet
from annotations.api.serializers import HttpUrlField
from annotations.core.text import free_text_forbidden_characters, name_forbidden_characters
from annotations.permissions import can


def character_class(belongs: Callable[[str], bool]) -> str:
    """The characters of the Basic Multilingual Plane that `belongs` picks, as the ranges of
    a regular expression's character class, each as a `\\u` escape (read alike by ECMA-262
    and Python). Lone surrogates are left out: no Unicode pattern can name them."""
    ranges: list[tuple[int, int]] = []
    for code in range(0xFFFF + 1):
        if belongs(chr(code)) and not 0xD800 <= code <= 0xDFFF:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        f"\\u{first:04x}" + ("" if first == last else f"-\\u{last:04x}") for first, last in ranges
    )


# What DRF trims from text (str.strip): spelled out, since `\s` means less in ECMA-262 and
# in the ASCII reading schemathesis takes (neither has U+001C-U+001F).
WHITESPACE = character_class(str.isspace)


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


def exactly_one(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """`first` or `second` holds, not both: as a `not`, which generated clients leave aside
    (a oneOf would make them two models without the object's other fields)."""
    both = {"allOf": [first, second]}
    neither = {"not": {"anyOf": [first, second]}}
    return {"not": {"anyOf": [both, neither]}}


# Components drf-spectacular cannot say everything about: a tombstone is only its three
# fields, so that a verdict in a feed is exactly one of Verdict and VerdictTombstone; the
# exclusive choices of an article from text or from a URL, of a comment on a unit or on an
# article; a comment's edit is its new body.
COMPONENT_PATCHES: dict[str, dict[str, Any]] = {
    "VerdictTombstone": {"additionalProperties": False},
    "ArticleInputRequest": exactly_one(
        # Text with something besides white space; a URL that is not empty.
        {"required": ["text"], "properties": {"text": {"pattern": f"[^{WHITESPACE}]"}}},
        {"required": ["url"], "properties": {"url": {"minLength": 1}}},
    ),
    "CommentCreateRequest": exactly_one({"required": ["unit"]}, {"required": ["article"]}),
    "PatchedCommentEditRequest": {"required": ["body"]},
}


def property_patches() -> dict[tuple[str, str], dict[str, Any]]:
    """Properties the serializers cannot say everything about, read when the schema is made:
    a highlight's text is not only white space, and no longer than the desk's setting."""
    return {
        ("TargetInputRequest", "exact"): {
            "maxLength": settings.ANNOTATION_MAX_CHARACTERS,
            "pattern": text_pattern(TEXT_FORBIDDEN, blank=False),
        },
    }


# Fields whose text the desk takes as it is, but for the characters they refuse.
TEXT_FIELDS = (serializers.CharField, StrictCharField, NameField, FreeTextField, QueryCharField)
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
    for (name, field), patch in property_patches().items():
        if field in schemas.get(name, {}).get("properties", {}):
            schemas[name]["properties"][field] |= patch
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
            _body_required_when_needed(operation.get("requestBody"), schemas)
    return result


def _body_required_when_needed(body: dict[str, Any] | None, schemas: dict[str, Any]) -> None:
    """A body whose object has required fields or a choice to make cannot be left out."""
    if not body:
        return
    for content in body.get("content", {}).values():
        reference = content.get("schema", {}).get("$ref", "")
        component = schemas.get(reference.rsplit("/", 1)[-1], {})
        if component.get("required") or "not" in component:
            body["required"] = True


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


@functools.cache
def _name_forbidden_class() -> str:
    """What a visible name may not hold (core.text.name_forbidden_characters). The two dozen
    format characters beyond the BMP (Egyptian hieroglyph and musical formatting) are left
    out, as schemathesis cannot generate around them; the desk still refuses them."""
    return character_class(lambda character: bool(name_forbidden_characters(character)))


def _free_text_forbidden_class() -> str:
    """The text-direction controls free text may not hold (core.text.DIRECTION_CONTROLS)."""
    return character_class(lambda character: bool(free_text_forbidden_characters(character)))


def text_pattern(forbidden: str, *, blank: bool) -> str:
    """A pattern for text without the `forbidden` characters (a class body) and, unless
    `blank`, with at least one character that is not white space (DRF trims it away)."""
    if blank:
        return f"^[^{forbidden}]*$"
    return f"^[^{forbidden}]*[^{forbidden}{WHITESPACE}][^{forbidden}]*$"


# DRF's CharField refuses NUL (and lone surrogates, which no pattern can name).
NUL = "\\u0000"
TEXT_FORBIDDEN = NUL
# A subset of the URLs url_host_check (annotations/fetching.py) accepts: an http(s) scheme, a
# host of letters, digits, dots and hyphens ending in a top-level domain of two to six letters
# (never an IP address or localhost, which may be refused), and a path or query of unreserved
# characters. Other URLs it accepts (ports, percent escapes, IRIs, public addresses) are valid
# too; the schema describes the plain ones, that a generated request is always one the desk
# takes.
HTTP_URL = (
    r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,6}"
    r"(/[A-Za-z0-9._~/?=&-]*)?"
)


class DeskAutoSchema(AutoSchema):
    """Documents an operation anyone may call, logged in or not, as open to anonymous clients
    (the empty security requirement drf-spectacular gives AllowAny), from its declared
    permission; and says of text what the desk's fields refuse, so that a request the schema
    allows is one they take:

    - text fields refuse NUL, names (NameField) also control and text-direction characters,
      free text (FreeTextField) the text-direction controls that reorder it,
      and a required text field refuses one of only white space (DRF trims it): patterns;
    - a filter given empty (`?label=`) is refused rather than ignored (StrictFilterSet):
      minLength 1.
    """

    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        permission = declared_permission(self.view, self.method)
        if permission is not None and can(AnonymousUser(), permission) and {} not in auths:
            auths.append({})
        return auths

    _direction = "request"  # of the serializer being mapped (query parameters: a request)

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        outer, self._direction = self._direction, direction
        try:
            return dict(super()._map_basic_serializer(serializer, direction))
        finally:
            self._direction = outer

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = dict(
            super()._map_serializer_field(field, direction, bypass_extensions)
        )
        # A nested list (many=True) keeps its length limits, which drf-spectacular drops for
        # a ListSerializer (it keeps them for a ListField): a longer list is refused.
        if isinstance(field, serializers.ListSerializer) and schema.get("type") == "array":
            # (The stubs do not declare the two limits ListSerializer takes.)
            longest, shortest = (
                getattr(field, "max_length", None),
                getattr(field, "min_length", None),
            )
            if longest is not None:
                schema["maxItems"] = longest
            if shortest is not None:
                schema["minItems"] = shortest
        return schema

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        super()._insert_field_validators(field, schema)
        # After drf-spectacular's own: a blank text stays within the pattern (no oneOf). What
        # the desk answers is described as it is, whatever it holds.
        if self._direction != "request" or schema.get("type") != "string":
            return
        if isinstance(field, HttpUrlField):
            schema["pattern"] = f"^({HTTP_URL})?$" if field.allow_blank else f"^{HTTP_URL}$"
        elif type(field) in TEXT_FIELDS and not {"pattern", "format", "enum"} & set(schema):
            forbidden = TEXT_FORBIDDEN
            if isinstance(field, NameField):
                forbidden = _name_forbidden_class()
            elif isinstance(field, FreeTextField):
                forbidden = TEXT_FORBIDDEN + _free_text_forbidden_class()
            blank = field.allow_blank or not field.trim_whitespace
            schema["pattern"] = text_pattern(forbidden, blank=blank)

    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super()._get_filter_parameters()
        filterset = getattr(self.view, "filterset_class", None)
        if filterset is None or not issubclass(filterset, StrictFilterSet):
            return parameters
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if parameter["name"] not in filterset.base_filters:
                continue
            if schema.get("type") == "string" and not {"pattern", "format", "enum"} & set(schema):
                # django-filter's text fields refuse NUL too; "" is StrictFilterSet's 400.
                schema["pattern"] = f"^[^{TEXT_FORBIDDEN}]+$"
            if schema.get("type") == "string":
                schema.setdefault("minLength", 1)
        return parameters
