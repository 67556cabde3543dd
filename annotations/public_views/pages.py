"""Readers' pages, no login: a published verdict (with its ClaimReview JSON-LD), the index of
published verdicts with search and filters, an article's checked claims, the rating scale, and
robots.txt. Published verdicts only, for editors too: these are the readers' pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from annotations import selectors
from annotations.forms import PublicIndexForm
from annotations.permissions import Permission
from annotations.presenters.public import (
    index_rows,
    page_meta,
    scale_places,
    verdict_page,
    withdrawn_page,
)
from annotations.selectors.public import (
    INDEX_PAGE_SIZE,
    article_checked,
    verdict_for_readers,
    verdict_withdrawal,
    verdicts_index,
    verdicts_rows,
    verdicts_searched,
)
from annotations.selectors.search import SearchResult
from annotations.views.decorators import permission_required


@permission_required(Permission.Verdict.READ)
def verdict_public(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = verdict_for_readers(pk)
    if verdict is None:
        withdrawal = verdict_withdrawal(pk)
        if withdrawal is None:
            raise Http404("No such verdict.")
        # Gone, not missing: crawlers drop the page, readers learn what, when and why.
        withdrawn = withdrawn_page(withdrawal, selectors.verdict_labels_translated())
        return render(
            request, "annotations/verdict_withdrawn.html", {"page": withdrawn}, status=410
        )
    page = verdict_page(request, verdict, selectors.verdict_labels_translated())
    return render(request, "annotations/verdict_public.html", {"page": page, "meta": page.meta})


@permission_required(Permission.Verdict.READ)
def verdict_index(request: HttpRequest) -> HttpResponse:
    labels = selectors.verdict_labels_translated()
    form = PublicIndexForm(request.GET, labels=labels)
    meta = page_meta(
        request,
        title=gettext("Fact checks"),
        description=gettext("Every claim the desk has checked, newest first."),
    )
    context: dict[str, object] = {"form": form, "meta": meta, "rows": []}
    if not form.is_valid():
        return render(request, "annotations/verdict_index.html", context, status=400)
    filters, text = form.filters(), form.cleaned_data["q"]
    if text.strip():
        results = verdicts_searched(request.user, text, filters)
        paginator: Paginator[SearchResult] = Paginator(results, INDEX_PAGE_SIZE)  # type: ignore[arg-type]  # sliced like a queryset
        found = paginator.get_page(form.cleaned_data["page"])
        hits = list(found.object_list)
        verdicts = verdicts_rows([hit.id for hit in hits])
        snippets = {hit.id: hit.snippet_html for hit in hits}
        context.update(page=found, searched=True)
    else:
        index = verdicts_index(filters, after=form.cleaned_data["after"])
        verdicts, snippets = index.verdicts, {}
        context.update(next=index.next.token() if index.next else None)
    context["rows"] = index_rows(verdicts, labels, snippets)
    return render(request, "annotations/verdict_index.html", context)


@permission_required(Permission.Verdict.READ)
def article_checked_page(request: HttpRequest, pk: int) -> HttpResponse:
    checked = article_checked(pk)
    if checked is None:
        raise Http404("No such article.")
    article, verdicts = checked
    names = {"count": len(verdicts), "title": article.title, "publisher": article.publisher}
    if article.publisher:
        description = ngettext(
            "%(count)d claim checked in %(title)s (%(publisher)s).",
            "%(count)d claims checked in %(title)s (%(publisher)s).",
            len(verdicts),
        )
    else:
        description = ngettext(
            "%(count)d claim checked in %(title)s.",
            "%(count)d claims checked in %(title)s.",
            len(verdicts),
        )
    meta = page_meta(
        request,
        title=gettext("Fact checks of “%(title)s”") % names,
        description=description % names,
    )
    return render(
        request,
        "annotations/public_article.html",
        {
            "article": article,
            "rows": index_rows(verdicts, selectors.verdict_labels_translated(), {}),
            "meta": meta,
        },
    )


@permission_required(Permission.Public.READ)
def scale_page(request: HttpRequest) -> HttpResponse:
    meta = page_meta(
        request,
        title=gettext("Rating scale"),
        description=gettext("What each rating the desk gives means, from the most accurate down."),
    )
    return render(
        request,
        "annotations/public_scale.html",
        {"scale": scale_places(selectors.verdict_labels_translated()), "meta": meta},
    )


@permission_required(Permission.Public.READ)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "robots.txt",
        {"sitemap": request.build_absolute_uri(reverse("sitemap-index"))},
        content_type="text/plain; charset=utf-8",
    )
