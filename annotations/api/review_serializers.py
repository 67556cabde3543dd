"""Serializers for the review queue, verdicts and assignments: explicit fields, input apart."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations import selectors
from annotations.api.fields import NameField, StrictCharField, StrictIntegerField
from annotations.core.facts import FACT_KINDS
from annotations.models import Assignment, ClaimUnit, Correction, Verdict, VerdictLabel

# --- Input ------------------------------------------------------------------------------------


class VersionInputSerializer(serializers.Serializer):
    version = StrictIntegerField(min_value=1, help_text="The unit version you saw.")


class VerdictInputSerializer(VersionInputSerializer):
    label = serializers.SlugRelatedField(slug_field="slug", queryset=VerdictLabel.objects.all())
    claim_reviewed = StrictCharField(max_length=500)
    explanation = StrictCharField(max_length=20_000, allow_blank=True, default="")
    claimant = NameField(max_length=200, allow_blank=True, default="")
    sources = serializers.ListField(
        child=StrictIntegerField(min_value=1), default=list, max_length=50
    )


class CorrectionInputSerializer(VerdictInputSerializer):
    note = StrictCharField(max_length=5_000)


class MergeInputSerializer(VersionInputSerializer):
    other = StrictIntegerField(min_value=1)
    other_version = StrictIntegerField(min_value=1)


class SplitInputSerializer(VersionInputSerializer):
    annotations = serializers.ListField(
        child=StrictIntegerField(min_value=1), min_length=1, max_length=100
    )


class AssignInputSerializer(serializers.Serializer):
    reviewers = serializers.ListField(
        child=StrictCharField(max_length=150), min_length=1, max_length=50
    )
    due_on = serializers.DateField(required=False, allow_null=True, default=None)

    def validate_reviewers(self, usernames: list[str]) -> list[Any]:
        users = list(get_user_model().objects.filter(username__in=usernames))
        missing = sorted(set(usernames) - {user.get_username() for user in users})
        if missing:
            raise serializers.ValidationError(f"No such users: {', '.join(missing)}.")
        return users


# --- Output -----------------------------------------------------------------------------------


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


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["note", "created"]
        read_only_fields = fields


class CitedSourceSerializer(serializers.Serializer):
    url = serializers.URLField()
    title = serializers.CharField()
    publisher = serializers.CharField()


class VerdictSerializer(serializers.ModelSerializer):
    label = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    label_name = serializers.CharField(source="label.name", read_only=True)
    rating_value = serializers.IntegerField(source="label.rating_value", read_only=True)
    article = serializers.IntegerField(source="unit.article_id", read_only=True)
    article_title = serializers.CharField(source="unit.article.title", read_only=True)
    article_url = serializers.CharField(source="unit.article.source_url", read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    sources = CitedSourceSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta:
        model = Verdict
        fields = [
            "id",
            "unit",
            "article",
            "article_title",
            "article_url",
            "label",
            "label_name",
            "rating_value",
            "claim_reviewed",
            "explanation",
            "claimant",
            "sources",
            "decided_by",
            "decided_at",
            "is_published",
            "first_published_at",
            "published_at",
            "updated_at",
            "corrections",
        ]
        read_only_fields = fields


class PublicVerdictSerializer(VerdictSerializer):
    """A verdict for clients outside the desk: a withdrawn one is only a tombstone."""

    def to_representation(self, verdict: Verdict) -> dict[str, Any]:
        if not verdict.is_published:
            return {"id": verdict.pk, "is_published": False, "updated_at": verdict.updated_at}
        return super().to_representation(verdict)


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


class AssignmentSerializer(serializers.ModelSerializer):
    article_title = serializers.CharField(source="article.title", read_only=True)
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    assigned_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    review_status = serializers.CharField(read_only=True, allow_null=True, default=None)
    annotation_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "article",
            "article_title",
            "reviewer",
            "assigned_by",
            "due_on",
            "created",
            "review_status",
            "annotation_count",
        ]
        read_only_fields = fields
