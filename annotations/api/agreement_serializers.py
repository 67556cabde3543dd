"""Output serializers of the agreement endpoints: every field of the payloads in
selectors/agreement.py, named, so the OpenAPI schema documents them (not an opaque object).
tests/api/test_agreement_schema.py checks that a computed payload has exactly these fields."""

from __future__ import annotations

import datetime

from rest_framework import serializers

# Timestamps as DRF's JSON encoder writes the stored (UTC) value, whatever TIME_ZONE says.
UTC = datetime.UTC


def _coefficient(help_text: str) -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, help_text=help_text)


class AgreementStatisticSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text="Null when undefined.")
    reason = serializers.CharField(
        allow_null=True, help_text="Why the value is undefined; null when it is defined."
    )
    units = serializers.IntegerField(help_text="Units that received at least one rating.")
    reviewers = serializers.IntegerField(help_text="Reviewers who gave at least one rating.")
    pairable = serializers.IntegerField(
        help_text="Ratings in a unit with at least one other rating (Krippendorff's n)."
    )


class AgreementIntervalStatisticSerializer(AgreementStatisticSerializer):
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    ci_confidence = serializers.FloatField()
    ci_reason = serializers.CharField(
        allow_null=True, help_text="Why there is no interval; null when there is one."
    )


class DeskAgreementReasonsSerializer(serializers.Serializer):
    """Why each null statistic is null; only the null ones are present."""

    alpha_nominal = serializers.CharField(required=False)
    alpha_ordinal = serializers.CharField(required=False)
    fleiss_kappa = serializers.CharField(required=False)
    percent_agreement = serializers.CharField(required=False)


class ArticleAgreementReasonsSerializer(DeskAgreementReasonsSerializer):
    """Why each null statistic is null; only the null ones are present."""

    unitizing_alpha = serializers.CharField(required=False)
    span_f1_exact = serializers.CharField(required=False)
    span_f1_overlap = serializers.CharField(required=False)


class ArticleAgreementDetailsSerializer(serializers.Serializer):
    """Each statistic's full record with its n, once computed."""

    alpha_nominal = AgreementStatisticSerializer(required=False)
    alpha_ordinal = AgreementStatisticSerializer(required=False)
    fleiss_kappa = AgreementStatisticSerializer(required=False)
    percent_agreement = AgreementStatisticSerializer(required=False)
    unitizing_alpha = AgreementStatisticSerializer(required=False)
    span_f1_exact = AgreementStatisticSerializer(required=False)
    span_f1_overlap = AgreementStatisticSerializer(required=False)


class DeskAgreementDetailsSerializer(serializers.Serializer):
    """Each statistic's full record with its n (the alphas with their interval), once computed."""

    alpha_nominal = AgreementIntervalStatisticSerializer(required=False)
    alpha_ordinal = AgreementIntervalStatisticSerializer(required=False)
    fleiss_kappa = AgreementStatisticSerializer(required=False)
    percent_agreement = AgreementStatisticSerializer(required=False)


class UnitSpreadSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text="The claim unit's id.")
    kind = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    ratings = serializers.IntegerField()
    labels = serializers.DictField(
        child=serializers.IntegerField(), help_text="Verdict slug: how many reviewers gave it."
    )
    ordinal_spread = serializers.IntegerField(
        allow_null=True,
        help_text="Scale steps between the most and least accurate ordered verdicts; null "
        "with fewer than two.",
    )
    nominal_disagreement = serializers.FloatField(
        allow_null=True,
        help_text="Share of ratings that differ from the most common verdict; null with "
        "fewer than two ratings.",
    )


class ReviewerPairSerializer(serializers.Serializer):
    a = serializers.CharField(help_text="A reviewer's username.")
    b = serializers.CharField(help_text="The other reviewer's username.")
    units = serializers.IntegerField(help_text="Units both rated.")
    agreement = serializers.FloatField(
        allow_null=True, help_text="Share of those units with the same verdict."
    )
    kappa = AgreementStatisticSerializer(help_text="Cohen's kappa between the two.")


