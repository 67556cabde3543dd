"""Serializers for claims across articles, their links and external fact-checks: explicit
fields, input apart."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.api.fields import (
    FreeTextField,
    StrictCharField,
    StrictIntegerField,
    StrictPrimaryKeyRelatedField,
)
from annotations.api.query import QueryIntegerField
from annotations.core.claims.matching import DEFAULT_LIMIT
from annotations.core.formats.claimreview_import import Refusal
from annotations.core.languages import language_tag_clean, languages_differ
from annotations.models import Claim, ClaimLink, ExternalFactCheck, Source, Verdict
from annotations.selectors import ClaimDetail


class LinkInputSerializer(serializers.Serializer):
    claim = StrictPrimaryKeyRelatedField(queryset=Claim.objects.all())
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)
    version = StrictIntegerField(
        min_value=1, required=False, help_text="The unit version you saw (409 if it moved on)."
    )


class FactCheckLinkInputSerializer(serializers.Serializer):
    claim = StrictPrimaryKeyRelatedField(
        queryset=Claim.objects.all(), help_text="The desk claim the review states."
    )
    differences_confirmed = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The editor has checked that the claim is the same despite the facts the "
        "matcher finds differ (needed when they differ: else a 400 on this field).",
    )


class UnlinkInputSerializer(serializers.Serializer):
    version = StrictIntegerField(
        min_value=1, required=False, help_text="The unit version you saw (409 if it moved on)."
    )


class NewClaimInputSerializer(serializers.Serializer):
    """Keep it new: the unit becomes the first appearance of a claim of its own."""

    text = FreeTextField(
        min_length=1,
        max_length=2000,
        required=False,
        help_text="The claim's wording; by default the verdict's claim as checked, else the "
        "unit's passage.",
    )
    version = StrictIntegerField(
        min_value=1, required=False, help_text="The unit version you saw (409 if it moved on)."
    )


class ClaimVerdictSerializer(serializers.Serializer):
    """The desk's published verdict on the claim."""

    label = serializers.CharField(source="label.slug")  # type: ignore[assignment]  # see VerdictSerializer.label
    label_name = serializers.CharField(source="label.name")
    claim_reviewed = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The verdict's public page.")
    published = serializers.DateTimeField(source="first_published_at")

    def get_url(self, verdict: Verdict) -> str:
        path = reverse("verdict-public", args=[verdict.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class UnitClaimLinkSerializer(serializers.Serializer):
    """Where a unit stands after a link or unlink: its claim and relation (null: unlinked),
    and the verdict it shares when linked "same" to a claim the desk published a verdict on."""

    unit = serializers.IntegerField()
    version = serializers.IntegerField(help_text="The unit's version after the change.")
    claim = serializers.IntegerField(allow_null=True)
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices, allow_null=True)
    linked_by = serializers.CharField(allow_null=True)
    linked_at = serializers.DateTimeField(allow_null=True)
    claim_verdict = ClaimVerdictSerializer(
        allow_null=True, help_text='The claim\'s published verdict, when linked "same".'
    )


class ClaimUnitLinkedSerializer(serializers.Serializer):
    """A unit linked to the claim (selectors.ClaimUnitLinked): an appearance, or related."""

    unit = serializers.IntegerField()
    unit_status = serializers.CharField(
        help_text="The unit's status for editors; for others 'published' or 'not_published' "
        "(an unpublished decision stays on the desk)."
    )
    article = serializers.IntegerField()
    article_title = serializers.CharField()
    article_url = serializers.CharField()
    publisher = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    passage = serializers.CharField()
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)
    linked_by = serializers.CharField()
    linked_at = serializers.DateTimeField()


class ExternalFactCheckSerializer(serializers.ModelSerializer):
    """Another fact-checker's review, as imported from its ClaimReview."""

    appearances = serializers.ListField(child=serializers.URLField())

    class Meta:
        model = ExternalFactCheck
        fields = [
            "id",
            "publisher_name",
            "publisher_url",
            "url",
            "claim_text",
            "claimant",
            "rating_text",
            "rating_value",
            "best_rating",
            "worst_rating",
            "date_published",
            "language",
            "appearances",
            "claim",
            "imported_at",
        ]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer):
    """A row of the claims list."""

    appearance_count = serializers.IntegerField(
        read_only=True, help_text='Units linked to it as the "same" claim.'
    )

    class Meta:
        model = Claim
        fields = ["id", "text", "language", "created", "appearance_count"]
        read_only_fields = fields


class ClaimDetailSerializer(serializers.Serializer):
    """One claim (selectors.ClaimDetail): its verdict, appearances, related units and
    external fact-checks."""

    id = serializers.IntegerField(source="claim.pk")
    text = serializers.CharField(source="claim.text")
    language = serializers.CharField(
        source="claim.language",
        help_text="Its article's language, unless its own words say another; empty if unknown.",
    )
    created = serializers.DateTimeField(source="claim.created")
    verdict = serializers.SerializerMethodField()
    appearances = ClaimUnitLinkedSerializer(many=True)
    related = ClaimUnitLinkedSerializer(many=True)
    external = ExternalFactCheckSerializer(many=True)

    @extend_schema_field(ClaimVerdictSerializer(allow_null=True))
    def get_verdict(self, detail: ClaimDetail) -> dict[str, Any] | None:
        if detail.verdict is None:
            return None
        return ClaimVerdictSerializer(detail.verdict, context=self.context).data


