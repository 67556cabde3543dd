"""The editors' queue: claim units awaiting an editor's decision, most disputed first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annotations import selectors
from annotations.forms import QueueFilterForm
from annotations.permissions import Permission
from annotations.presenters.queue import queue_rows, status_tabs
from annotations.selectors.appearances import appearances_pending, units_with_pending_appearance
from annotations.selectors.claim_changes import units_with_changed_claims
from annotations.selectors.fast_lane import fast_lane_count, fast_lane_rules
from annotations.selectors.queue import with_checked_before
from annotations.selectors.revisions import units_with_vanished_claims
from annotations.views.decorators import permission_required

QUEUE_PAGE_SIZE = 50


@permission_required(Permission.Unit.ADJUDICATE)
def review_queue_view(request: HttpRequest) -> HttpResponse:
    labels = selectors.verdict_labels_translated()
    articles, reviewers = selectors.review_queue_filter_choices()
    filters = QueueFilterForm(request.GET, articles=articles, labels=labels, reviewers=reviewers)
    criteria = filters.criteria()
    page = Paginator(
        selectors.with_passage(
            with_checked_before(units_with_pending_appearance(selectors.review_queue(**criteria)))
        ),
        QUEUE_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "annotations/review_queue.html",
        {
            "filters": filters,
            "filtered": bool(criteria.keys() - {"status"}),
            "status": criteria.get("status", ""),
            "tabs": status_tabs(selectors.review_queue_counts()),
            "ready_count": fast_lane_count(fast_lane_rules()),
            "page": page,
            "rows": queue_rows(list(page.object_list), labels, user=request.user),
            "first_rank": page.start_index(),
            "vanished_count": units_with_vanished_claims().count(),
            "changed_count": units_with_changed_claims().count(),
            "appearances": appearances_pending(user=request.user),
        },
    )
