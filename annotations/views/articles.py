"""The article pages: the list, one article for annotating (any of its revisions), and the
import form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from annotations import roles, selectors
from annotations.api.serializers import AnnotationSerializer
from annotations.errors import DomainError
from annotations.forms import ArticleImportForm
from annotations.services.articles import article_import
from annotations.text import split_paragraphs
from annotations.views.agreement import article_agreement_context
from annotations.views.assignments import article_assignment_context
from annotations.views.revisions import revision_choose


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = selectors.articles_with_progress(request.user)
    return render(request, "annotations/article_list.html", {"articles": articles})


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article for annotating; `?revision=N` shows an earlier revision, read-only."""
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    choice = revision_choose(article, request.GET.get("revision"))
    annotations = list(selectors.annotations_visible_to(request.user).filter(article=article))
    anchors = selectors.annotations_anchor(annotations, revisions={article.pk: choice.shown})
    serialized = AnnotationSerializer(
        annotations, many=True, context={"request": request, "anchors": anchors}
    ).data
    labels = selectors.verdict_labels()
    is_editor = roles.is_editor(request.user)
    page_data = {
        "article": {"id": article.pk, "title": article.title, "revision": choice.shown.number},
        "user": {
            "username": request.user.get_username(),
            # New highlights go on the latest revision only: offsets refer to the text shown.
            "can_annotate": roles.can_annotate(request.user) and choice.is_latest,
            "is_editor": is_editor,
        },
        "review": {
            "status": selectors.review_status(article=article, user=request.user),
            "submit_url": reverse("api:article-submit", args=[article.pk]),
        },
        "labels": [
            {
                "slug": label.slug,
                "name": label.name,
                "description": label.description,
                "colour": label.colour,
                "is_ordinal": label.is_ordinal,
            }
            for label in labels
        ],
        "annotations_url": reverse("api:annotation-list"),
        "annotations": serialized,
    }
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
            "agreement": article_agreement_context(article, labels) if is_editor else None,
            "assignments": article_assignment_context(article) if is_editor else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_import_view(request: HttpRequest) -> HttpResponse:
    if not roles.is_editor(request.user):
        raise PermissionDenied("Only editors import articles.")
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            article = article_import(
                imported_by=request.user,
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
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, f"Imported “{article.title}”.")
            return redirect("article-detail", pk=article.pk)
    return render(request, "annotations/article_import.html", {"form": form})
