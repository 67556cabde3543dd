"""The back office's adjudication: claim units and verdicts, changed only through the
adjudication services (each change moves the unit's version on and is recorded in its history;
what can move the figures recomputes them). A published verdict changes through a correction,
which keeps the earlier version and a note readers see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from annotations.admin.base import (
    DeletionRecomputes,
    EditorsActions,
    HistoryNotRevertible,
    ServiceActions,
    ServiceFormPages,
)
from annotations.errors import DomainError
from annotations.models import ClaimantType, ClaimUnit, Correction, Source, Verdict, VerdictLabel
from annotations.permissions import Permission, can
from annotations.request_user import request_user
from annotations.services import adjudication
from annotations.services.adjudication import VerdictInput


@admin.register(ClaimUnit)
class ClaimUnitAdmin(
    EditorsActions, DeletionRecomputes, HistoryNotRevertible, ServiceActions, SimpleHistoryAdmin
):
    """Units are made by regrouping the submitted highlights; editors change them with the
    actions below (or on the desk's unit page), never by editing their fields."""

    list_display = ["__str__", "article", "kind", "status", "ratings", "ordinal_spread", "version"]
    list_filter = ["status", "kind", "is_manual"]
    search_fields = ["article__title"]
    list_select_related = ["article"]
    actions = ["start", "send_back", "reject", "merge"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def _advance(self, request: HttpRequest, units: QuerySet[ClaimUnit], change: Any) -> None:
        self.service_each(
            request,
            units,
            lambda unit: change(unit=unit, editor=request_user(request), seen_version=unit.version),
        )

    @admin.action(description="Start adjudicating the selected units", permissions=["adjudicate"])
    def start(self, request: HttpRequest, units: QuerySet[ClaimUnit]) -> None:
        self._advance(request, units, adjudication.unit_adjudication_start)

    @admin.action(
        description="Send the selected units back for more reviews", permissions=["adjudicate"]
    )
    def send_back(self, request: HttpRequest, units: QuerySet[ClaimUnit]) -> None:
        self._advance(request, units, adjudication.unit_send_back)

    @admin.action(
        description="Reject the selected units (not a checkable claim)",
        permissions=["adjudicate"],
    )
    def reject(self, request: HttpRequest, units: QuerySet[ClaimUnit]) -> None:
        self._advance(request, units, adjudication.unit_reject)

    @admin.action(
        description="Merge the two selected units (the same claim)", permissions=["adjudicate"]
    )
    def merge(self, request: HttpRequest, units: QuerySet[ClaimUnit]) -> None:
        selected = list(units.order_by("start", "end", "pk"))
        if len(selected) != 2 or selected[0].article_id != selected[1].article_id:
            self.message_user(
                request, "Select exactly two units of the same article to merge.", messages.ERROR
            )
            return
        unit, other = selected
        try:
            merged = adjudication.units_merge(
                unit=unit,
                other=other,
                editor=request_user(request),
                seen_version=unit.version,
                other_seen_version=other.version,
            )
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(request, f"Merged into “{merged}”.", messages.SUCCESS)


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    readonly_fields = ["note", "previous", "corrected_by", "created"]
    can_delete = False


class VerdictReviseForm(forms.Form):
    """A new decision on a verdict not yet published, or a correction of a published one
    (with the note readers see)."""

    label = forms.ModelChoiceField(queryset=VerdictLabel.objects.all())
    claim_reviewed = forms.CharField(max_length=500, help_text="The claim as checked.")
    explanation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    claimant = forms.CharField(required=False, max_length=200)
    claimant_type = forms.ChoiceField(
        required=False,
        choices=[("", "As the desk's list of claimants says"), *ClaimantType.choices],
    )
    language = forms.CharField(
        required=False,
        max_length=16,
        help_text="The language the claim and explanation are written in (es, ar, pt-BR). "
        "Left empty, it is detected from them, else it is the article's.",
    )
    sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only sources this unit's reviewers gave.",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What was corrected, for readers: shown under the verdict.",
    )
    # The unit version the editor saw: a change made meanwhile refuses this one (a conflict).
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, verdict: Verdict, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "label": verdict.label_id,
                "claim_reviewed": verdict.claim_reviewed,
                "explanation": verdict.explanation,
                "claimant": verdict.claimant,
                "claimant_type": verdict.claimant_type,
                "language": verdict.language,
                "sources": list(verdict.sources.values_list("pk", flat=True)),
                "version": verdict.unit.version,
            },
        )
        super().__init__(*args, **kwargs)
        sources = self.fields["sources"]
        assert isinstance(sources, forms.ModelMultipleChoiceField)
        sources.queryset = Source.objects.filter(annotation__unit=verdict.unit_id).distinct()
        if not verdict.is_published:
            del self.fields["note"]

    def changes(self) -> VerdictInput:
        data = self.cleaned_data
        return VerdictInput(
            label=data["label"],
            claim_reviewed=data["claim_reviewed"],
            explanation=data["explanation"],
            claimant=data["claimant"],
            claimant_type=data["claimant_type"],
            language=data["language"],
            source_ids=[source.pk for source in data["sources"]],
        )


