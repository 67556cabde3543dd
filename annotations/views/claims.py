"""A claim's page: where it appears across articles, the units related to it, the desk's
verdict and other fact-checkers' reviews of it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from annotations.permissions import Permission, can
from annotations.selectors.claims import claim_detail, claims_visible_to, verdicts_sources
from annotations.views.decorators import permission_required


@permission_required(Permission.Claim.READ, hide=True)
def claim_page(request: HttpRequest, pk: int) -> HttpResponse:
    detail = claim_detail(request.user, get_object_or_404(claims_visible_to(request.user), pk=pk))
    sources = verdicts_sources([detail.verdict.pk]) if detail.verdict is not None else {}
    return render(
        request,
        "annotations/claim_detail.html",
        {
            "detail": detail,
            "claim": detail.claim,
            "verdict_sources": sources.get(detail.verdict.pk, []) if detail.verdict else [],
            # Editors reach each appearance's unit page; others its article.
            "links_to_units": can(request.user, Permission.Unit.ADJUDICATE),
        },
    )
