"""Feedback to reviewers: one's own (where the final verdicts differed from one's verdict, and
one's figures by month), and, for editors, every reviewer's, behind opaque keys (the figures
are computed in core.feedback, read in selectors.feedback and shaped in presenters.feedback)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from annotations.permissions import Permission, can
from annotations.presenters.feedback import feedback_context, reviewers_shown
from annotations.request_user import request_user
from annotations.selectors.feedback import (
    FeedbackSubject,
    feedback_differences,
    feedback_figures,
    feedback_reviewer_by_key,
    feedback_reviewers,
    feedback_subject,
    reviewer_names_hidden,
)
from annotations.views.decorators import permission_required

DIFFERENCES_PAGE_SIZE = 20


def _feedback_page(
    request: HttpRequest, subject: FeedbackSubject, *, own: bool, hidden: bool
) -> HttpResponse:
    page = Paginator(feedback_differences(subject.user.pk), DIFFERENCES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = feedback_context(
        subject,
        page,
        feedback_figures(subject.user.pk, hidden=hidden),
        own=own,
        for_editor=can(request.user, Permission.Feedback.READ_ANY),
    )
    return render(request, "annotations/feedback.html", context)


@permission_required(Permission.Feedback.READ_OWN)
def feedback_own(request: HttpRequest) -> HttpResponse:
    """The reviewer's own feedback: their name is theirs to see, colleagues' as the desk says."""
    hidden = reviewer_names_hidden()
    subject = feedback_subject(request_user(request), hidden=False)
    return _feedback_page(request, subject, own=True, hidden=hidden)


@permission_required(Permission.Feedback.READ_ANY)
def feedback_reviewer_list(request: HttpRequest) -> HttpResponse:
    hidden = reviewer_names_hidden()
    context = {"reviewers": reviewers_shown(feedback_reviewers(hidden=hidden)), "hidden": hidden}
    return render(request, "annotations/feedback_reviewers.html", context)


@permission_required(Permission.Feedback.READ_ANY, hide=True)
def feedback_reviewer(request: HttpRequest, key: str) -> HttpResponse:
    """One reviewer's feedback for editors; a 404 for an unknown key (and, the page being
    another user's, for anyone who is not an editor)."""
    reviewer = feedback_reviewer_by_key(key)
    if reviewer is None:
        raise Http404("No such reviewer.")
    hidden = reviewer_names_hidden()
    subject = feedback_subject(reviewer, hidden=hidden)
    own = reviewer.pk == request.user.pk
    return _feedback_page(request, subject, own=own, hidden=hidden)
