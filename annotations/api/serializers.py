"""API serializers: explicit fields, separate input and output shapes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from rest_framework import serializers

from annotations.api.fields import (
    FreeTextField,
    NameField,
    StrictCharField,
    StrictIntegerField,
    StrictPrimaryKeyRelatedField,
    StrictSlugRelatedField,
)
from annotations.errors import DomainError
from annotations.fetching import url_host_check, url_validate
from annotations.models import (
    Annotation,
    AnnotationAnchor,
    Article,
    ArticleRevision,
    Source,
    VerdictLabel,
)
from annotations.presenters.annotations import TargetSerializer
from annotations.selectors import articles_visible_to
from annotations.services.annotations import SourceInput, TargetInput

MAX_SOURCES = 30


class HttpUrlField(StrictCharField):
    """An absolute http(s) URL, scheme lower-cased; everything else is a field error."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2000)
        super().__init__(trim_whitespace=False, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value == "" and self.allow_blank:
            return value
        try:
            return self._checked(value)
        except DomainError as error:
            raise serializers.ValidationError(error.message, code=error.code) from None

    def _checked(self, value: str) -> str:
        return url_validate(value)


class PublishedUrlField(HttpUrlField):
    """An http(s) URL published as it is given (a source, an article's address): its host is
    also no address a fetch refuses (annotations.fetching.url_host_check). URLs that are
    fetched are checked, address by address, when they are."""

    def _checked(self, value: str) -> str:
        return url_host_check(value, allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES)


# --- Input ------------------------------------------------------------------------------------


class TargetInputSerializer(serializers.Serializer):
    exact = StrictCharField(trim_whitespace=False, max_length=100_000)
    prefix = StrictCharField(trim_whitespace=False, allow_blank=True, max_length=1000, default="")
    suffix = StrictCharField(trim_whitespace=False, allow_blank=True, max_length=1000, default="")
    start = StrictIntegerField(min_value=0, max_value=2**31 - 1)
    end = StrictIntegerField(min_value=0, max_value=2**31 - 1)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A PATCH makes nested fields optional too, but a target is replaced whole.
        missing = {name: "This field is required." for name in ("exact", "start", "end")}
        missing = {name: error for name, error in missing.items() if name not in attrs}
        if missing:
            raise serializers.ValidationError(missing, code="required")
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": "end must be greater than start."})
        return attrs

    def to_target(self) -> TargetInput:
        return TargetInput(**self.validated_data)


class SourceInputSerializer(serializers.Serializer):
    url = PublishedUrlField()
    title = NameField(max_length=500, allow_blank=True, default="")
    publisher = NameField(max_length=200, allow_blank=True, default="")
    passage = FreeTextField(max_length=10_000, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Source.Stance.choices, default=Source.Stance.CONTEXT)
    accessed_on = serializers.DateField(required=False, allow_null=True, default=None)


class AnnotationInputSerializer(serializers.Serializer):
    """What a client posts. Owner, timestamps and ids are never taken from the input."""

    article = StrictPrimaryKeyRelatedField(queryset=Article.objects.none())
    kind = serializers.ChoiceField(choices=Annotation.Kind.choices, default=Annotation.Kind.CLAIM)
    speaker = NameField(max_length=200, allow_blank=True, default="")
    target = TargetInputSerializer()
    verdict = StrictSlugRelatedField(slug_field="slug", queryset=VerdictLabel.objects.all())
    rationale = FreeTextField(max_length=20_000, allow_blank=True, default="")
    # many=True makes a ListSerializer, which takes max_length; the stubs see the child's __init__.
    sources = SourceInputSerializer(  # type: ignore[call-arg]
        many=True, default=list, max_length=MAX_SOURCES
    )
    # The suggestion this highlight started as (an id from the article's suggestions); the
    # service checks that it is one of this article's.
    suggestion = StrictIntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Articles the user cannot see do not exist, as far as the input is concerned.
            self.fields["article"].queryset = articles_visible_to(  # type: ignore[attr-defined]
                request.user
            )  # "article" is the related field declared above

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("kind") == Annotation.Kind.QUOTE and not attrs.get("speaker", "").strip():
            raise serializers.ValidationError({"speaker": "A quote names its speaker."})
        return attrs

    def sources_input(self) -> list[SourceInput] | None:
        if "sources" not in self.validated_data:
            return None
        return [SourceInput(**source) for source in self.validated_data["sources"]]

    def target_input(self) -> TargetInput | None:
        target = self.validated_data.get("target")
        return TargetInput(**target) if target is not None else None


class AnnotationPatchSerializer(AnnotationInputSerializer):
    """A partial change: the article cannot move, every other field is optional."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
        self.fields.pop("article")
        # Where a highlight started is set once, when it is made.
        self.fields.pop("suggestion")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Whether a quote has its speaker depends on the stored annotation: the service checks.
        return attrs


class ArticleInputSerializer(serializers.Serializer):
    """An article from pasted text, or from a URL to fetch: exactly one of `text` and `url`."""

    title = NameField(max_length=500, allow_blank=True, default="")
    text = StrictCharField(
        max_length=settings.ARTICLE_MAX_CHARACTERS * 2,
        allow_blank=True,
        default="",
        trim_whitespace=False,
    )
    url = HttpUrlField(allow_blank=True, default="")
    byline = NameField(max_length=300, allow_blank=True, default="")
    publisher = NameField(max_length=200, allow_blank=True, default="")
    source_url = PublishedUrlField(allow_blank=True, default="")
    published_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The day the article was published: from 1800-01-01 to tomorrow, in the "
        "desk's time zone (code `published_on_implausible` otherwise).",
    )
    language = StrictCharField(max_length=16, allow_blank=True, default="")
    allow_duplicate = serializers.BooleanField(
        default=False,
        help_text="Import even if the desk already has an article with the same source URL or "
        "the same text. Without it, such an import is refused with a 409 naming the existing "
        "article.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs["text"].strip()) == bool(attrs["url"]):
            raise serializers.ValidationError(
                {"text": "Send the article's text or a url to fetch it from: exactly one."}
            )
        return attrs


# --- Output -----------------------------------------------------------------------------------


class ArticleListSerializer(serializers.ModelSerializer):
    # Not a URLField: pasted articles have none, and "" is not a URI.
    source_url = serializers.CharField(
        read_only=True, help_text="Where the article was published; empty if it was pasted."
    )
    my_review_status = serializers.CharField(read_only=True, allow_null=True)
    my_annotation_count = serializers.IntegerField(read_only=True)
    revision = serializers.IntegerField(
        source="revision_number",
        read_only=True,
        allow_null=True,
        help_text="The number of the latest revision: the one `text` is.",
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "revision",
            "title",
            "byline",
            "publisher",
            "source_url",
            "published_on",
            "language",
            "created",
            "modified",
            "my_review_status",
            "my_annotation_count",
        ]
        read_only_fields = fields


class ArticleSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "text"]
        read_only_fields = fields


class ExistingArticleSerializer(serializers.Serializer):
    """The article the desk already has, in a 409 refusing a duplicate import."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    source_url = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True, help_text="The article in this API.")
    page = serializers.CharField(read_only=True, help_text="The article's page on the desk.")
    matched = serializers.ChoiceField(
        choices=["url", "text"],
        read_only=True,
        help_text="What the import shares with it: its source URL, or its text (any revision's).",
    )


class ArticleDuplicateSerializer(serializers.Serializer):
    """409 `article_duplicate`: send again with `allow_duplicate: true` to import anyway, or add
    the text to the existing article as a revision (PUT its `url`)."""

    detail = serializers.CharField(read_only=True)
    code = serializers.CharField(read_only=True)
    existing = ExistingArticleSerializer(read_only=True)


class ArticleRevisionInputSerializer(serializers.Serializer):
    """A new version of an article's text (PUT /articles/{id}/)."""

    text = StrictCharField(max_length=settings.ARTICLE_MAX_CHARACTERS * 2, trim_whitespace=False)
    title = NameField(max_length=500, allow_blank=True, default="")


class ArticleRevisionSerializer(serializers.ModelSerializer):
    created_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ArticleRevision
        fields = ["number", "title", "origin", "created", "created_by", "reanchored_at"]
        read_only_fields = fields


class ArticleRevisionTextSerializer(ArticleRevisionSerializer):
    class Meta(ArticleRevisionSerializer.Meta):
        fields = [*ArticleRevisionSerializer.Meta.fields, "text"]
        read_only_fields = fields


class OrphanSerializer(serializers.ModelSerializer):
    """A highlight that could not be placed on its article's latest revision."""

    article = serializers.IntegerField(source="revision.article_id", read_only=True)
    article_title = serializers.CharField(source="revision.article.title", read_only=True)
    revision = serializers.IntegerField(source="revision.number", read_only=True)
    reviewer = serializers.CharField(source="annotation.reviewer.username", read_only=True)
    verdict = serializers.CharField(source="annotation.verdict.slug", read_only=True)
    original = TargetSerializer(
        source="annotation",
        read_only=True,
        help_text="The highlight's selectors on the revision it was made on.",
    )

    class Meta:
        model = AnnotationAnchor
        fields = [
            "id",
            "annotation",
            "article",
            "article_title",
            "revision",
            "status",
            "reviewer",
            "verdict",
            "original",
            "start",
            "end",
            "exact",
        ]
        read_only_fields = fields


class ReattachInputSerializer(serializers.Serializer):
    target = TargetInputSerializer()


class ReviewSerializer(serializers.Serializer):
    article = serializers.IntegerField(source="article_id")
    reviewer = serializers.CharField(source="reviewer.username")
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
