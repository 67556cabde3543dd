"""Output serializers of GET /api/v1/articles/{id}/suggestions/: every field of the document
presenters/suggestions.py builds, named, so the OpenAPI schema documents it."""

from __future__ import annotations

from rest_framework import serializers

from annotations.models import ClaimLink, Suggestion


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
    claim_url = serializers.CharField()
    verdicts = SuggestionVerdictSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Send it as `suggestion` when creating the highlight.")
    kind = serializers.ChoiceField(choices=Suggestion.Kind.choices)
    target = SuggestionTargetSerializer()
    speaker = serializers.CharField(allow_null=True, help_text="Quotes; null when unknown.")
    speaker_confidence = serializers.FloatField(allow_null=True)
    score = serializers.FloatField(
        help_text="0 to 1: how check-worthy (claims), how sure it is a quote (quotes)."
    )
    features = serializers.ListField(child=serializers.CharField())
    matches = SuggestionMatchSerializer(many=True)


class ArticleSuggestionsSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        allow_null=True, help_text="The revision number the offsets refer to (the latest)."
    )
    computed = serializers.BooleanField(
        help_text="False while the suggestions of the latest revision are being computed."
    )
    model = serializers.CharField(
        help_text='"rules" or "desk-model-<date>" (a later run of the same day: '
        '"desk-model-<date>-2", "-3" ...).'
    )
    results = SuggestionSerializer(many=True, help_text="In text order.")
