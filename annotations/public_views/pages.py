"""Public pages: a published verdict, readable by anyone, with its ClaimReview JSON-LD."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from annotations import selectors
from annotations.core.formats.claimreview import json_ld_script
from annotations.exports.documents import captures_of, claim_review_document
from annotations.permissions import Permission
from annotations.selectors.units import unit_passage_as_checked
from annotations.selectors.verdicts import rating_bounds
from annotations.views.decorators import permission_required


# Published verdicts only, for editors too: this is the readers' page.
@permission_required(Permission.Verdict.READ)
def verdict_public(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(selectors.verdicts_published().defer(None), pk=pk)
    unit = verdict.unit
    sources = list(verdict.sources.all())
    captures = captures_of(sources)
    document = claim_review_document(request, verdict, rating_bounds(), captures=captures)
    return render(
        request,
        "annotations/verdict_public.html",
        {
            "verdict": verdict,
            "passage": unit_passage_as_checked(unit),
            # Each source with its archived copy, when the desk has one.
            "sources": [
                (source, capture if capture and capture.status == "captured" else None)
                for source in sources
                for capture in [captures.get(source.url)]
            ],
            # json_ld_script escapes <, >, & and line separators: the JSON cannot close the
            # <script> element it sits in, so marking it safe here is sound.
            "claim_review_json": mark_safe(json_ld_script(document)),  # noqa: S308
        },
    )
