"""Serializers for appearances to review (a sentence of an article restating a checked claim):
explicit fields, built from selectors.AppearanceRow."""

from __future__ import annotations

from rest_framework import serializers

from annotations.api.claim_serializers import ClaimVerdictSerializer
from annotations.models import SuggestedAppearance


class AppearanceExternalSerializer(serializers.Serializer):
    """Another fact-checker's review of the claim."""

    publisher = serializers.CharField(source="publisher_name")
    rating = serializers.CharField(source="rating_text")
    url = serializers.URLField()


class AppearanceSerializer(serializers.Serializer):
    """An appearance to review: where the sentence lies in the revision (code points), the
    claim it states, how the matcher found it, and what the desk and other fact-checkers
    said of the claim (published work only)."""

    id = serializers.IntegerField(source="appearance.pk")
    article = serializers.IntegerField(source="appearance.article_id")
    revision = serializers.IntegerField(source="appearance.revision_id")
    claim = serializers.IntegerField(source="appearance.claim_id")
    claim_text = serializers.CharField(source="appearance.claim.text")
    start = serializers.IntegerField(source="appearance.start")
    end = serializers.IntegerField(source="appearance.end")
    sentence = serializers.CharField(source="appearance.sentence")
    score = serializers.FloatField(source="appearance.score")
    stage = serializers.CharField(source="appearance.stage")
    status = serializers.ChoiceField(
        source="appearance.status", choices=SuggestedAppearance.Status.choices
    )
    verdict = ClaimVerdictSerializer(
        source="checks.verdict", allow_null=True, help_text="The desk's published verdict."
    )
    external = AppearanceExternalSerializer(source="checks.external", many=True)
