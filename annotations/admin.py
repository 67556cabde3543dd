"""The back office: the rating scale, articles, reviews and annotations."""

from __future__ import annotations

from django.contrib import admin

from annotations.models import Annotation, Article, Review, Source, VerdictLabel


@admin.register(VerdictLabel)
class VerdictLabelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_ordinal", "rating_value", "colour"]
    list_editable = ["position", "is_ordinal", "rating_value", "colour"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "language", "created", "imported_by"]
    list_filter = ["language", "publisher", "created"]
    search_fields = ["title", "byline", "publisher", "source_url"]
    date_hierarchy = "created"
    raw_id_fields = ["imported_by"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["article", "reviewer", "status", "submitted_at", "created"]
    list_filter = ["status"]
    search_fields = ["article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer"]
    raw_id_fields = ["article", "reviewer"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["exact_short", "article", "reviewer", "kind", "verdict", "modified"]
    list_filter = ["kind", "verdict"]
    search_fields = ["exact", "rationale", "article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer", "verdict"]
    raw_id_fields = ["article", "reviewer"]
    inlines = [SourceInline]

    @admin.display(description="Highlight")
    def exact_short(self, annotation: Annotation) -> str:
        return annotation.exact if len(annotation.exact) <= 80 else annotation.exact[:79] + "…"
