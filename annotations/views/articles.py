"""The article pages: the list, one article for annotating (any of its revisions), and the
import form."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from annotations import selectors
from annotations.converters import IdConverter
from annotations.core.text import split_paragraphs
from annotations.forms import ArticleImportForm
from annotations.models import AnnotationAnchor, Article
from annotations.permissions import Permission, can
from annotations.presenters.agreement import article_agreement_context
from annotations.presenters.articles import article_page_data
from annotations.presenters.assignments import article_assignment_context
from annotations.presenters.revisions import RevisionChoice, revision_choose
from annotations.request_user import request_user
from annotations.selectors.appearances import appearances_pending
from annotations.selectors.claim_changes import article_claim_changes
from annotations.selectors.revisions import orphans_visible_to
from annotations.services.articles import article_import
from annotations.views.decorators import permission_required
from annotations.views.errors import Refusal, domain_errors_shown, too_large_shown

_ANCHOR_ID = re.compile(IdConverter.regex)


@permission_required(Permission.Article.LIST)
def article_list(request: HttpRequest) -> HttpResponse:
    articles = selectors.articles_with_progress(request.user)
    # Desk membership is holding a role (reviewer, editor, admin): who may read articles. Anyone
    # else signed in sees an empty list, which must not read as "nothing imported yet".
    is_desk_member = can(request.user, Permission.Article.READ)
    return render(
        request,
        "annotations/article_list.html",
        {"articles": articles, "is_desk_member": is_desk_member},
    )


def _orphan_to_reattach(
    request: HttpRequest, article: Article, choice: RevisionChoice
) -> AnnotationAnchor | None:
    """The orphan `?reattach=<anchor id>` asks to re-attach, or None without the parameter.

    A 404 unless it is an orphan of this article's latest revision that the user may resolve
    (their own; anyone's for editors): the same rule as the re-attach list.
    """
    requested = request.GET.get("reattach")
    if requested is None:
        return None
    if not _ANCHOR_ID.fullmatch(requested):
        raise Http404("No such highlight to re-attach.")
    if not choice.is_latest:
        # The orphan's offsets would refer to a text the page does not show.
        raise Http404("Highlights are re-attached on the latest revision only.")
    anchor = orphans_visible_to(request.user, article=article.pk).filter(pk=int(requested)).first()
    if anchor is None:
        raise Http404("No such highlight to re-attach.")
    return anchor


@permission_required(Permission.Article.READ, hide=True)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article for annotating; `?revision=N` shows an earlier revision, read-only;
    `?reattach=<anchor id>` asks for the new passage of a highlight a revision lost."""
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    choice = revision_choose(article, request.GET.get("revision"))
    orphan = _orphan_to_reattach(request, article, choice)
    labels = selectors.verdict_labels()
    may = {
        permission: can(request.user, permission)
        for permission in (
            Permission.Annotation.CREATE,
            Permission.Article.REVISE,
            Permission.Unit.ADJUDICATE,
            Permission.Agreement.READ,
            Permission.Article.ASSIGN,
            Permission.Appearance.REVIEW,
        )
    }
    # Editors only, like the queue: the verdicts whose claim changed under them.
    claim_changes = article_claim_changes(article.pk) if may[Permission.Unit.ADJUDICATE] else []
    page_data = article_page_data(
        request,
        article=article,
        choice=choice,
        labels=labels,
        can_annotate=may[Permission.Annotation.CREATE],
        is_editor=may[Permission.Article.REVISE],
        orphan=orphan,
        claim_changes=claim_changes,
    )
    return render(
        request,
        "annotations/article_detail.html",
        {
            "article": article,
            "revision": choice,
            "paragraphs": split_paragraphs(choice.shown.text),
            "labels": labels,
            "page_data": page_data,
            # Editors only: reviewers never see how their verdicts compare.
            "agreement": (
                article_agreement_context(article, labels)
                if may[Permission.Agreement.READ]
                else None
            ),
            "assignments": (
                article_assignment_context(article) if may[Permission.Article.ASSIGN] else None
            ),
            "claim_changes": claim_changes,
            # Editors only: sentences restating a checked claim, to confirm or dismiss.
            "appearances": (
                appearances_pending(article_id=article.pk, user=request.user)
                if may[Permission.Appearance.REVIEW] and choice.is_latest
                else None
            ),
        },
    )


def _import_too_large(request: HttpRequest) -> HttpResponse:
    form = ArticleImportForm.too_large()
    return render(request, "annotations/article_import.html", {"form": form}, status=413)


@permission_required(Permission.Article.IMPORT)
@require_http_methods(["GET", "POST"])
@too_large_shown(_import_too_large)
def article_import_view(request: HttpRequest) -> HttpResponse:
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    refusal = Refusal()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        with domain_errors_shown(request, form) as refusal:
            article = article_import(
                imported_by=request_user(request),
                text=data["text"],
                upload_name=upload.name if upload else "",
                upload_content=upload.read() if upload else None,
                url=data["url"],
                title=data["title"],
                byline=data["byline"],
                publisher=data["publisher"],
                source_url=data["source_url"],
                published_on=data["published_on"],
                language=data["language"],
            )
        if not refusal:
            messages.success(request, f"Imported “{article.title}”.")
            return redirect("article-detail", pk=article.pk)
    # A refused form comes back with a 200, like one that failed its own validation.
    return render(
        request,
        "annotations/article_import.html",
        {"form": form, "conflict": refusal.conflict},
    )
