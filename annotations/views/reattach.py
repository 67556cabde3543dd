"""The re-attach list: highlights a new revision of their article lost, for a person to place
again or to confirm gone; and, for editors, published verdicts whose claim left the article
and verdicts whose claim changed under them."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations.permissions import Permission, can
from annotations.request_user import request_user
from annotations.selectors.claim_changes import claim_changed, units_with_changed_claims
from annotations.selectors.revisions import (
    anchors_resolvable_by,
    orphans_visible_to,
    units_with_vanished_claims,
)
from annotations.services.revisions import orphan_confirm_gone
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


@permission_required(Permission.Orphan.RESOLVE)
def reattach_list(request: HttpRequest) -> HttpResponse:
    # Editors also see the published verdicts whose claim vanished or changed, as in the queue.
    is_editor = can(request.user, Permission.Unit.ADJUDICATE)
    orphans = list(orphans_visible_to(request.user))
    by_article = [
        (revision.article, revision, list(items))
        for revision, items in groupby(orphans, key=lambda orphan: orphan.revision)
    ]
    return render(
        request,
        "annotations/reattach_list.html",
        {
            "by_article": by_article,
            "orphan_count": len(orphans),
            "is_editor": is_editor,
            "vanished": list(units_with_vanished_claims()) if is_editor else [],
            "changed": (
                [(unit, claim_changed(unit)) for unit in units_with_changed_claims()]
                if is_editor
                else []
            ),
        },
    )


@permission_required(Permission.Orphan.RESOLVE)
@require_POST
def reattach_gone(request: HttpRequest, pk: int) -> HttpResponse:
    anchor = get_object_or_404(anchors_resolvable_by(request.user), pk=pk)
    with domain_errors_shown(request) as refusal:
        orphan_confirm_gone(anchor=anchor, actor=request_user(request))
    if not refusal:
        messages.success(
            request, _("Marked “%(quote)s” as gone.") % {"quote": _short(anchor.annotation.exact)}
        )
    return redirect("reattach-list")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
