"""The back office's reviewing: reviews and their highlights (written by reviewers on the desk's
pages and API, read here) and assignments (reassigned through the service)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from annotations.admin.base import HTTPS_URLS, DeletionRecomputes, HistoryNotRevertible
from annotations.errors import DomainError
from annotations.models import Annotation, Assignment, Review, Source
from annotations.request_user import request_user
from annotations.roles import Role
from annotations.services.assignments import assignments_reassign


class WrittenByReviewers:
    """A reviewer's own work: they write it on the desk's pages until they submit, and nobody
    else changes it (a submitted highlight is what agreement was computed on)."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(DeletionRecomputes, WrittenByReviewers, admin.ModelAdmin):
    list_display = ["article", "reviewer", "status", "submitted_at", "created"]
    list_filter = ["status"]
    search_fields = ["article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer"]


class SourceInline(WrittenByReviewers, admin.TabularInline):
    model = Source
    extra = 0
    can_delete = False
    formfield_overrides = HTTPS_URLS


@admin.register(Annotation)
class AnnotationAdmin(
    DeletionRecomputes, WrittenByReviewers, HistoryNotRevertible, SimpleHistoryAdmin
):
    list_display = ["exact_short", "article", "reviewer", "kind", "verdict", "modified"]
    list_filter = ["kind", "verdict"]
    search_fields = ["exact", "rationale", "article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer", "verdict"]
    inlines = [SourceInline]

    @admin.display(description="Highlight")
    def exact_short(self, annotation: Annotation) -> str:
        return annotation.exact if len(annotation.exact) <= 80 else annotation.exact[:79] + "…"


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
    # Who and what are set on the desk's assign page and changed only by the reassign action
    # (assignments_reassign checks the reviewer's role and their other seats); the due date is
    # free to move.
    readonly_fields = ["article", "reviewer", "assigned_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

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
