"""Other fact-checkers' reviews: the list and one review for the desk, the editors' import page
(a pasted document, an uploaded file or a URL) and the link of a review to a desk claim.

The import page renders its report on the POST itself (200) rather than redirecting: a report
can list thousands of lines, too many for the session, and posting again is harmless (a review
already imported, by URL, is left as it was and listed as known)."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from annotations import selectors
from annotations.forms import FactCheckImportForm
from annotations.models import Claim, ExternalFactCheck
from annotations.permissions import Permission, can
from annotations.presenters.fact_checks import import_report_page, link_candidates
from annotations.request_user import request_user
from annotations.services import fact_checks
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown, too_large_shown

FACT_CHECKS_PAGE_SIZE = 50


def _fact_check(request: HttpRequest, pk: int) -> ExternalFactCheck:
    return get_object_or_404(
        selectors.fact_checks_visible_to(request.user).select_related("claim"), pk=pk
    )


@permission_required(Permission.Claim.READ)
def fact_check_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        selectors.fact_checks_visible_to(request.user).select_related("claim"),
        FACT_CHECKS_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "annotations/fact_check_list.html",
        {"page": page, "can_import": can(request.user, Permission.Claim.IMPORT)},
    )


class _ClaimChoice(forms.Form):
    claim = forms.IntegerField(min_value=1)
    # "I have checked: it is the same claim despite the difference" (a candidate with
    # differences; the service refuses the link without it).
    confirm = forms.BooleanField(required=False)
    service_fields: ClassVar[dict[str, str]] = {"differences_confirmed": "confirm"}


def _detail_page(
    request: HttpRequest,
    check: ExternalFactCheck,
    *,
    refused: _ClaimChoice | None = None,
    refused_claim: int | None = None,
    status: int = 200,
) -> HttpResponse:
    may_link = can(request.user, Permission.Claim.LINK, check)
    candidates = link_candidates(request.user, check) if may_link else []
    return render(
        request,
        "annotations/fact_check_detail.html",
        {
            "check": check,
            "may_link": may_link,
            "candidates": candidates,
            "candidate_ids": [candidate.claim for candidate in candidates],
            # A refused link: its reasons beside the candidate's own button.
            "refused_claim": refused_claim,
            "refused_errors": [e for errors in refused.errors.values() for e in errors]
            if refused
            else [],
        },
        status=status,
    )


@permission_required(Permission.Claim.READ, hide=True)
def fact_check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _fact_check(request, pk))


@permission_required(Permission.Claim.LINK)
@require_POST
def fact_check_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    check = _fact_check(request, pk)
    choice = _ClaimChoice(request.POST)
    if not choice.is_valid():
        messages.error(request, gettext("Choose a claim to link the fact-check to."))
        return redirect("fact-check-detail", pk=pk)
    chosen: int = choice.cleaned_data["claim"]
    with domain_errors_shown(request, choice) as refusal:
        linked = fact_checks.fact_check_link(
            fact_check=check,
            claim=Claim(pk=chosen),
            editor=request_user(request),
            differences_confirmed=choice.cleaned_data["confirm"],
        )
    if not refusal:
        messages.success(
            request,
            gettext("The fact-check now stands under claim C%(claim)s.")
            % {"claim": linked.claim_id},
        )
        return redirect("fact-check-detail", pk=pk)
    if refusal.conflict:
        messages.error(request, refusal.conflict.message)
        return redirect("fact-check-detail", pk=pk)
    return _detail_page(
        request,
        check,
        refused=choice,
        refused_claim=chosen,
        status=refusal.status,
    )


@permission_required(Permission.Claim.LINK)
@require_POST
def fact_check_unlink_view(request: HttpRequest, pk: int) -> HttpResponse:
    check = _fact_check(request, pk)
    with domain_errors_shown(request) as refusal:
        back = fact_checks.fact_check_unlink(fact_check=check, editor=request_user(request))
    if not refusal:
        messages.success(
            request,
            gettext("The fact-check is back under a claim of its own wording (C%(claim)s).")
            % {"claim": back.claim_id},
        )
    return redirect("fact-check-detail", pk=pk)


def _import_too_large(request: HttpRequest) -> HttpResponse:
    form = FactCheckImportForm.too_large()
    return render(
        request, "annotations/fact_check_import.html", {"form": form, "report": None}, status=413
    )


@permission_required(Permission.Claim.IMPORT)
@require_http_methods(["GET", "POST"])
@too_large_shown(_import_too_large)
def fact_check_import_view(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = FactCheckImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if posted and form.is_valid():
        data = form.cleaned_data
        upload, importer = data.get("file"), request_user(request)
        with domain_errors_shown(request, form) as refusal:
            if upload:
                result = fact_checks.fact_checks_import_upload(
                    name=upload.name,
                    content=upload.read(),
                    importer=importer,
                    base_url=data["base_url"],
                )
            elif data["url"]:
                result = fact_checks.fact_checks_import_url(url=data["url"], importer=importer)
            else:
                result = fact_checks.fact_checks_import_pasted(
                    text=data["text"], importer=importer, base_url=data["base_url"]
                )
        if not refusal:
            report = import_report_page(result)
    return render(
        request,
        "annotations/fact_check_import.html",
        {"form": form, "report": report},
    )
