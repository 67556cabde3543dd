"""Serializers for the fast lane (`/api/v1/units/ready/` and `/api/v1/units/fast-confirm/`):
explicit fields, input apart."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from annotations.api.errors import MAX_ID
from annotations.api.fields import StrictBooleanField, StrictIntegerField
from annotations.core.fast_lane import FAST_CONFIRM_MAX, FastConfirmItem, Outcome

MAX_VERSION = 2**31 - 1


class FastConfirmItemSerializer(serializers.Serializer):
    unit = StrictIntegerField(min_value=1, max_value=MAX_ID, help_text="The unit's id.")
    version = StrictIntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The unit version you saw."
    )


class FastConfirmInputSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=FastConfirmItemSerializer(),
        min_length=1,
        max_length=FAST_CONFIRM_MAX,
        help_text=f"The units to confirm, each once, with the version you saw: 1 to "
        f"{FAST_CONFIRM_MAX:,}.",
    )
    publish = StrictBooleanField(
        help_text="Publish the verdicts too (else they are decided, not yet published)."
    )

    def validate_items(self, items: list[dict[str, Any]]) -> list[FastConfirmItem]:
        units = [item["unit"] for item in items]
        if len(set(units)) != len(units):
            raise serializers.ValidationError("Send each unit once.", code="duplicate_units")
        return [FastConfirmItem(item["unit"], item["version"]) for item in items]


class FastConfirmResultSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit_id")
    outcome = serializers.ChoiceField(
        choices=[(outcome.value, outcome.value) for outcome in Outcome],
        help_text="confirmed; stale (changed since the version you saw: reload it); not_ready "
        "(no longer ready: decide it on its own); not_found (no such unit on this desk); "
        "checked_before (publishing only: its claim has the desk's published fact check "
        "already, which lists the unit's article; nothing was written: decide it on its own).",
    )
    message = serializers.CharField()
    verdict = serializers.IntegerField(
        source="verdict_id", allow_null=True, help_text="The new verdict, when confirmed."
    )


class FastConfirmReportSerializer(serializers.Serializer):
    published = serializers.BooleanField()
    confirmed = serializers.SerializerMethodField(help_text="How many units were confirmed.")
    results = FastConfirmResultSerializer(many=True, help_text="Each unit, in the order sent.")

    def get_confirmed(self, report: Any) -> int:
        return len(report.confirmed)


class ReadyUnitSerializer(serializers.Serializer):
    """A unit of the Ready lane, with the verdict its reviewers agreed on."""

    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Send it back with fast-confirm.")
    article = serializers.IntegerField(source="article_id")
    article_title = serializers.CharField(source="article.title")
    ratings = serializers.IntegerField(help_text="How many reviewers rated it.")
    agreed_label = serializers.SerializerMethodField(help_text="The agreed verdict's slug.")
    agreed_claim = serializers.CharField(help_text="The claim as it would be published.")
    agreed_claimant = serializers.CharField()
    checked_before = serializers.IntegerField(
        source="checked_before_verdict",
        allow_null=True,
        help_text="The desk's published verdict on the same claim, given on another unit "
        "(null when none): fast-confirm does not publish this unit (checked_before).",
    )

    def get_agreed_label(self, unit: Any) -> str:
        slugs: dict[int, str] = self.context["label_slugs"]
        return slugs[unit.agreed_label_id]
