"""The adjudication page of one claim unit, and the forms that decide, publish, correct, reject,
send back, merge and split it. Each form posts the unit version the editor saw; the services
refuse a stale one, and the page comes back with the editor's input and the reason."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from annotations import selectors
from annotations.core.text import Segment, passage_in_context, phrases_marked
from annotations.errors import DomainError
from annotations.forms import CorrectionForm, MergeForm, SplitForm, VerdictForm, VersionForm
from annotations.models import Annotation, ClaimUnit, Source, Verdict
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.revisions import units_with_vanished_claims
from annotations.services import adjudication
from annotations.services.adjudication import unit_actions_allowed
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown
from annotations.views.history import unit_history
from annotations.views.queue import spread_of


@dataclass(frozen=True)
class ReviewCard:
    """One reviewer's verdict on the unit, as the editor compares them side by side."""

    annotation: Annotation
    reviewer: str
    sources: list[Source]
    own_passage: bool  # the reviewer highlighted a different stretch than the unit's


@dataclass(frozen=True)
class ClaimChangeShown:
    """The unit's open claim change as the page shows it: both passages side by side, the
    differing facts marked in each."""

    revision: int
    old: list[Segment]
    new: list[Segment]
    differences: list[dict[str, str]]

    @classmethod
    def of(cls, unit: ClaimUnit) -> ClaimChangeShown | None:
        changed = selectors.claim_changed(unit)
        if changed is None:
            return None
        differences = changed["differences"]
        return cls(
            revision=changed["revision"],
            old=phrases_marked(changed["old"], [d["old"] for d in differences]),
            new=phrases_marked(changed["new"], [d["new"] for d in differences]),
            differences=differences,
        )


