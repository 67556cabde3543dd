"""Serializers for verdicts and their corrections: explicit fields, input apart."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework import serializers

from annotations.api.fields import (
    FreeTextField,
    NameField,
    StrictCharField,
    StrictIntegerField,
    StrictSlugRelatedField,
)
from annotations.models import ClaimantType, Correction, Source, Verdict, VerdictLabel
from annotations.services.adjudication import VerdictInput


class VersionInputSerializer(serializers.Serializer):
    version = StrictIntegerField(min_value=1, help_text="The unit version you saw.")


class VerdictInputSerializer(VersionInputSerializer):
    label = StrictSlugRelatedField(  # type: ignore[assignment]  # see VerdictSerializer.label
        slug_field="slug", queryset=VerdictLabel.objects.all()
    )
    claim_reviewed = FreeTextField(max_length=500)
    explanation = FreeTextField(max_length=20_000, allow_blank=True, default="")
    claimant = NameField(max_length=200, allow_blank=True, default="")
    claimant_type = serializers.ChoiceField(
        choices=ClaimantType.choices,
        allow_blank=True,
        default="",
        help_text="Person or Organization, as ClaimReview types the claimant; empty: as the "
        "desk's list of known claimants says, else Person.",
    )
    language = StrictCharField(
        max_length=16,
        allow_blank=True,
        default="",
        help_text='The language the verdict is written in, a BCP 47 tag ("es", "pt-BR"); '
        "empty or left out: the language its claim_reviewed and explanation are detected in "
        "with confidence, else its article's.",
    )
    sources = serializers.ListField(
        child=StrictIntegerField(min_value=1), default=list, max_length=50
    )


class CorrectionInputSerializer(VerdictInputSerializer):
    note = FreeTextField(max_length=5_000)


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["note", "created"]
        read_only_fields = fields


class CitedSourceSerializer(serializers.Serializer):
    url = serializers.URLField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    archive_page = serializers.SerializerMethodField(
        help_text="Where the desk shows its archived copy of the source (or says why it has "
        "none yet); `capture` in /api/v1/sources/ gives the capture itself."
    )

    def get_archive_page(self, source: Source) -> str:
        # A stable address, whatever the capture's state: the verdict's ETag stays its own.
        return reverse("source-archive", args=[source.pk])


class VerdictSerializer(serializers.ModelSerializer):
    # A field named "label": DRF's metaclass takes declared fields off the class, so the
    # serializer's own Field.label (a string) is untouched; the stubs see an override.
    label: serializers.SlugRelatedField[VerdictLabel] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="slug", read_only=True
    )
    label_name = serializers.CharField(source="label.name", read_only=True)
    rating_value = serializers.IntegerField(
        source="label.rating_value",
        read_only=True,
        allow_null=True,
        help_text="The label's place on the rating scale; null for a label off the scale "
        "(Unverifiable).",
    )
    article = serializers.IntegerField(source="unit.article_id", read_only=True)
    article_title = serializers.CharField(source="unit.article.title", read_only=True)
    article_url = serializers.CharField(source="unit.article.source_url", read_only=True)
    decided_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The deciding editor's username; null where none is recorded.",
    )
    claimant_type = serializers.CharField(
        read_only=True,
        help_text="Person or Organization as the editor chose; empty where they left it to "
        "the desk's known claimants (ClaimReview's author type then comes from that list, "
        "else Person).",
    )
    language = serializers.CharField(
        read_only=True,
        help_text="The language the verdict (claim_reviewed, explanation) is written in, a "
        "BCP 47 tag; ClaimReview's inLanguage. Empty where not known.",
    )
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
            "claimant_type",
            "language",
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


class VerdictTombstoneSerializer(serializers.Serializer):
    """What the change feed (`updated_after`) tells clients outside the desk of a verdict
    withdrawn since: that it is gone, and when."""

    id = serializers.IntegerField(read_only=True)
    is_published = serializers.BooleanField(read_only=True, help_text="Always false.")
    updated_at = serializers.DateTimeField(read_only=True)


class PublicVerdictSerializer(VerdictSerializer):
    """A verdict for clients outside the desk: a withdrawn one is only a tombstone."""

    def to_representation(self, verdict: Verdict) -> dict[str, Any]:
        if not verdict.is_published:
            return dict(VerdictTombstoneSerializer(verdict).data)
        return super().to_representation(verdict)


def verdict_input(data: dict[str, Any]) -> VerdictInput:
    return VerdictInput(
        label=data["label"],
        claim_reviewed=data["claim_reviewed"],
        explanation=data["explanation"],
        claimant=data["claimant"],
        claimant_type=data["claimant_type"],
        language=data["language"],
        source_ids=data["sources"],
    )


def verdict_webhook_document(verdict: Verdict) -> dict[str, Any]:
    """A verdict in a webhook's payload: as the verdict list gives it to clients outside the
    desk (a withdrawn one as its tombstone: id, is_published false, updated_at)."""
    return dict(PublicVerdictSerializer(verdict).data)