class CodingStatisticsSerializer(serializers.Serializer):
    """The coefficients of agreement on the labels, an article's and the desk's alike."""

    alpha_nominal = _coefficient("Krippendorff's alpha, nominal.")
    alpha_ordinal = _coefficient("Krippendorff's alpha on the ordered labels.")
    fleiss_kappa = _coefficient("Fleiss' kappa.")
    percent_agreement = _coefficient("Share of reviewer pairs that agree on a unit.")


class ArticleAgreementSerializer(CodingStatisticsSerializer):
    """An article's agreement statistics: each value (null when undefined), why, and its n."""

    article = serializers.IntegerField()
    unitizing_alpha = _coefficient("Krippendorff's unitizing alpha on the highlighted spans.")
    span_f1_exact = _coefficient("Mean pairwise span F1, exact match.")
    span_f1_overlap = _coefficient("Mean pairwise span F1, overlap match.")
    reasons = ArticleAgreementReasonsSerializer()
    details = ArticleAgreementDetailsSerializer()
    units = serializers.IntegerField()
    reviewers = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True, default_timezone=UTC)
    stale = serializers.BooleanField(help_text="Reviews changed since the computation.")
    unit_spreads = UnitSpreadSerializer(many=True)
    pairwise = ReviewerPairSerializer(many=True)


class AgreementIntervalSerializer(serializers.Serializer):
    low = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)
    confidence = serializers.FloatField(allow_null=True)
    reason = serializers.CharField(
        allow_null=True, help_text="Why there is no interval; null when there is one."
    )


class DeskAgreementIntervalsSerializer(serializers.Serializer):
    """The alphas' percentile bootstrap intervals, once computed."""

    alpha_nominal = AgreementIntervalSerializer(required=False)
    alpha_ordinal = AgreementIntervalSerializer(required=False)


class LabelAgreementSerializer(serializers.Serializer):
    # DRF's metaclass takes declared fields off the class; the stubs see Field.label here.
    label = serializers.CharField(help_text="The verdict label's slug.")  # type: ignore[assignment]
    ratings = serializers.IntegerField()
    kappa = AgreementStatisticSerializer(
        allow_null=True, help_text="Fleiss' kappa of this label against all others."
    )


class ReviewerVsFinalSerializer(serializers.Serializer):
    reviewer = serializers.CharField(help_text="The reviewer's username.")
    units = serializers.IntegerField(help_text="Decided units the reviewer rated.")
    agreement = serializers.FloatField(help_text="Share where their verdict is the final one.")
    kappa = AgreementStatisticSerializer(help_text="Cohen's kappa against the final verdicts.")


class AgreementWarningSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="too_few_units, skewed_labels or sparse_categories.")
    message = serializers.CharField(help_text="The warning in English.")
    values = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="What the message was written from (units and minimum; share and label; "
        "limit and labels), for clients that word it themselves. Absent on figures computed "
        "before it was kept.",
    )


class DeskAgreementSerializer(CodingStatisticsSerializer):
    """The desk's agreement statistics over every submitted unit."""

    reasons = DeskAgreementReasonsSerializer()
    details = DeskAgreementDetailsSerializer()
    confidence_intervals = DeskAgreementIntervalsSerializer()
    units = serializers.IntegerField()
    reviewers = serializers.IntegerField()
    articles = serializers.IntegerField(help_text="Articles whose statistics were used.")
    stale_articles = serializers.IntegerField(
        help_text="Articles still being computed when these figures were."
    )
    computed_at = serializers.DateTimeField(allow_null=True, default_timezone=UTC)
    stale = serializers.BooleanField(help_text="Reviews or verdicts changed since.")
    queued = serializers.BooleanField(help_text="A recomputation is on its way.")
    per_label = LabelAgreementSerializer(many=True)
    pairwise = ReviewerPairSerializer(many=True)
    reviewer_vs_final = ReviewerVsFinalSerializer(many=True)
    warnings = AgreementWarningSerializer(many=True)


class AgreementQueuedSerializer(serializers.Serializer):
    queued = serializers.BooleanField(
        help_text="True when this request queued a recomputation; false when one was already "
        "on its way."
    )