class Adjudication:
    """One unit as its adjudication page shows it: reviews, spread, forms, history."""

    def __init__(self, unit: ClaimUnit) -> None:
        self.unit = unit
        self.labels = selectors.verdict_labels()
        self.aliases = selectors.reviewer_aliases(unit)
        self.annotations = list(unit.annotations.all())
        self.verdict: Verdict | None = getattr(unit, "verdict", None)
        self.is_open = unit.status in ClaimUnit.OPEN_STATUSES
        self.text = selectors.unit_text(unit)
        self.passage = " ".join(self.text[unit.start : unit.end].split())
        self.claim_change = ClaimChangeShown.of(unit)

    def reviewer_name(self, annotation: Annotation) -> str:
        if self.aliases is not None:
            return self.aliases[annotation.reviewer_id]
        return annotation.reviewer.get_username()

    def _source_choices(self) -> list[tuple[int, str]]:
        return [
            (source.pk, source.title or source.url)
            for annotation in self.annotations
            for source in annotation.sources.all()
        ]

    def _verdict_initial(self) -> dict[str, Any]:
        verdict = self.verdict
        if verdict is not None:
            return {
                "version": self.unit.version,
                "label": verdict.label.slug,
                "claim_reviewed": verdict.claim_reviewed,
                "explanation": verdict.explanation,
                "claimant": verdict.claimant,
                "sources": [source.pk for source in verdict.sources.all()],
            }
        # A start the editor shortens: the passage itself, and who is quoted, if anyone.
        speakers = [a.speaker for a in self.annotations if a.speaker]
        return {
            "version": self.unit.version,
            "claim_reviewed": self.passage[:500],
            "claimant": speakers[0] if speakers else "",
        }

    def form(self, key: str, data: Any = None) -> forms.Form:
        version = {"version": self.unit.version}
        if key in ("decide", "correct"):
            form_class = CorrectionForm if key == "correct" else VerdictForm
            return form_class(
                data,
                initial=self._verdict_initial(),
                labels=self.labels,
                sources=self._source_choices(),
            )
        if key == "merge":
            candidates = selectors.units_mergeable_with(self.unit)
            return MergeForm(data, initial=version, candidates=candidates)
        if key == "split":
            highlights = [
                (a.pk, f"{self.reviewer_name(a)}: {a.verdict.name} — “{a.exact}”")
                for a in self.annotations
            ]
            return SplitForm(data, initial=version, highlights=highlights)
        return VersionForm(data, initial=version)

    def context(
        self, bound: dict[str, forms.Form], error: DomainError | None = None
    ) -> dict[str, Any]:
        unit, verdict = self.unit, self.verdict
        allowed = unit_actions_allowed(
            unit, has_verdict=verdict is not None, claim_changed=self.claim_change is not None
        )
        can_decide = "decide" in allowed
        names = {a.pk: self.reviewer_name(a) for a in self.annotations}
        # A form the editor filled in is shown as they left it, even if the unit moved on.
        verdict_action = next(
            (key for key in ("decide", "correct") if key in bound),
            "decide" if can_decide else "correct" if "correct" in allowed else None,
        )
        page_forms = {
            key: bound.get(key) or self.form(key)
            for key, shown in (
                (verdict_action, verdict_action is not None),
                ("merge", "merge" in allowed),
                ("split", "split" in allowed and len(self.annotations) > 1),
            )
            if key is not None and (shown or key in bound)
        }
        verdict_form = page_forms.get(verdict_action) if verdict_action else None
        return {
            "unit": unit,
            "article": unit.article,
            "verdict": verdict,
            "passage": self.passage,
            "excerpt": passage_in_context(self.text, unit.start, unit.end),
            "claim_vanished": units_with_vanished_claims().filter(pk=unit.pk).exists(),
            "claim_change": self.claim_change,
            "can_confirm_claim": "confirm_claim" in allowed,
            "revision": unit.revision,
            "spread": spread_of(unit, Counter(a.verdict_id for a in self.annotations), self.labels),
            "reviews": [
                ReviewCard(
                    annotation=a,
                    reviewer=names[a.pk],
                    sources=list(a.sources.all()),
                    own_passage=(a.start, a.end) != (unit.start, unit.end),
                )
                for a in self.annotations
            ],
            "labels": self.labels,
            "names_hidden": self.aliases is not None,
            "forms": page_forms,
            "verdict_form": verdict_form,
            "verdict_action": verdict_action,
            "selected_label": verdict_form["label"].value() if verdict_form else None,
            "selected_sources": _chosen(verdict_form, "sources"),
            "selected_highlights": _chosen(page_forms.get("split"), "annotations"),
            "can_start": "start" in allowed,
            "can_decide": can_decide,
            "can_publish": "publish" in allowed,
            "can_unpublish": "unpublish" in allowed,
            "is_open": self.is_open,
            "error": error,
            "corrections": list(verdict.corrections.all()) if verdict else [],
            "history": unit_history(
                unit,
                verdict=verdict,
                labels=self.labels,
                reviewer_names=names,
                aliases=self.aliases,
            ),
        }


def _chosen(form: forms.Form | None, name: str) -> set[int]:
    """The ids ticked in a multiple-choice field, bound or initial."""
    if form is None or name not in form.fields:
        return set()
    return {int(value) for value in form[name].value() or [] if str(value).isdigit()}


def _unit(pk: int) -> ClaimUnit:
    try:
        return selectors.unit_for_adjudication(pk)
    except ClaimUnit.DoesNotExist:
        raise Http404("No such claim unit.") from None


def _page(
    request: HttpRequest,
    page: Adjudication,
    *,
    bound: dict[str, forms.Form] | None = None,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request, "annotations/review_unit.html", page.context(bound or {}, error), status=status
    )


@permission_required(Permission.Unit.ADJUDICATE)
def review_unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, Adjudication(_unit(pk)))


# --- Actions: each takes the page and its valid form, and returns the message of its success --


def _verdict_of(page: Adjudication) -> Verdict:
    if page.verdict is None:
        raise DomainError("This unit has no verdict yet.", code="no_verdict", status=409)
    return page.verdict


