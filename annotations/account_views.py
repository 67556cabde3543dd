"""The account page: the user's personal API tokens, created and revoked in the browser."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from annotations.forms import TokenCreateForm
from annotations.models import PersonalToken
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.services.tokens import personal_token_create, personal_token_revoke
from annotations.views.decorators import permission_required
from annotations.views.errors import Refusal, domain_errors_shown

# The new key crosses the redirect in the (server-side) session and is shown once: a reload of
# the page that shows it is a GET, so it never creates a second token.
ISSUED_KEY = "account_issued_token_key"


@permission_required(Permission.Account.USE)
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    issued_key = request.session.pop(ISSUED_KEY, None) if request.method == "GET" else None
    form = TokenCreateForm(request.POST if request.method == "POST" else None)
    refusal = Refusal()
    if form.is_bound and form.is_valid():
        with domain_errors_shown(request, form) as refusal:
            issued = personal_token_create(
                user=request_user(request), name=form.cleaned_data["name"]
            )
        if not refusal:
            request.session[ISSUED_KEY] = issued.key
            return redirect("account")
    return render(
        request,
        "annotations/account.html",
        {
            "tokens": PersonalToken.objects.filter(user=request_user(request)),
            "issued_key": issued_key,
            "form": form,
            "conflict": refusal.conflict,
        },
        status=400 if form.errors else refusal.status,
    )


@permission_required(Permission.Account.USE)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    with domain_errors_shown(request) as refusal:
        token = personal_token_revoke(user=request_user(request), token_id=pk)
    if not refusal:
        messages.success(request, gettext("Revoked “%(name)s”.") % {"name": token.name})
    return redirect("account")
