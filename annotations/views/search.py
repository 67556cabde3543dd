"""The search page: one box over claims, published verdicts, external fact-checks and
articles, with filters and highlighted matches (selectors.search)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annotations import selectors
from annotations.forms import SearchForm
from annotations.permissions import Permission
from annotations.selectors.search import KIND_NAMES, SearchFilters, SearchResult
from annotations.views.decorators import permission_required

SEARCH_PAGE_SIZE = 20


@permission_required(Permission.Search.READ)
def search_view(request: HttpRequest) -> HttpResponse:
    labels = selectors.verdict_labels_translated()
    form = SearchForm(request.GET or None, labels=labels, kinds=list(KIND_NAMES))
    criteria = form.criteria() if request.GET else None
    page: Page[SearchResult] | None = None
    if criteria is not None:
        text, filters = criteria
        results = selectors.search(request.user, text, SearchFilters(**filters))
        page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]  # sliced like a queryset
    return render(
        request,
        "annotations/search.html",
        {"form": form, "page": page, "searched": criteria is not None},
    )