class SimilarQuerySerializer(serializers.Serializer):
    """The query string of /api/v1/claims/similar/."""

    text = StrictCharField(max_length=2000, help_text="The text to look for: a sentence or so.")
    limit = QueryIntegerField(min_value=1, max_value=20, default=DEFAULT_LIMIT, required=False)
    # The pattern is in the schema, so that a client (and the schema's fuzzer) knows the form.
    language = serializers.RegexField(
        regex=r"^(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)?$",
        max_length=16,
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": 'Not a language tag (BCP 47, e.g. "fr").'},
        help_text='The text\'s language (BCP 47, e.g. "fr"), to mark matches in another; '
        "unset: told from the text when it is long and clear enough.",
    )

    def validate_language(self, value: str) -> str:
        if value and not language_tag_clean(value):
            raise serializers.ValidationError('Not a language tag (BCP 47, e.g. "fr").')
        return language_tag_clean(value)


class SimilarExternalSerializer(serializers.Serializer):
    """Another fact-checker's review of the matched claim."""

    publisher = serializers.CharField(source="publisher_name")
    url = serializers.URLField()
    rating = serializers.CharField(source="rating_text")
    language = serializers.CharField(help_text="The review's language; empty if unknown.")
    cross_language = serializers.SerializerMethodField(
        help_text="The review's language and the text's are both known and differ."
    )

    def get_cross_language(self, check: ExternalFactCheck) -> bool:
        return languages_differ(check.language, self.context.get("language", ""))


class MatchDifferenceSerializer(serializers.Serializer):
    """A fact the two texts state differently: why the match is not the same claim."""

    kind = serializers.ChoiceField(choices=["number", "date", "name", "direction", "term"])
    old = serializers.CharField(help_text="As the earlier claim states it.")
    new = serializers.CharField(help_text="As the text looked for states it.")


class VerdictSourceSerializer(serializers.Serializer):
    """A source the desk's verdict cites."""

    url = serializers.URLField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    stance = serializers.ChoiceField(choices=Source.Stance.choices)


class SimilarVerdictSerializer(ClaimVerdictSerializer):
    """The desk's published verdict on a matched claim, with the sources it cites (read in
    one query for all results by the view: `context["sources"]`, by verdict id)."""

    sources = serializers.SerializerMethodField()

    @extend_schema_field(VerdictSourceSerializer(many=True))
    def get_sources(self, verdict: Verdict) -> list[dict[str, Any]]:
        cited = self.context.get("sources", {}).get(verdict.pk, [])
        return [VerdictSourceSerializer(source).data for source in cited]


class SimilarClaimSerializer(serializers.Serializer):
    """One claim that may state the text (selectors.SimilarClaim)."""

    claim = serializers.IntegerField(source="match.claim_id")
    text = serializers.CharField(source="match.text")
    score = serializers.FloatField(source="match.score")
    same_claim = serializers.BooleanField(
        source="match.same_claim",
        help_text="Above the upper threshold and no fact differs: offered for a one-click link.",
    )
    stage = serializers.ChoiceField(choices=["exact", "lexical", "semantic"], source="match.stage")
    differences = MatchDifferenceSerializer(many=True, source="match.differences")
    language = serializers.CharField(
        source="match.language", help_text="The matched claim's language; empty if unknown."
    )
    cross_language = serializers.BooleanField(
        source="match.cross_language",
        help_text="The claim's language and the text's are both known and differ. The matcher's "
        "embedding is English-trained: a translation is not found, only shared wording.",
    )
    verdict = SimilarVerdictSerializer(allow_null=True)
    external = SimilarExternalSerializer(many=True)


class SimilarClaimsSerializer(serializers.Serializer):
    language = serializers.CharField(
        help_text="The text's language as given or told from it; empty if unknown."
    )
    results = SimilarClaimSerializer(many=True)


class ImportRefusalSerializer(serializers.Serializer):
    """An item of the document that was not imported, and why."""

    item = serializers.IntegerField(help_text="Its number in the document, from 1.")
    location = serializers.CharField(help_text="Where it is, as a JSON path.")
    reason = serializers.SerializerMethodField(
        help_text="Why, in the request's language (Accept-Language)."
    )
    url = serializers.CharField(help_text="Its own URL, when that much was readable.")

    def get_reason(self, refusal: Refusal) -> str:
        return refusal.reason.told(translation)


class ImportedCheckSerializer(serializers.Serializer):
    """A review the import stored, and the claim it was put under."""

    url = serializers.CharField()
    publisher = serializers.CharField()
    rating = serializers.CharField()
    claim = serializers.IntegerField(source="claim_id")
    claim_text = serializers.CharField()
    stage = serializers.ChoiceField(
        choices=["exact", "lexical", "semantic", "new"],
        help_text='How the claim was found: the same words once normalised ("exact"), the '
        'matcher\'s "same claim" ("lexical" or "semantic", with its score), or a new claim.',
    )
    score = serializers.FloatField(allow_null=True)


class FactCheckImportSerializer(serializers.Serializer):
    """What an import did (services.fact_checks.FactCheckImport)."""

    items_read = serializers.IntegerField()
    created = serializers.IntegerField(help_text="Reviews stored.")
    imported = ImportedCheckSerializer(many=True, help_text="The reviews stored, one each.")
    known = serializers.ListField(
        child=serializers.CharField(), help_text="URLs already imported, left as they were."
    )
    refusals = ImportRefusalSerializer(many=True)