@admin.register(Verdict)
class VerdictAdmin(
    EditorsActions, HistoryNotRevertible, ServiceActions, ServiceFormPages, SimpleHistoryAdmin
):
    """Verdicts are read here; "Decide again" or "Correct" (on each verdict's page) and the
    publish actions change them through the services."""

    list_display = [
        "claim_reviewed",
        "label",
        "claimant",
        "language",
        "is_published",
        "published_at",
        "decided_by",
    ]
    list_filter = ["is_published", "label", "language"]
    search_fields = ["claim_reviewed", "claimant", "explanation"]
    list_select_related = ["label", "decided_by", "unit"]
    readonly_fields = ["revise_link"]
    inlines = [CorrectionInline]
    actions = ["publish", "unpublish", "delete_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # An editor decides a unit on the desk's unit page (or the API): the unit moves on with it.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # Every verdict changes through a service: a new decision while unpublished, a
        # correction once published (which keeps the earlier version and a note for readers).
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict is on readers' pages and in the feeds: unpublish it first.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="Change")
    def revise_link(self, verdict: Verdict) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:annotations_verdict_revise", args=[verdict.pk]),
            "Correct this verdict" if verdict.is_published else "Decide again",
        )

    def get_urls(self) -> list[URLPattern]:
        revise = path(
            "<path:object_id>/revise/",
            self.admin_site.admin_view(self.revise_view),
            name="annotations_verdict_revise",
        )
        return [revise, *super().get_urls()]

    def revise_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        verdict = self.get_object(request, object_id)
        if verdict is None:
            raise Http404("No such verdict.")
        permission = (
            Permission.Verdict.CORRECT if verdict.is_published else Permission.Unit.ADJUDICATE
        )
        if not can(request.user, permission, verdict):
            raise PermissionDenied("Only editors change verdicts.")
        form = VerdictReviseForm(request.POST or None, verdict=verdict)

        def save(data: dict[str, Any]) -> Verdict:
            if verdict.is_published:
                adjudication.verdict_correct(
                    verdict=verdict,
                    editor=request_user(request),
                    seen_version=data["version"],
                    note=data["note"],
                    changes=form.changes(),
                )
                return verdict
            return adjudication.unit_decide(
                unit=verdict.unit,
                editor=request_user(request),
                seen_version=data["version"],
                verdict=form.changes(),
            )

        return self.service_form_page(
            request,
            form=form,
            title="Correct this verdict" if verdict.is_published else "Decide again",
            save=save,
            done="Corrected" if verdict.is_published else "Decided",
            original=verdict,
        )

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

    def _publication(self, request: HttpRequest, verdicts: QuerySet[Verdict], change: Any) -> None:
        self.service_each(
            request,
            verdicts.select_related("unit"),
            lambda verdict: change(
                verdict=verdict, editor=request_user(request), seen_version=verdict.unit.version
            ),
        )

    @admin.action(description="Publish the selected verdicts", permissions=["publish"])
    def publish(self, request: HttpRequest, verdicts: QuerySet[Verdict]) -> None:
        self._publication(request, verdicts, adjudication.verdict_publish)

    @admin.action(description="Unpublish the selected verdicts", permissions=["publish"])
    def unpublish(self, request: HttpRequest, verdicts: QuerySet[Verdict]) -> None:
        self._publication(request, verdicts, adjudication.verdict_unpublish)