def _decide(request: HttpRequest, page: Adjudication, form: Any) -> str:
    verdict = adjudication.unit_decide(
        unit=page.unit,
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        verdict=form.verdict_input(),
    )
    if form.claim_reviewed_too_long():
        messages.warning(
            request,
            f"The claim reviewed is {form.claim_reviewed_length()} characters long: "
            f"{adjudication.CLAIM_REVIEWED_RECOMMENDED} or fewer read best in search results.",
        )
    return f"Decision recorded: {verdict.label.name}. Publish it when it is ready for readers."


def _correct(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.verdict_correct(
        verdict=_verdict_of(page),
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        note=form.cleaned_data["note"],
        changes=form.verdict_input(),
    )
    return "Correction published, with its note for readers."


def _publish(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.verdict_publish(
        verdict=_verdict_of(page),
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
    )
    return "Published: the verdict is now served to readers."


def _unpublish(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.verdict_unpublish(
        verdict=_verdict_of(page),
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
    )
    return "Unpublished: readers no longer see this verdict."


def _confirm_claim(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.claim_change_confirm(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return "Confirmed: the verdict still holds for the passage as the article now reads."


def _start(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.unit_adjudication_start(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return "You are adjudicating this claim: other editors see it as in adjudication."


def _reject(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.unit_reject(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return f"Claim #{page.unit.pk} rejected: not a checkable claim."


def _send_back(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.unit_send_back(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return f"Claim #{page.unit.pk} sent back for more reviews."


def _merge(request: HttpRequest, page: Adjudication, form: Any) -> str:
    other_pk, other_version = form.cleaned_data["other"]
    other = ClaimUnit.objects.filter(pk=other_pk, article_id=page.unit.article_id).first()
    if other is None:
        raise DomainError(
            "That unit no longer exists: reload to see the article's units.",
            code="unit_gone",
            field="other",
        )
    adjudication.units_merge(
        unit=page.unit,
        other=other,
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        other_seen_version=other_version,
    )
    return f"Claim #{other_pk} merged into this one."


def _split(request: HttpRequest, page: Adjudication, form: Any) -> str:
    new_unit = adjudication.unit_split(
        unit=page.unit,
        annotation_ids=form.cleaned_data["annotations"],
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
    )
    return f"Split off into claim #{new_unit.pk}."


Action = Callable[[HttpRequest, Adjudication, Any], str]
# action in the URL: (the form it posts, what it does, where the editor goes next)
ACTIONS: dict[str, tuple[str, Action, str]] = {
    "decide": ("decide", _decide, "review-unit"),
    "correct": ("correct", _correct, "review-unit"),
    "publish": ("version", _publish, "review-unit"),
    "unpublish": ("version", _unpublish, "review-unit"),
    "start": ("version", _start, "review-unit"),
    "confirm-claim": ("version", _confirm_claim, "review-unit"),
    # A rejected or sent-back claim leaves the queue: on to the next one.
    "reject": ("version", _reject, "review-queue"),
    "send-back": ("version", _send_back, "review-queue"),
    "merge": ("merge", _merge, "review-unit"),
    "split": ("split", _split, "review-unit"),
}


@permission_required(Permission.Unit.ADJUDICATE)
@require_POST
def review_unit_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such action.")
    form_key, perform, next_page = ACTIONS[action]
    page = Adjudication(_unit(pk))
    form = page.form(form_key, request.POST)
    if not form.is_valid():
        # The buttons' forms carry nothing but the version: only a tampered or truncated post
        # gets here, and it deserves a word rather than a silent page.
        invalid = DomainError(
            "That form was incomplete: reload the page and try again.", code="form_invalid"
        )
        return _page(
            request,
            page,
            bound={form_key: form},
            error=invalid if form_key == "version" else None,
            status=400,
        )
    with domain_errors_shown(request, form) as refusal:
        message = perform(request, page, form)
    if refusal:
        # The page shows the unit as it is now, and the form as the editor filled it in.
        return _page(
            request,
            Adjudication(_unit(pk)),
            bound={form_key: form},
            error=refusal.conflict,
            status=refusal.status,
        )
    messages.success(request, message)
    if next_page == "review-queue":
        return redirect("review-queue")
    return redirect("review-unit", pk=pk)
