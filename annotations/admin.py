"""The back office: the rating scale, articles, reviews and annotations, and desk members
(deactivated, never deleted)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from annotations.errors import DomainError
from annotations.models import (
    Annotation,
    AnnotationAnchor,
    Article,
    ArticleAgreement,
    ArticleRevision,
    Assignment,
    ClaimUnit,
    Correction,
    DeskSettings,
    Review,
    Source,
    Verdict,
    VerdictLabel,
)
from annotations.request_user import request_user
from annotations.roles import Role
from annotations.services.adjudication import verdict_publish, verdict_unpublish
from annotations.services.assignments import assignments_reassign
from annotations.services.revisions import revision_first_create
from annotations.services.users import user_deactivate
from annotations.validators import validate_visible_name

# URLs typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


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
    formfield_overrides = HTTPS_URLS

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        # A new text is a new revision, made on the article's "Import a new version" page,
        # so that highlights are carried over to it; here it can only be read.
        return ["text"] if obj is not None else []

    def save_model(
        self, request: HttpRequest, obj: Article, form: forms.Form, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            revision_first_create(obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only by the services (a new revision, the re-anchoring task, a person
    resolving an orphan on the re-attach page); the back office reads them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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
    formfield_overrides = HTTPS_URLS


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["exact_short", "article", "reviewer", "kind", "verdict", "modified"]
    list_filter = ["kind", "verdict"]
    search_fields = ["exact", "rationale", "article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer", "verdict"]
    raw_id_fields = ["article", "reviewer"]
    inlines = [SourceInline]

    @admin.display(description="Highlight")
    def exact_short(self, annotation: Annotation) -> str:
        return annotation.exact if len(annotation.exact) <= 80 else annotation.exact[:79] + "…"


@admin.register(DeskSettings)
class DeskSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "reviewers_per_article",
        "allow_self_assignment",
        "hide_reviewer_names",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not DeskSettings.objects.exists()


class ReassignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(groups__name=Role.REVIEWER).order_by("username"),
        help_text="The reviewer who takes over the selected assignments.",
    )


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["article", "reviewer", "assigned_by", "due_on", "created"]
    list_filter = ["due_on"]
    search_fields = ["article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer", "assigned_by"]
    raw_id_fields = ["article", "reviewer", "assigned_by"]
    list_editable = ["due_on"]
    actions = ["reassign"]

    @admin.action(description="Reassign the selected assignments to another reviewer")
    def reassign(
        self, request: HttpRequest, assignments: QuerySet[Assignment]
    ) -> TemplateResponse | None:
        form = ReassignForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                moved, skipped = assignments_reassign(
                    assignments=list(assignments.select_related("article", "reviewer")),
                    reviewer=form.cleaned_data["reviewer"],
                    editor=request_user(request),
                )
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
                return None
            self.message_user(request, f"{len(moved)} reassigned.", messages.SUCCESS)
            reviewer = form.cleaned_data["reviewer"]
            for assignment in skipped:
                self.message_user(
                    request,
                    f"Not moved: {reviewer} already has “{assignment.article}”.",
                    messages.WARNING,
                )
            return None  # back to the list
        return TemplateResponse(
            request,
            "admin/annotations/assignment/reassign.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reassign",
                "form": form,
                "assignments": assignments.select_related("article", "reviewer"),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


@admin.register(ClaimUnit)
class ClaimUnitAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "article", "kind", "status", "ratings", "ordinal_spread", "version"]
    list_filter = ["status", "kind", "is_manual"]
    search_fields = ["article__title"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]
    readonly_fields = ["version", "ratings", "ordinal_spread", "nominal_disagreement"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    readonly_fields = ["note", "previous", "corrected_by", "created"]
    can_delete = False


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = [
        "claim_reviewed",
        "label",
        "claimant",
        "is_published",
        "published_at",
        "decided_by",
    ]
    list_filter = ["is_published", "label"]
    search_fields = ["claim_reviewed", "claimant", "explanation"]
    list_select_related = ["label", "decided_by", "unit"]
    raw_id_fields = ["unit", "decided_by"]
    filter_horizontal = ["sources"]
    readonly_fields = ["is_published", "first_published_at", "published_at", "updated_at"]
    inlines = [CorrectionInline]
    actions = ["publish", "unpublish", "delete_selected"]

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict changes only through a correction on its unit page, which keeps
        # the earlier version and shows readers a note: here it can be viewed, not changed.
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict is on readers' pages and in the feeds: unpublish it first.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Delete the selected verdicts", permissions=["delete"])
    def delete_selected(
        self, request: HttpRequest, verdicts: QuerySet[Verdict]
    ) -> HttpResponse | None:
        """Django's delete action, refused with the reason when a selected verdict is
        published (Django's own would only say permission is lacking)."""
        published = list(verdicts.filter(is_published=True))
        for verdict in published:
            self.message_user(
                request,
                f"“{verdict}” is published: unpublish it first, then delete it.",
                messages.ERROR,
            )
        return None if published else delete_selected(self, request, verdicts)

    def _each(
        self, request: HttpRequest, verdicts: QuerySet[Verdict], change: Callable[..., object]
    ) -> None:
        done = 0
        for verdict in verdicts.select_related("unit"):
            try:
                change(verdict=verdict, editor=request.user, seen_version=verdict.unit.version)
                done += 1
            except DomainError as error:
                self.message_user(request, f"{verdict}: {error.message}", messages.WARNING)
        self.message_user(request, f"{done} verdict(s) updated.", messages.SUCCESS)

    @admin.action(description="Publish the selected verdicts")
    def publish(self, request: HttpRequest, verdicts: QuerySet[Verdict]) -> None:
        self._each(request, verdicts, verdict_publish)

    @admin.action(description="Unpublish the selected verdicts")
    def unpublish(self, request: HttpRequest, verdicts: QuerySet[Verdict]) -> None:
        self._each(request, verdicts, verdict_unpublish)


@admin.register(ArticleAgreement)
class ArticleAgreementAdmin(admin.ModelAdmin):
    list_display = [
        "article",
        "computed_at",
        "changes",
        "computed_changes",
        "computations",
        "queued",
    ]
    list_select_related = ["article"]
    readonly_fields = [field.name for field in ArticleAgreement._meta.fields]


class DeskUserChangeForm(UserChangeForm):
    """Django's form, with first and last names held to the rule for every visible name
    (the username already has UnicodeUsernameValidator)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].validators.append(validate_visible_name)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class DeskMemberAdmin(UserAdmin):
    """People who leave are deactivated, never deleted: their highlights, reviews and verdicts
    stay, with their name on them (the models PROTECT them; see annotations.models)."""

    form = DeskUserChangeForm
    actions = ["deactivate"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(
        description="Deactivate the selected users (their work stays)", permissions=["change"]
    )
    def deactivate(self, request: HttpRequest, users: QuerySet[Any]) -> None:
        for user in users:
            user_deactivate(user=user)
        self.message_user(
            request,
            f"{len(users)} deactivated: they can no longer log in or use API tokens.",
            messages.SUCCESS,
        )

    def save_model(self, request: HttpRequest, obj: Any, form: forms.Form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Unticking "Active" on the form is a deactivation too: the tokens go with it.
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_deactivate(user=obj)
