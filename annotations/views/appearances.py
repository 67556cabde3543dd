"""Appearances to review (a sentence of an article restating a checked claim): an editor
confirms or dismisses one from the article page or the queue, then lands back where they were
(POST, then redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.appearances import appearances_reviewable
from annotations.services.recurrence import appearance_confirm, appearance_dismiss
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


def _back(request: HttpRequest, article_id: int) -> HttpResponse:
    """To the page the form was on (`next`, a path of this site), else the article."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("article-detail", pk=article_id)


@permission_required(Permission.Appearance.REVIEW)
@require_POST
def appearance_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    appearance = get_object_or_404(appearances_reviewable(request.user), pk=pk)
    with domain_errors_shown(request) as refusal:
        appearance_confirm(appearance=appearance, editor=request_user(request))
    if not refusal:
        messages.success(
            request, _("Confirmed: the article is now one of the claim's appearances.")
        )
    return _back(request, appearance.article_id)


@permission_required(Permission.Appearance.REVIEW)
@require_POST
def appearance_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    appearance = get_object_or_404(appearances_reviewable(request.user), pk=pk)
    with domain_errors_shown(request) as refusal:
        appearance_dismiss(appearance=appearance, editor=request_user(request))
    if not refusal:
        messages.success(request, _("Dismissed: it will not be suggested again."))
    return _back(request, appearance.article_id)
