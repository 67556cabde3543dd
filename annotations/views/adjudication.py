"""The adjudication page of one claim unit, and the forms that decide, publish, correct, reject,
send back, merge and split it. Each form posts the unit version the editor saw; the services
refuse a stale one, and the page comes back with the editor's input and the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotations import selectors
from annotations.core.comments import MAX_LENGTH as COMMENT_MAX_LENGTH
from annotations.errors import DomainError
from annotations.models import Claim, ClaimUnit, Verdict
from annotations.permissions import Permission, require
from annotations.presenters.adjudication import Adjudication
from annotations.presenters.claims import unit_claim_memory
from annotations.request_user import request_user
from annotations.selectors.evidence import evidence_problems
from annotations.selectors.labels import label_name
from annotations.services import adjudication, claims
from annotations.services.adjudication import unit_actions_allowed
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


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
    from_button: bool = False,
    note_action: str = "",
) -> HttpResponse:
    allowed = unit_actions_allowed(
        page.unit, has_verdict=page.verdict is not None, claim_changed=page.claim_change is not None
    )
    context = page.context(bound or {}, error, allowed=allowed)
    memory = unit_claim_memory(request.user, page.unit, page.passage)
    context["claim_memory"] = memory
    context["evidence_problems"] = (
        evidence_problems(verdicts=[page.verdict.pk])
        if page.verdict is not None and page.verdict.is_published
        else []
    )
    # "Keep it new"'s wording is shown again only where its form still is (an unlinked unit).
    new_claim = (bound or {}).get("claim_new")
    wording_kept = bool(
        new_claim is not None
        and new_claim.cleaned_data.get("text")
        and memory.link is None
        and memory.can_link
    )
    # A refused button (nothing typed, or nothing typed left to show): the banner says so, and
    # the page takes the unit's own address (static/annotations/conflict-banner.js), so that
    # reloading does not post the button again.
    context["conflict_from_button"] = from_button and not wording_kept
    # A refused note (send back, reject) comes back under its own button, as typed.
    note = (bound or {}).get("note")
    context["note_max_characters"] = COMMENT_MAX_LENGTH
    if note is not None and note_action:
        context["note_posted"] = {
            "action": note_action,
            "value": note.data.get("note", ""),
            "errors": note.errors.get("note", []),
        }
    return render(request, "annotations/review_unit.html", context, status=status)


@permission_required(Permission.Unit.ADJUDICATE)
def review_unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, Adjudication(_unit(pk)))


# --- Actions: each takes the page and its valid form, and returns the message of its success --


def _verdict_of(page: Adjudication) -> Verdict:
    if page.verdict is None:
        raise DomainError(gettext("This unit has no verdict yet."), code="no_verdict", status=409)
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
            gettext(
                "The claim reviewed is %(length)s characters long: %(limit)s or fewer read best "
                "in search results."
            )
            % {
                "length": form.claim_reviewed_length(),
                "limit": adjudication.CLAIM_REVIEWED_RECOMMENDED,
            },
        )
    return gettext("Decision recorded: %(label)s. Publish it when it is ready for readers.") % {
        "label": label_name(verdict.label)
    }


def _correct(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.verdict_correct(
        verdict=_verdict_of(page),
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        note=form.cleaned_data["note"],
        changes=form.verdict_input(),
    )
    return gettext("Correction published, with its note for readers.")


def _publish(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.verdict_publish(
        verdict=_verdict_of(page),
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
    )
    return gettext("Published: the verdict is now served to readers.")


def _unpublish(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.verdict_unpublish(
        verdict=_verdict_of(page),
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        note=form.cleaned_data["note"],
    )
    return gettext("Unpublished: readers of its page see that it was withdrawn.")


def _confirm_claim(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.claim_change_confirm(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return gettext("Confirmed: the verdict still holds for the passage as the article now reads.")


def _start(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.unit_adjudication_start(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return gettext("You are adjudicating this claim: other editors see it as in adjudication.")


def _reject(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.unit_reject(
        unit=page.unit,
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        note=form.cleaned_data["note"],
    )
    return gettext("Claim #%(number)s rejected: not a checkable claim.") % {"number": page.unit.pk}


def _send_back(request: HttpRequest, page: Adjudication, form: Any) -> str:
    adjudication.unit_send_back(
        unit=page.unit,
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
        note=form.cleaned_data["note"],
    )
    return gettext("Claim #%(number)s sent back for more reviews.") % {"number": page.unit.pk}


def _merge(request: HttpRequest, page: Adjudication, form: Any) -> str:
    other_pk, other_version = form.cleaned_data["other"]
    other = ClaimUnit.objects.filter(pk=other_pk, article_id=page.unit.article_id).first()
    if other is None:
        raise DomainError(
            gettext("That unit no longer exists: reload to see the article's units."),
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
    return gettext("Claim #%(number)s merged into this one.") % {"number": other_pk}


def _split(request: HttpRequest, page: Adjudication, form: Any) -> str:
    new_unit = adjudication.unit_split(
        unit=page.unit,
        annotation_ids=form.cleaned_data["annotations"],
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
    )
    return gettext("Split off into claim #%(number)s.") % {"number": new_unit.pk}


# --- Claim memory: the unit is the same claim as a known one, a related one, or a new one ------


def _claim_link(request: HttpRequest, page: Adjudication, form: Any) -> str:
    link = claims.claim_link(
        unit=page.unit,
        claim=Claim(pk=form.cleaned_data["claim"]),  # the service checks that it exists
        relation=form.cleaned_data["relation"],
        editor=request_user(request),
        seen_version=form.cleaned_data["version"],
    )
    if link.relation == claims.Relation.SAME:
        return gettext(
            "Linked as the same claim: this article is now one of claim C%(claim)s's appearances."
        ) % {"claim": link.claim_id}
    return gettext("Linked as related to claim C%(claim)s, with different facts.") % {
        "claim": link.claim_id
    }


def _claim_new(request: HttpRequest, page: Adjudication, form: Any) -> str:
    claim = claims.claim_create_from_unit(
        unit=page.unit,
        editor=request_user(request),
        text=form.cleaned_data["text"],
        seen_version=form.cleaned_data["version"],
    )
    return gettext(
        "Kept as a new claim: claim C%(claim)s, with this unit as its first appearance."
    ) % {"claim": claim.pk}


def _claim_unlink(request: HttpRequest, page: Adjudication, form: Any) -> str:
    claims.claim_unlink(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    return gettext("Unlinked: this unit is no longer linked to a claim.")


def _claim_undo(request: HttpRequest, page: Adjudication, form: Any) -> str:
    link = claims.claim_link_undo(
        unit=page.unit, editor=request_user(request), seen_version=form.cleaned_data["version"]
    )
    if link is None:
        return gettext("Undone: this unit is no longer linked to a claim.")
    return gettext("Undone: linked to claim C%(claim)s again (%(relation)s).") % {
        "claim": link.claim_id,
        "relation": link.get_relation_display().lower(),
    }


Action = Callable[[HttpRequest, Adjudication, Any], str]
# action in the URL: (the form it posts, what it does, where the editor goes next)
ACTIONS: dict[str, tuple[str, Action, str]] = {
    "decide": ("decide", _decide, "review-unit"),
    "correct": ("correct", _correct, "review-unit"),
    "publish": ("version", _publish, "review-unit"),
    "unpublish": ("unpublish", _unpublish, "review-unit"),
    "start": ("version", _start, "review-unit"),
    "confirm-claim": ("version", _confirm_claim, "review-unit"),
    # A rejected or sent-back claim leaves the queue: on to the next one.
    "reject": ("note", _reject, "review-queue"),
    "send-back": ("note", _send_back, "review-queue"),
    "merge": ("merge", _merge, "review-unit"),
    "split": ("split", _split, "review-unit"),
    "claim-link": ("claim_link", _claim_link, "review-unit"),
    "claim-new": ("claim_new", _claim_new, "review-unit"),
    "claim-unlink": ("version", _claim_unlink, "review-unit"),
    "claim-undo": ("version", _claim_undo, "review-unit"),
}
# Forms that are a button (hidden fields only, or "Keep it new"'s optional wording): a refusal
# has nothing typed to keep, but a wording (see _page).
BUTTON_FORMS = {"version", "note", "claim_link", "claim_new"}
# The claim memory's actions are editors' (Permission.Claim.LINK), checked before the unit loads.
CLAIM_ACTIONS = {"claim-link", "claim-new", "claim-unlink", "claim-undo"}


@permission_required(Permission.Unit.ADJUDICATE)
@require_POST
def review_unit_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such action.")
    if action in CLAIM_ACTIONS:
        require(request_user(request), Permission.Claim.LINK)
    form_key, perform, next_page = ACTIONS[action]
    page = Adjudication(_unit(pk))
    form = page.form(form_key, request.POST)
    if not form.is_valid():
        # The buttons' forms carry nothing but the version: only a tampered or truncated post
        # gets here, and it deserves a word rather than a silent page.
        invalid = DomainError(
            gettext("That form was incomplete: reload the page and try again."),
            code="form_invalid",
        )
        return _page(
            request,
            page,
            bound={form_key: form},
            error=invalid if form_key == "version" else None,
            status=400,
            note_action=action if form_key == "note" else "",
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
            from_button=form_key in BUTTON_FORMS,
            note_action=action if form_key == "note" else "",
        )
    messages.success(request, message)
    if next_page == "review-queue":
        return redirect("review-queue")
    if action in CLAIM_ACTIONS:
        return redirect(reverse("review-unit", args=[pk]) + "#claim-memory")
    return redirect("review-unit", pk=pk)
