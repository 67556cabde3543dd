"""GET /api/v1/search/: one search over claims, published verdicts, external fact-checks and
articles (selectors.search), paged like the other lists."""

from __future__ import annotations

import html
from typing import Any

from django.utils.html import strip_tags
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.fields import StrictCharField
from annotations.api.pagination import LimitOffsetPages
from annotations.api.query import (
    QueryCharField,
    QueryChoiceField,
    QueryDateField,
    QuerySlugField,
    StrictQueryParameters,
)
from annotations.api.schema import WHITESPACE as SPACE
from annotations.core.search_text import (
    LANGUAGE_MESSAGE,
    LANGUAGE_TAG,
    MAX_QUERY_LENGTH,
    NO_WORD_MESSAGE,
    query_parse,
)
from annotations.permissions import Permission
from annotations.selectors.search import KIND_NAMES, SOURCES, SearchFilters


@extend_schema_field(
    # LANGUAGE_TAG, around white space DRF trims.
    {"type": "string", "maxLength": 16, "pattern": f"^[{SPACE}]*{LANGUAGE_TAG.pattern}[{SPACE}]*$"}
)
class LanguageTagField(QueryCharField):
    """A BCP 47 language tag in the query string (checked by validate_language)."""


class SearchQuerySerializer(serializers.Serializer):
    """The query string of /api/v1/search/; every filter is optional, none may be blank."""

    q = StrictCharField(
        max_length=MAX_QUERY_LENGTH,
        trim_whitespace=False,
        help_text='What to find: words (all required), "a phrase", `or` between two '
        "alternatives, -word to leave out.",
    )
    kind = QueryChoiceField(choices=list(KIND_NAMES), required=False)
    label = QuerySlugField(  # type: ignore[assignment]  # a field, as in VerdictSerializer
        max_length=50, required=False, help_text="A desk verdict label's slug."
    )
    date_from = QueryDateField(input_formats=["%Y-%m-%d"], required=False)
    date_to = QueryDateField(input_formats=["%Y-%m-%d"], required=False)
    publisher = QueryCharField(max_length=200, required=False)
    language = LanguageTagField(max_length=16, required=False, help_text='A tag, e.g. "en".')
    source = QueryChoiceField(choices=list(SOURCES), required=False)  # type: ignore[assignment]  # a field named "source", not Field.source

    def validate_q(self, value: str) -> str:
        if query_parse(value).empty:
            raise serializers.ValidationError(NO_WORD_MESSAGE)
        return value

    def validate_label(self, value: str) -> str:
        if value not in {label.slug for label in selectors.verdict_labels()}:
            raise serializers.ValidationError("No verdict label has this slug.")
        return value

    def validate_language(self, value: str) -> str:
        if not LANGUAGE_TAG.fullmatch(value):
            raise serializers.ValidationError(LANGUAGE_MESSAGE)
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": ["Must not be before date_from."]})
        return attrs

    def filters(self) -> SearchFilters:
        data = {name: value for name, value in self.validated_data.items() if name != "q"}
        return SearchFilters(**data)


class SearchResultSerializer(serializers.Serializer):
    """One thing found, best first."""

    kind = serializers.ChoiceField(choices=list(KIND_NAMES))
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="The claim, the claim as checked, or the title.")
    url = serializers.CharField(
        help_text="The desk's page or API address for it; an external fact-check's own URL."
    )
    snippet = serializers.CharField(
        source="snippet_html",
        help_text="HTML: the text around the matches, escaped, each match inside <mark>.",
    )
    text = serializers.SerializerMethodField(help_text="The snippet as plain text.")
    score = serializers.FloatField(help_text="The database's relevance; higher is better.")
    label = serializers.CharField(  # type: ignore[assignment]  # a field, as in VerdictSerializer
        allow_null=True, help_text="The desk verdict label's slug."
    )
    label_name = serializers.CharField(
        allow_null=True, help_text="The label's name, or an external fact-check's rating."
    )
    date = serializers.DateField(allow_null=True)
    publisher = serializers.CharField()
    language = serializers.CharField()

    def get_text(self, result: selectors.SearchResult) -> str:
        # The snippet's own escaping undone: what a client shows as text.
        return html.unescape(strip_tags(result.snippet_html))


class SearchPages(LimitOffsetPages):
    default_limit = 20
    max_limit = 100


class SearchView(StrictQueryParameters, generics.GenericAPIView):
    """Search claims, the desk's published verdicts (their explanations and sources), other
    fact-checkers' reviews and articles; best first, with highlighted snippets. Highlights
    (annotations) are never searched."""

    permission_for_action = {"get": Permission.Search.READ}
    query_serializer_class = SearchQuerySerializer
    pagination_class = SearchPages
    filter_backends: list[Any] = []
    serializer_class = SearchResultSerializer

    @extend_schema(
        parameters=[SearchQuerySerializer], responses={200: SearchResultSerializer(many=True)}
    )
    def get(self, request: Request) -> Response:
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        results = selectors.search(request.user, query.validated_data["q"], query.filters())
        page = self.paginate_queryset(results)  # type: ignore[arg-type]  # sliced like a queryset
        return self.get_paginated_response(SearchResultSerializer(page, many=True).data)
