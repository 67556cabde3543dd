"""What the back office's pages share: read-only pages, history that cannot be reverted, and
pages whose form calls a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from annotations.errors import DomainError
from annotations.permissions import Permission, can
from annotations.services.agreement import article_agreement_mark_changed
from annotations.views.errors import domain_errors_shown

# URLs typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only by the services (a new revision, the re-anchoring task, a person
    resolving an orphan on the re-attach page); the back office reads them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class HistoryNotRevertible:
    """django-simple-history's page of an earlier version saves that version when posted (it
    checks only that the user may view it): a published verdict could go back to an earlier
    label with no correction. Here history is read, never reverted."""

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if request.method == "POST":
            raise PermissionDenied("History is read here; changes go through the desk's pages.")
        return super().history_form_view(  # type: ignore[misc]
            request, object_id, version_id, extra_context
        )

    def revert_disabled(self, request: HttpRequest, obj: object = None) -> bool:
        return True


class EditorsActions:
    """Actions declared with permissions=["adjudicate"] or ["publish"] are offered to those the
    permission map lets adjudicate units or publish verdicts (the services refuse anyone else
    too, with the reason)."""

    def has_adjudicate_permission(self, request: HttpRequest) -> bool:
        return can(request.user, Permission.Unit.ADJUDICATE)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can(request.user, Permission.Verdict.PUBLISH)


class DeletionRecomputes:
    """Deleting a reviewer's work (a highlight, a review, a unit) can move the article's
    figures: the deletion marks the article changed, as the services' own writes do."""

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)  # type: ignore[misc]
            article_agreement_mark_changed(article_id=obj.article_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            article_ids = set(queryset.values_list("article_id", flat=True))
            super().delete_queryset(request, queryset)  # type: ignore[misc]
            for article_id in sorted(article_ids):
                article_agreement_mark_changed(article_id=article_id)


class ServiceActions(admin.ModelAdmin):
    """List actions that call a service once per selected object: what the service refuses
    is reported for that object, with its reason, and the rest go ahead."""

    def service_each(
        self, request: HttpRequest, objects: QuerySet[Any], call: Callable[[Any], object]
    ) -> None:
        done = 0
        for obj in objects:
            try:
                call(obj)
                done += 1
            except DomainError as error:
                self.message_user(request, f"{obj}: {error.message}", messages.WARNING)
        noun = self.model._meta.verbose_name if done == 1 else self.model._meta.verbose_name_plural
        self.message_user(request, f"{done} {noun} updated.", messages.SUCCESS)


class ServiceFormPages(admin.ModelAdmin):
    """Pages whose form calls a service: the form checks its input, the service writes, and a
    refusal is shown as on the desk's pages (views/errors.py), with the input kept."""

    def service_form_page(
        self,
        request: HttpRequest,
        *,
        form: forms.Form,
        title: str,
        save: Callable[[dict[str, Any]], Model],
        done: str,
        original: Model | None = None,
    ) -> HttpResponse:
        """`save(cleaned_data)` calls the service and returns the object to show next;
        `done` is the message for the log and the user."""
        refusal = None
        if request.method == "POST" and form.is_valid():
            # As on the desk's pages: a 409 comes back above the form as it was filled in, any
            # other refusal on the field it names; 403 and 404 go to Django's own pages.
            with domain_errors_shown(request, form) as refusal:
                saved = save(form.cleaned_data)
            if not refusal:
                if original is None:
                    self.log_addition(request, saved, [{"added": {}}])
                else:
                    self.log_change(request, saved, done)
                self.message_user(request, f"{done}: “{saved}”.", messages.SUCCESS)
                opts = saved._meta
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[saved.pk])
                )
        return TemplateResponse(
            request,
            "admin/annotations/service_form.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "form": form,
                "opts": self.model._meta,
                "original": original,
                "conflict": refusal.conflict if refusal else None,
                "media": self.media + form.media,
            },
            # The refusal's own status (409, 400), as the desk's pages answer.
            status=refusal.status if refusal else 200,
        )
