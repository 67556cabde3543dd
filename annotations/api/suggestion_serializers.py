"""Serializers of GET /api/v1/articles/{id}/suggestions/: its query string, and every field of
the document presenters/suggestions.py builds, named, so the OpenAPI schema documents it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers

from annotations.api.pagination import MAX_OFFSET
from annotations.api.query import QueryIntegerField
from annotations.models import ClaimLink, Suggestion

if TYPE_CHECKING:  # the stubs' name for a lazy string; Django has no such class at runtime
    from django.utils.functional import _StrPromise as StrPromise

# A 200,000-character article gave 1,651 suggestions (608 KB): served in pages of this many.
DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
MAX_REVISION = 999_999_999


def _between(minimum: int, maximum: int) -> dict[str, str | StrPromise]:
    message = f"Must be a whole number between {minimum} and {maximum}."
    return {"invalid": message, "min_value": message, "max_value": message}


class ArticleSuggestionsQuerySerializer(serializers.Serializer):
    """The query string of GET /api/v1/articles/{id}/suggestions/."""

    limit = QueryIntegerField(
        min_value=1,
        max_value=MAX_LIMIT,
        default=DEFAULT_LIMIT,
        required=False,
        error_messages=_between(1, MAX_LIMIT),
        help_text=f"How many suggestions to return (default {DEFAULT_LIMIT}).",
    )
    offset = QueryIntegerField(
        min_value=0,
        max_value=MAX_OFFSET,
        default=0,
        required=False,
        error_messages=_between(0, MAX_OFFSET),
        help_text="How many suggestions to skip, in text order.",
    )
    revision = QueryIntegerField(
        min_value=1,
        max_value=MAX_REVISION,
        required=False,
        error_messages=_between(1, MAX_REVISION),
        help_text="The number of one of the article's revisions (its latest without).",
    )


class SuggestionTargetSerializer(serializers.Serializer):
    """Where the suggestion lies: W3C TextQuoteSelector and TextPositionSelector (code points
    of the revision's text, end exclusive; a quote's span excludes its quote marks)."""

    exact = serializers.CharField()
    prefix = serializers.CharField(allow_blank=True)
    suffix = serializers.CharField(allow_blank=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class SuggestionVerdictSerializer(serializers.Serializer):
    by = serializers.CharField(help_text='"desk", or the fact-checker\'s name.')
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label: the metaclass collects it
    url = serializers.CharField(allow_null=True)


class SuggestionMatchSerializer(serializers.Serializer):
    """A checked claim the suggested claim restates (claim memory)."""

    claim = serializers.IntegerField()
    score = serializers.FloatField()
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)
    language = serializers.CharField(help_text="The checked claim's language; empty if unknown.")
    cross_language = serializers.BooleanField(
        help_text="The claim's language and the article's are both known and differ."
    )
    claim_url = serializers.CharField()
    verdicts = SuggestionVerdictSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Send it as `suggestion` when creating the highlight.")
    kind = serializers.ChoiceField(choices=Suggestion.Kind.choices)
    target = SuggestionTargetSerializer()
    speaker = serializers.CharField(allow_null=True, help_text="Quotes; null when unknown.")
    speaker_confidence = serializers.FloatField(allow_null=True)
    speaker_sure = serializers.BooleanField(
        help_text="The speaker is one the desk is sure of (confidence 0.5 or more); false for "
        "an unknown speaker or a name to check."
    )
    score = serializers.FloatField(
        help_text="0 to 1: how check-worthy (claims), how sure it is a quote (quotes)."
    )
    features = serializers.ListField(child=serializers.CharField())
    matches = SuggestionMatchSerializer(many=True)


class ArticleSuggestionsSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        allow_null=True,
        help_text="The revision number the offsets refer to (the latest unless asked).",
    )
    computed = serializers.BooleanField(
        help_text="False while the suggestions of the revision are being computed."
    )
    count = serializers.IntegerField(help_text="How many suggestions the revision has in all.")
    next = serializers.CharField(
        allow_null=True, help_text="The address of the next page; null on the last."
    )
    model = serializers.CharField(
        help_text='"rules" or "desk-model-<date>" (a later run of the same day: '
        '"desk-model-<date>-2", "-3" ...).'
    )
    results = SuggestionSerializer(many=True, help_text="In text order.")
