"""The article's language, changed on the desk by editors and its importer: the page with
its one field, and its POST (services.article_language)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from annotations import selectors
from annotations.forms import ArticleLanguageForm
from annotations.permissions import Permission, can, denial
from annotations.request_user import request_user
from annotations.services.article_language import article_language_set
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


@permission_required(Permission.Article.SET_LANGUAGE)
@require_http_methods(["GET", "POST"])
def article_language_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The article's language: shown in a form, changed on POST (a tag that is no language is
    the form's error, with a 400)."""
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    if not can(request.user, Permission.Article.SET_LANGUAGE, article):
        raise PermissionDenied(denial(request.user, Permission.Article.SET_LANGUAGE).message)
    form = ArticleLanguageForm(
        request.POST if request.method == "POST" else None,
        initial={"language": article.language},
    )
    if form.is_bound and form.is_valid():
        with domain_errors_shown(request, form) as refusal:
            changed = article_language_set(
                article=article,
                language=form.cleaned_data["language"],
                changed_by=request_user(request),
            )
        if not refusal:
            if changed.changed:
                messages.success(
                    request,
                    gettext(
                        "The language is now %(language)s; the suggestions are being "
                        "computed again."
                    )
                    % {"language": changed.article.language or gettext("not known")},
                )
            else:
                messages.info(request, gettext("The article had that language already."))
            return redirect("article-detail", pk=article.pk)
    return render(
        request,
        "annotations/article_language.html",
        {"article": article, "form": form},
        status=400 if form.is_bound else 200,
    )
