"""Article revisions: the diff between two revisions, and the editors' form for a new version
(presenters/revisions.py reads the revision number a URL asks for)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from annotations import selectors
from annotations.core.diff import texts_diff
from annotations.forms import ArticleRevisionForm
from annotations.permissions import Permission
from annotations.presenters.revisions import revision_number
from annotations.request_user import request_user
from annotations.selectors.revision_pages import article_revisions, revisions_with_text
from annotations.services.revisions import article_revision_import
from annotations.views.decorators import permission_required
from annotations.views.errors import Refusal, domain_errors_shown, too_large_shown


@permission_required(Permission.Article.READ, hide=True)
def revision_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """What changed in revision `number`: against the one before it, or `?against=m`."""
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    against_value = request.GET.get("against")
    number = revision_number(str(number))  # the URL's id pattern allows longer numbers
    against = number - 1 if against_value is None else revision_number(against_value)
    if against < 1 or against == number:
        raise Http404("Nothing to compare this revision with.")
    found = revisions_with_text(article.pk, [number, against])
    if number not in found or against not in found:
        raise Http404("No such revision.")
    old, new = found[against], found[number]
    revisions = article_revisions(article.pk)
    return render(
        request,
        "annotations/revision_diff.html",
        {
            "article": article,
            "old": old,
            "new": new,
            "diff": texts_diff(old.text, new.text),
            "title_changed": old.title != new.title,
            "latest": revisions[-1],
            "others": [revision for revision in revisions if revision.number != number],
        },
    )


def _revise_too_large(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    form = ArticleRevisionForm.too_large(source_url=article.source_url)
    return render(
        request,
        "annotations/article_revise.html",
        {"article": article, "form": form, "offers_refetch": form.offers_refetch},
        status=413,
    )


@permission_required(Permission.Article.REVISE)
@require_http_methods(["GET", "POST"])
@too_large_shown(_revise_too_large)
def article_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors import a new version of the article's text."""
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    if request.method != "POST":
        form = ArticleRevisionForm(source_url=article.source_url)
    else:
        form = ArticleRevisionForm(request.POST, request.FILES, source_url=article.source_url)
    refusal = Refusal()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        with domain_errors_shown(request, form) as refusal:
            revision, created = article_revision_import(
                article=article,
                created_by=request_user(request),
                text=data["text"],
                upload_name=upload.name if upload else "",
                upload_content=upload.read() if upload else None,
                refetch=bool(data.get("refetch")),
            )
        if not refusal:
            if created:
                messages.success(
                    request,
                    _("Revision %(number)s saved; highlights are being placed on it.")
                    % {"number": revision.number},
                )
            else:
                messages.info(request, _("The text has not changed; no new revision."))
            return redirect("article-detail", pk=article.pk)
    return render(
        request,
        "annotations/article_revise.html",
        {
            "article": article,
            "form": form,
            "offers_refetch": form.offers_refetch,
            "conflict": refusal.conflict,
        },
    )
