"""Serializers for claim units and their adjudication: explicit fields, input apart."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations import selectors
from annotations.api.fields import FreeTextField, StrictIntegerField
from annotations.api.verdict_serializers import VerdictSerializer, VersionInputSerializer
from annotations.core.comments import MAX_LENGTH as COMMENT_MAX_LENGTH
from annotations.core.facts import FACT_KINDS
from annotations.models import ClaimUnit


class NoteInputSerializer(VersionInputSerializer):
    """Send back or reject, with an optional note that lands in the unit's discussion thread."""

    note = FreeTextField(
        required=False, allow_blank=True, default="", max_length=COMMENT_MAX_LENGTH
    )


class MergeInputSerializer(VersionInputSerializer):
    other = StrictIntegerField(min_value=1)
    other_version = StrictIntegerField(min_value=1)


class SplitInputSerializer(VersionInputSerializer):
    annotations = serializers.ListField(
        child=StrictIntegerField(min_value=1), min_length=1, max_length=100
    )


class FactDifferenceSerializer(serializers.Serializer):
    """One fact the new passage states otherwise (annotations.core.facts.Difference)."""

    kind = serializers.ChoiceField(choices=FACT_KINDS)
    old = serializers.CharField(help_text="As the old passage wrote it; empty if it had none.")
    new = serializers.CharField(help_text="As the new passage writes it; empty if it has none.")
    old_value = serializers.CharField(help_text="Normalised: 1000, 3.5 percentage, ????-11-13.")
    new_value = serializers.CharField()


class ClaimChangedSerializer(serializers.Serializer):
    old = serializers.CharField(help_text="The passage the verdict was given on.")
    new = serializers.CharField(help_text="The passage as the article now reads.")
    revision = serializers.IntegerField(help_text="The revision number whose passage differs.")
    differences = FactDifferenceSerializer(many=True)


class UnitSerializer(serializers.ModelSerializer):
    """A queue row. `passage` is computed in SQL (the article text is never loaded whole)."""

    article_title = serializers.CharField(source="article.title", read_only=True)
    passage = serializers.CharField(read_only=True)
    needs_more_reviews = serializers.SerializerMethodField()
    claim_changed = serializers.SerializerMethodField(
        help_text="Null, or the unit's verdict was given on a passage whose numbers, dates or "
        "names a later revision changed, until an editor confirms, corrects or unpublishes it."
    )

    class Meta:
        model = ClaimUnit
        fields = [
            "id",
            "article",
            "article_title",
            "kind",
            "start",
            "end",
            "passage",
            "status",
            "version",
            "ratings",
            "ordinal_spread",
            "nominal_disagreement",
            "needs_more_reviews",
            "claim_changed",
            "created",
            "modified",
        ]
        read_only_fields = fields

    def get_needs_more_reviews(self, unit: ClaimUnit) -> bool:
        return unit.ratings < 2

    @extend_schema_field(ClaimChangedSerializer(allow_null=True))
    def get_claim_changed(self, unit: ClaimUnit) -> selectors.ClaimChanged | None:
        return selectors.claim_changed(unit)


class UnitAnnotationSerializer(serializers.Serializer):
    """A reviewer's highlight as the adjudicating editor sees it."""

    id = serializers.IntegerField()
    reviewer = serializers.SerializerMethodField()
    kind = serializers.CharField()
    speaker = serializers.CharField()
    exact = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    verdict = serializers.CharField(source="verdict.slug")
    rationale = serializers.CharField()
    sources = serializers.SerializerMethodField()

    def get_reviewer(self, annotation: Any) -> str:
        aliases: dict[int, str] | None = self.context.get("reviewer_aliases")
        if aliases is not None:
            return aliases[annotation.reviewer_id]
        return annotation.reviewer.get_username()

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_sources(self, annotation: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": source.pk,
                "url": source.url,
                "title": source.title,
                "stance": source.stance,
                "passage": source.passage,
            }
            for source in annotation.sources.all()
        ]


class UnitDetailSerializer(UnitSerializer):
    annotations = UnitAnnotationSerializer(many=True, read_only=True)
    verdict = serializers.SerializerMethodField()

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "annotations", "verdict"]
        read_only_fields = fields

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, unit: ClaimUnit) -> dict[str, Any] | None:
        verdict = getattr(unit, "verdict", None)
        return VerdictSerializer(verdict).data if verdict is not None else None
