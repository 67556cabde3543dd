"""A highlight as clients read it: one shape for the API's responses and for the JSON the
article page embeds (so the page's script reads the same objects the API returns)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.models import (
    Annotation,
    Source,
    SourceCapture,
    SourceHealth,
    Suggestion,
    VerdictLabel,
)
from annotations.selectors import AnchoredAnnotations
from annotations.selectors.evidence import captures_latest, healths_of


class CaptureSerializer(serializers.Serializer):
    """The archived copy of a cited source (annotations.services.evidence)."""

    status = serializers.ChoiceField(choices=SourceCapture.Status.values)
    captured_at = serializers.DateTimeField(
        allow_null=True, help_text="When the copy was taken; null until captured."
    )
    final_url = serializers.CharField(help_text="Where the URL led after redirects.")
    http_status = serializers.IntegerField(allow_null=True)
    sha256 = serializers.CharField(help_text="SHA-256 of the body received; empty until captured.")
    text_sha256 = serializers.CharField(help_text="SHA-256 of the extracted main text (UTF-8).")
    archive_url = serializers.CharField(
        allow_null=True, help_text="The desk's page about the archived copy (when, what, health)."
    )
    replay_url = serializers.CharField(
        allow_null=True, help_text="The archived page itself, as captured (sandboxed)."
    )
    warc_url = serializers.CharField(allow_null=True, help_text="The WARC file of the capture.")
    failure_reason = serializers.CharField()
    public_archive_url = serializers.CharField(
        help_text="A public memento of the source (Save Page Now), where the desk asks for them."
    )


def capture_payload(source: Source, capture: SourceCapture | None) -> dict[str, Any] | None:
    """What clients read of a source's capture; links only once it is captured."""
    if capture is None:
        return None
    captured = capture.status == SourceCapture.Status.CAPTURED
    return {
        "status": capture.status,
        # A failed capture records when it was tried; that is no capture time.
        "captured_at": capture.captured_at if captured else None,
        "final_url": capture.final_url,
        "http_status": capture.http_status,
        "sha256": capture.sha256,
        "text_sha256": capture.text_sha256,
        "archive_url": reverse("source-archive", args=[source.pk]) if captured else None,
        "replay_url": reverse("source-archive-page", args=[source.pk]) if captured else None,
        "warc_url": reverse("source-archive-warc", args=[source.pk]) if captured else None,
        "failure_reason": capture.failure_reason,
        "public_archive_url": capture.public_archive_url,
    }


class HealthSerializer(serializers.Serializer):
    """How a cited source is now, from the evidence sweep's last check."""

    checked_at = serializers.DateTimeField()
    state = serializers.ChoiceField(choices=SourceHealth.State.values)
    detail = serializers.CharField(help_text="What differs, or why it is gone.")


def health_payload(health: SourceHealth | None) -> dict[str, Any] | None:
    if health is None:
        return None
    return {"checked_at": health.checked_at, "state": health.state, "detail": health.detail}


class EvidenceFields(serializers.Serializer):
    """`capture` and `health` of a source. The context carries `captures` ({url:
    SourceCapture}) and `healths` ({url: SourceHealth}) from selectors.evidence; without them
    both are null."""

    capture = serializers.SerializerMethodField()
    health = serializers.SerializerMethodField()

    @extend_schema_field(CaptureSerializer(allow_null=True))
    def get_capture(self, source: Source) -> dict[str, Any] | None:
        captures: dict[str, SourceCapture] = self.context.get("captures") or {}
        return capture_payload(source, captures.get(source.url))

    @extend_schema_field(HealthSerializer(allow_null=True))
    def get_health(self, source: Source) -> dict[str, Any] | None:
        healths: dict[str, SourceHealth] = self.context.get("healths") or {}
        return health_payload(healths.get(source.url))


def evidence_context(sources: Iterable[Source]) -> dict[str, Any]:
    """The serializer context EvidenceFields reads, for these sources. Two queries."""
    urls = {source.url for source in sources}
    return {"captures": captures_latest(urls), "healths": healths_of(urls)}


class SourceSerializer(EvidenceFields, serializers.ModelSerializer):
    """A cited source, with its archived copy and health (see EvidenceFields)."""

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "passage",
            "stance",
            "accessed_on",
            "capture",
            "health",
        ]
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
