"""The back office's articles: added through the import service, their revisions, where
highlights were placed on them, and their stored agreement statistics (read only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html

from annotations.admin.base import HTTPS_URLS, ReadOnlyAdmin, ServiceFormPages
from annotations.core.uri import uri_key_or_empty
from annotations.errors import DomainError
from annotations.forms import ArticleImportForm
from annotations.models import AnnotationAnchor, Article, ArticleAgreement, ArticleRevision
from annotations.request_user import request_user
from annotations.services.article_language import article_language_set
from annotations.services.articles import ArticleDuplicate, article_import


class ArticleAddForm(ArticleImportForm):
    """The import page's form, for pasted text (uploads and URLs are the import page's): its
    fields are named as article_import takes them, but `allow_duplicate`."""

    allow_duplicate = forms.BooleanField(
        required=False,
        label="Import it even if the desk has it",
        help_text="An article with the same source URL or the same text is refused unless "
        "this is ticked.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("file", "url", *self.page_fields):
            del self.fields[name]


@admin.register(Article)
class ArticleAdmin(ServiceFormPages):
    list_display = ["title", "publisher", "published_on", "language", "created", "imported_by"]
    list_filter = ["language", "publisher", "created"]
    search_fields = ["title", "byline", "publisher", "source_url"]
    date_hierarchy = "created"
    raw_id_fields = ["imported_by"]
    formfield_overrides = HTTPS_URLS
    # A new text is a new revision, made on the article's "Import a new version" page, so that
    # highlights are carried over to it; here it can only be read.
    readonly_fields = ["text"]

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        # The URL's look-up key follows the URL an admin may correct here (partners' ?uri=).
        obj.url_key = uri_key_or_empty(obj.source_url)
        # A new language goes through its service, as on the desk's page (its claims and
        # suggestions follow); the rest of the row is saved with the old one first.
        language = obj.language
        if change and "language" in form.changed_data:
            obj.language = form.initial.get("language", "")
        super().save_model(request, obj, form, change)
        if obj.language != language:
            try:
                article_language_set(
                    article=obj, language=language, changed_by=request_user(request)
                )
            except DomainError as error:
                self.message_user(request, error.message, level=messages.ERROR)
            obj.refresh_from_db(fields=["language"])

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Adding an article is importing it, as on the import page: the text is normalised
        and becomes revision 1 (every offset counts characters of the normalised text). One the
        desk already has is refused with a warning linking to it, unless the form says to
        import it anyway."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self.service_form_page(
            request,
            form=ArticleAddForm(request.POST or None),
            title="Add article",
            save=lambda data: self._import(request, data),
            done="Imported",
        )

    def _import(self, request: HttpRequest, data: dict[str, Any]) -> Article:
        source = dict(data)
        allow_duplicate = source.pop("allow_duplicate")
        try:
            return article_import(
                imported_by=request_user(request), duplicate_refused=not allow_duplicate, **source
            )
        except ArticleDuplicate as duplicate:
            existing = duplicate.existing
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">Open it</a>, or tick “{}” to import this one as well.',
                    duplicate.message,
                    reverse("admin:annotations_article_change", args=[existing.pk]),
                    ArticleAddForm.base_fields["allow_duplicate"].label,
                ),
                messages.WARNING,
            )
            raise


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ReadOnlyAdmin):
    list_display = ["article", "number", "origin", "created", "created_by", "reanchored_at"]
    list_filter = ["origin", "created"]
    search_fields = ["article__title", "title"]
    list_select_related = ["article", "created_by"]


@admin.register(AnnotationAnchor)
class AnnotationAnchorAdmin(ReadOnlyAdmin):
    list_display = ["annotation", "revision", "status", "method", "confidence", "resolved_by"]
    list_filter = ["status", "method"]
    search_fields = ["annotation__exact", "revision__article__title"]
    list_select_related = ["annotation", "revision", "revision__article", "resolved_by"]


@admin.register(ArticleAgreement)
class ArticleAgreementAdmin(ReadOnlyAdmin):
    """Written by the recomputation alone; stale ones are found by the sweep."""

    list_display = [
        "article",
        "computed_at",
        "changes",
        "computed_changes",
        "computations",
        "queued",
    ]
    list_select_related = ["article"]
