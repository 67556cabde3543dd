"""The account page: the user's personal API tokens, created and revoked in the browser."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from annotations.errors import DomainError
from annotations.models import PersonalToken
from annotations.services.tokens import personal_token_create, personal_token_revoke


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    issued_key = None
    error = None
    if request.method == "POST":
        try:
            issued = personal_token_create(user=request.user, name=request.POST.get("name", ""))
        except DomainError as failure:
            error = failure.message
        else:
            issued_key = issued.key
    return render(
        request,
        "annotations/account.html",
        {
            "tokens": PersonalToken.objects.filter(user=request.user),
            "issued_key": issued_key,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = personal_token_revoke(user=request.user, token_id=pk)
    except DomainError as failure:
        messages.error(request, failure.message)
    else:
        messages.success(request, f"Revoked “{token.name}”.")
    return redirect("account")
