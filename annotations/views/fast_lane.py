"""The review queue's Ready lane: the claims every reviewer agreed on, with the agreed verdict
pre-filled, confirmed (and published) one or many at a time."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from annotations import selectors
from annotations.forms import FastConfirmForm, ReadyLaneForm
from annotations.models import ClaimUnit
from annotations.permissions import Permission
from annotations.presenters.fast_lane import ready_rows, report_page, rules_text
from annotations.presenters.queue import status_tabs
from annotations.request_user import request_user
from annotations.selectors.fast_lane import fast_lane_rules, units_ready
from annotations.services.fast_lane import units_fast_confirm
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


@permission_required(Permission.Unit.CONFIRM_READY)
def review_ready_view(request: HttpRequest) -> HttpResponse:
    rules = fast_lane_rules()
    labels = selectors.verdict_labels_translated()
    sizes = ReadyLaneForm(request.GET)
    units = ClaimUnit.objects.select_related("article").defer("article__text")
    page = Paginator(
        units_ready(units, rules).order_by("created", "pk"), sizes.page_size()
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "annotations/review_ready.html",
        {
            "sizes": sizes,
            "tabs": status_tabs(selectors.review_queue_counts()),
            "ready_count": page.paginator.count,
            "rules": rules_text(rules, labels),
            "page": page,
            "rows": ready_rows(list(page.object_list), labels),
        },
    )


@permission_required(Permission.Unit.CONFIRM_READY)
@require_POST
def review_ready_confirm_view(request: HttpRequest) -> HttpResponse:
    form = FastConfirmForm(request.POST)
    if form.is_valid():
        with domain_errors_shown(request, form):
            report = units_fast_confirm(
                editor=request_user(request), items=form.items(), publish=form.publishes()
            )
            return render(
                request, "annotations/review_ready_report.html", {"report": report_page(report)}
            )
    return render(request, "annotations/review_ready_report.html", {"form": form}, status=400)
