"""Assignments: a reviewer's inbox, picking up articles, and editors assigning from the article
page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotations import selectors
from annotations.forms import AssignForm
from annotations.models import DeskSettings
from annotations.permissions import Permission
from annotations.presenters.assignments import overdue_marked, seats_left_marked
from annotations.request_user import request_user
from annotations.services.assignments import assignment_pick_up, assignments_create
from annotations.text_lists import text_list
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


@permission_required(Permission.Assignment.HOLD)
def my_assignments(request: HttpRequest) -> HttpResponse:
    desk = DeskSettings.load()
    free = (
        seats_left_marked(
            selectors.articles_with_free_seats(request.user, desk.reviewers_per_article),
            desk.reviewers_per_article,
        )
        if desk.allow_self_assignment
        else []
    )
    return render(
        request,
        "annotations/my_assignments.html",
        {
            "assignments": overdue_marked(selectors.assignments_of(request.user)),
            "self_assignment": desk.allow_self_assignment,
            "free_articles": free,
        },
    )


@permission_required(Permission.Assignment.PICK_UP)
@require_POST
def article_pick_up(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(selectors.articles_visible_to(request.user).defer("text"), pk=pk)
    with domain_errors_shown(request) as refusal:
        assignment_pick_up(article=article, reviewer=request_user(request))
    if not refusal:
        messages.success(
            request, gettext("“%(title)s” is in your assignments.") % {"title": article.title}
        )
    return redirect("my-assignments")


@permission_required(Permission.Article.ASSIGN)
@require_POST
def article_assign(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(selectors.articles_visible_to(request.user).defer("text"), pk=pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        reviewers = list(form.cleaned_data["reviewers"])
        with domain_errors_shown(request) as refusal:
            assignments_create(
                article=article,
                reviewers=reviewers,
                editor=request_user(request),
                due_on=form.cleaned_data["due_on"],
            )
        if not refusal:
            names = text_list(user.get_username() for user in reviewers)
            messages.success(request, gettext("Assigned to %(names)s.") % {"names": names})
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))  # ErrorList yields strings
    return redirect(reverse("article-detail", args=[article.pk]) + "#assignments")
