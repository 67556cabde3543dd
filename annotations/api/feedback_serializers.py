"""Output serializers of `GET /api/v1/feedback/`: every field of selectors.feedback's
FeedbackPayload, named, so the OpenAPI schema documents them."""

from __future__ import annotations

from rest_framework import serializers

from annotations.api.agreement_serializers import AgreementStatisticSerializer


class FeedbackTotalSerializer(serializers.Serializer):
    units = serializers.IntegerField(help_text="Decided units the reviewer rated.")
    agreed = serializers.IntegerField(help_text="Of those, units whose final verdict was theirs.")
    agreement = serializers.FloatField(
        allow_null=True, help_text="agreed / units; null without units."
    )
    mean_distance = serializers.FloatField(
        allow_null=True,
        help_text="Mean steps of the ordered scale between the reviewer's verdict and the final "
        "one; a verdict outside the order (Unverifiable) against another verdict counts as "
        "`widest_distance`. Null without units.",
    )


class FeedbackMonthSerializer(FeedbackTotalSerializer):
    month = serializers.DateField(
        help_text="The month's first day: units count in the month they were decided."
    )


class FeedbackKappaMonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The month's first day.")
    units = serializers.IntegerField(help_text="Decided units both rated in the month.")
    kappa = AgreementStatisticSerializer(help_text="Cohen's kappa over those units.")


class FeedbackColleagueSerializer(serializers.Serializer):
    colleague = serializers.CharField(
        help_text="The colleague's username, or a stable pseudonym where the desk hides "
        "reviewer names."
    )
    units = serializers.IntegerField(help_text="Decided units both rated.")
    kappa = AgreementStatisticSerializer(help_text="Cohen's kappa over every month together.")
    months = FeedbackKappaMonthSerializer(many=True)


class FeedbackSerializer(serializers.Serializer):
    reviewer = serializers.CharField(help_text="Whose figures these are: the requesting user.")
    names_hidden = serializers.BooleanField(
        help_text="Whether the desk hides reviewer names (colleagues are pseudonyms then)."
    )
    widest_distance = serializers.IntegerField(
        help_text="The scale's widest distance: its ordered labels less one."
    )
    total = FeedbackTotalSerializer(help_text="Every decided unit together.")
    months = FeedbackMonthSerializer(
        many=True,
        help_text="From the first month with a decided unit to this month, without gaps "
        "(a month without one has null figures).",
    )
    colleagues = FeedbackColleagueSerializer(many=True)
