"""The back office's desk: the rating scale, the desk's settings, its list of known claimants,
and its members (deactivated, never deleted)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from annotations.models import (
    DeskSettings,
    KnownClaimant,
    VerdictLabel,
    VerdictLabelTranslation,
    label_languages,
)
from annotations.services.agreement import rating_scale_changed
from annotations.services.users import user_deactivate
from annotations.validators import validate_visible_name


class VerdictLabelTranslationInline(admin.TabularInline):
    """The label's name and description in each other language of the interface: readers of
    that language see them on the public site, and ClaimReview names a verdict in that
    language's rating with them. A language left out shows the label's own (English) name."""

    model = VerdictLabelTranslation
    fields = ["language", "name", "description"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def get_max_num(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        return len(label_languages())

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # An empty row for each language the label has no name in yet.
        written = obj.translations.count() if obj is not None else 0
        return max(0, len(label_languages()) - written)


@admin.register(VerdictLabel)
class VerdictLabelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_ordinal", "rating_value", "colour"]
    list_editable = ["position", "is_ordinal", "rating_value", "colour"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    inlines = [VerdictLabelTranslationInline]
    # What the agreement statistics read of a label: changing one recomputes every article.
    SCALE_FIELDS = frozenset({"position", "is_ordinal", "rating_value"})

    def save_model(
        self, request: HttpRequest, obj: VerdictLabel, form: forms.ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        # Also called for each row changed through list_editable on the list page.
        if not change or self.SCALE_FIELDS & set(form.changed_data):
            marked = rating_scale_changed()
            if marked:
                self.message_user(
                    request, f"The rating scale changed: {marked} articles' figures recompute."
                )


@admin.register(KnownClaimant)
class KnownClaimantAdmin(admin.ModelAdmin):
    """The desk's list of claimants and what each is: a verdict naming one (in any case) is
    published with that type in its ClaimReview unless the editor chose another."""

    list_display = ["name", "kind"]
    list_editable = ["kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(DeskSettings)
class DeskSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "reviewers_per_article",
        "allow_self_assignment",
        "hide_reviewer_names",
        "match_same_threshold",
        "match_related_threshold",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["reviewers_per_article", "allow_self_assignment", "hide_reviewer_names"]},
        ),
        (
            "Claim matching",
            {
                "fields": ["match_same_threshold", "match_related_threshold"],
                "description": (
                    "Scores run from 0 to 1: how closely two wordings state the same thing, "
                    "1 when they are the same words. A match whose facts "
                    "differ (a figure, a date, a name, a direction) is never 'same claim', "
                    "whatever its score. The shipped values, 0.75 and 0.60, were tuned on the "
                    "project's evaluation set: raising the first links fewer paraphrases in one "
                    "click; lowering the second shows more, weaker, candidates. Takes effect on "
                    "the next query."
                ),
            },
        ),
        (
            "Fast lane",
            {
                "fields": [
                    "fast_lane_min_reviewers",
                    "fast_lane_min_overlap",
                    "fast_lane_excluded_labels",
                ],
                "description": (
                    "A claim goes to the review queue's Ready lane when at least this many "
                    "reviewers gave it the same verdict, their highlights overlap at least this "
                    "much, no source is cited as supporting by one and refuting by another, and "
                    "its verdict is not one of those never fast-tracked."
                ),
            },
        ),
    ]
    filter_horizontal = ["fast_lane_excluded_labels"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not DeskSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The desk's one row: deleted, it came back with the defaults on the next request, and
        # the labels never fast-tracked (False) went to the Ready lane's one-click publishing.
        return False


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
