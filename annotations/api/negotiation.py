"""Content negotiation for the endpoints that serve documents in a standard's own media type:
the W3C Web Annotation collections and items, ClaimReview, the CSV and JSON Lines exports.

DRF's negotiation matches an Accept header against each renderer's one media type, ignores
q-values, and requires a renderer's parameters in the client's type: a client that sent exactly
what the Web Annotation Protocol tells it to (`application/ld+json;
profile="http://www.w3.org/ns/anno.jsonld"`), or plain `application/ld+json`, got a 406, and
`Accept: text/html` got DRF's browsable page labelled as JSON-LD. Here:

- each renderer serves one media type (its `media_type`, which becomes the response's
  Content-Type, unchanged) and answers to that type and to the synonyms in `answers_to`;
- the client's parameters must be satisfied by the representation: `charset` by the renderer's
  charset, JSON-LD's `profile` (a space-separated list of URIs, JSON-LD 1.1 §9) by the profiles
  the document conforms to (`profiles`), any other parameter by the type served;
- q-values count as RFC 9110 §12.5.1 has them: the most specific range that matches a type gives
  its quality, q=0 refuses it; the highest quality wins, ties go to the renderer listed first;
- nothing acceptable is a 406 naming the types the endpoint serves, as JSON; errors after the
  choice (400, 403, 404, 429) are JSON too, never a JSON-LD or CSV label on an error body.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http.request import MediaType
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from annotations.core.formats import w3c

# JSON-LD 1.1 §9: the profile of a document in compacted form; every document served here is.
JSONLD_COMPACTED = "http://www.w3.org/ns/json-ld#compacted"
# Bounds on the work one Accept header can cause (DRF's own limits).
MAX_ACCEPT_LENGTH = 8192
MAX_ACCEPT_RANGES = 64


class W3CRenderer(JSONRenderer):
    """A W3C Web Annotation document, as the Web Annotation Protocol serves it (§4.1)."""

    media_type = w3c.MEDIA_TYPE
    format = "jsonld"
    answers_to: tuple[str, ...] = ("application/ld+json", "application/json")
    profiles = frozenset({w3c.CONTEXT, JSONLD_COMPACTED})


class ClaimReviewRenderer(JSONRenderer):
    """schema.org JSON-LD (compacted, with the schema.org context)."""

    media_type = "application/ld+json"
    format = "jsonld"
    answers_to: tuple[str, ...] = ("application/json",)
    profiles = frozenset({JSONLD_COMPACTED})


class StreamedRenderer(BaseRenderer):
    """A type a view streams itself (a StreamingHttpResponse): chosen by negotiation, never
    asked to render (errors go out as JSON)."""

    charset = "utf-8"
    answers_to: tuple[str, ...] = ()

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        raise NotImplementedError("streamed by the view")

    @classmethod
    def content_type(cls) -> str:
        return f"{cls.media_type}; charset={cls.charset}"


class CsvRenderer(StreamedRenderer):
    media_type = "text/csv"
    format = "csv"


class JsonLinesRenderer(StreamedRenderer):
    # application/jsonl is what the desk served first; the other names are the same format
    # (one JSON text per line) under the names NDJSON and JSON Lines clients send, and a
    # client that asks for plain bytes (application/octet-stream) gets them too.
    media_type = "application/jsonl"
    format = "jsonl"
    answers_to = (
        "application/x-ndjson",
        "application/x-jsonlines",
        "application/jsonlines",
        "application/octet-stream",
    )


def _accepted_ranges(header: str) -> list[MediaType]:
    if len(header) > MAX_ACCEPT_LENGTH:
        header = header[: header.rfind(",", 0, MAX_ACCEPT_LENGTH) + 1]
    ranges = [MediaType(token) for token in header.split(",") if token.strip()]
    return [r for r in ranges[:MAX_ACCEPT_RANGES] if r.main_type and r.sub_type]


def _satisfies(renderer: BaseRenderer, served: MediaType, wanted: MediaType) -> bool:
    """Whether `served` (one of the renderer's types) is within the client's range `wanted`."""
    for mine, theirs in ((served.main_type, wanted.main_type), (served.sub_type, wanted.sub_type)):
        if theirs != "*" and theirs.lower() != mine:
            return False
    for name, raw in wanted.range_params.items():
        name = name.lower()
        value = raw if isinstance(raw, str) else raw.decode()  # str at run time
        if name == "charset":
            if str(renderer.charset or "utf-8").lower() != value.lower():
                return False
        elif name == "profile":
            if not set(value.split()) <= getattr(renderer, "profiles", frozenset()):
                return False
        elif name not in served.params or str(served.params[name]) != value:
            return False
    return True


def _quality(renderer: BaseRenderer, ranges: Sequence[MediaType]) -> float:
    """The quality the client gives the renderer's representation: that of the most specific
    range any of its types falls in (0 when none does)."""
    served = [MediaType(renderer.media_type)] + [
        MediaType(name) for name in getattr(renderer, "answers_to", ())
    ]
    best: MediaType | None = None
    for wanted in ranges:
        if any(_satisfies(renderer, one, wanted) for one in served) and (
            best is None or wanted.specificity > best.specificity
        ):
            best = wanted
    return best.quality if best is not None else 0.0


class AcceptNegotiation(DefaultContentNegotiation):
    """The Accept header read as RFC 9110 reads it (see the module's docstring)."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderers = list(renderers)
        name = api_settings.URL_FORMAT_OVERRIDE
        chosen_format = format_suffix or (request.query_params.get(name) if name else None)
        if chosen_format:
            renderers = self.filter_renderers(renderers, chosen_format)
        ranges = _accepted_ranges(request.headers.get("Accept", "") or "*/*")
        scored = [
            (_quality(renderer, ranges), -i, renderer) for i, renderer in enumerate(renderers)
        ]
        quality, _, renderer = max(scored, key=lambda score: score[:2])
        if quality <= 0:
            served = ", ".join(
                dict.fromkeys(
                    one for r in renderers for one in (r.media_type, *getattr(r, "answers_to", ()))
                )
            )
            raise NotAcceptable(f"This endpoint serves {served}; the Accept header allows none.")
        return renderer, renderer.media_type


class NegotiatedView(APIView):
    """An APIView whose renderers are the document types above: negotiation by
    AcceptNegotiation, errors as plain JSON (the browsable page keeps its HTML)."""

    content_negotiation_class = AcceptNegotiation

    def perform_content_negotiation(
        self, request: Request, force: bool = False
    ) -> tuple[BaseRenderer, str]:
        try:
            return super().perform_content_negotiation(request)
        except NotAcceptable:
            if not force:
                raise
            # The 406 itself, and errors raised before any renderer was chosen.
            return JSONRenderer(), JSONRenderer.media_type

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        # Errors and OPTIONS' description of the endpoint are no documents of the standard
        # (a streamed export is an HttpResponse of its own, left as it is).
        if (
            isinstance(response, Response)
            and (response.exception or request.method == "OPTIONS")
            and not isinstance(getattr(request, "accepted_renderer", None), BrowsableAPIRenderer)
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
