"""A highlight as clients read it: one shape for the API's responses and for the JSON the
article page embeds (so the page's script reads the same objects the API returns)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.models import Annotation, Source, Suggestion, VerdictLabel
from annotations.selectors import AnchoredAnnotations


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "passage", "stance", "accessed_on"]
        read_only_fields = fields


class TargetSerializer(serializers.Serializer):
    exact = serializers.CharField()
    prefix = serializers.CharField()
    suffix = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class AnchorSerializer(serializers.Serializer):
    """Where the highlight lies in the article's latest revision (null: it could not be placed
    there and waits in the re-attach list, or a person confirmed it gone)."""

    revision = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    method = serializers.ChoiceField(
        choices=["position", "carried", "quote", "fuzzy", "person"],
        help_text="How it was found: verified position, carried through the edit, exact "
        "quote, fuzzy match, or chosen by a person.",
    )
    confidence = serializers.FloatField()
    change = serializers.CharField(
        allow_null=True,
        help_text="What changed in the passage since the highlight was made (the facts that "
        'differ, e.g. "219 → 224", or else the words); null when it reads character for '
        "character the same.",
    )


class AnnotationSerializer(serializers.ModelSerializer):
    """An annotation as clients read it. The context carries `anchors` (AnchoredAnnotations)."""

    target = TargetSerializer(source="*", read_only=True)
    verdict: serializers.SlugRelatedField[VerdictLabel] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    reviewer: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    sources = SourceSerializer(many=True, read_only=True)
    is_mine = serializers.SerializerMethodField()
    anchor = serializers.SerializerMethodField()
    revision = serializers.IntegerField(
        source="revision_number",
        read_only=True,
        allow_null=True,
        help_text="The article revision `target` refers to: the one it was made on.",
    )
    suggestion: serializers.PrimaryKeyRelatedField[Suggestion] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The suggestion this highlight started as, when it was accepted from one.",
    )

    class Meta:
        model = Annotation
        fields = [
            "id",
            "article",
            "revision",
            "kind",
            "speaker",
            "target",
            "verdict",
            "rationale",
            "sources",
            "reviewer",
            "is_mine",
            "anchor",
            "suggestion",
            "created",
            "modified",
        ]
        read_only_fields = fields

    def get_is_mine(self, annotation: Annotation) -> bool:
        request = self.context.get("request")
        return request is not None and annotation.reviewer_id == request.user.pk

    @extend_schema_field(AnchorSerializer(allow_null=True))
    def get_anchor(self, annotation: Annotation) -> dict[str, Any] | None:
        anchors: AnchoredAnnotations | None = self.context.get("anchors")
        if anchors is None or (found := anchors.of(annotation)) is None:
            return None
        return {
            "revision": anchors.revisions.get(annotation.article_id),
            "start": found.start,
            "end": found.end,
            "method": found.method,
            "confidence": round(found.confidence, 4),
            "change": anchors.change_of(annotation),
        }
