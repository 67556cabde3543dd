"""The desk's agreement dashboard, and the button that asks for a recomputation (the figures
as pages show them are in presenters/agreement.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotations import selectors
from annotations.permissions import Permission
from annotations.presenters.agreement import desk_agreement_context
from annotations.presenters.evidence import evidence_card_context
from annotations.presenters.suggestions import suggestion_card_context
from annotations.request_user import request_user
from annotations.selectors.evidence import evidence_figures
from annotations.selectors.suggestions import suggestion_figures
from annotations.services.agreement import desk_agreement_request
from annotations.services.suggestion_training import suggestion_model_train_request
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


@permission_required(Permission.Agreement.READ)
def agreement_dashboard(request: HttpRequest) -> HttpResponse:
    if selectors.desk_agreement_stale():
        # Stale figures are recomputed when someone looks (coalesced with any request already
        # queued): on the embedded default the task runs here, before the page is built, so
        # it shows the new figures; with workers the page says a recomputation is on its way.
        desk_agreement_request()
    context = desk_agreement_context(
        selectors.desk_agreement_payload(), selectors.verdict_labels_translated()
    )
    context["suggestions"] = suggestion_card_context(suggestion_figures(request_user(request)))
    context["evidence"] = evidence_card_context(evidence_figures(request_user(request)))
    return render(request, "annotations/agreement_dashboard.html", context)


@permission_required(Permission.Agreement.RECOMPUTE)
@require_POST
def agreement_recompute(request: HttpRequest) -> HttpResponse:
    if desk_agreement_request():
        messages.success(request, gettext("Recomputation requested."))
    else:
        messages.info(request, gettext("A recomputation is already on its way."))
    return redirect("agreement-dashboard")


@permission_required(Permission.Suggestion.TRAIN)
@require_POST
def suggestions_train(request: HttpRequest) -> HttpResponse:
    with domain_errors_shown(request) as refusal:
        suggestion_model_train_request(editor=request_user(request))
    if not refusal:
        messages.success(
            request, gettext("Training requested: the new run appears in the Suggestions card.")
        )
    # Back to the card the button is on, not the top of a long page.
    return redirect(reverse("agreement-dashboard") + "#suggestions")
