"""Discussion pages: the thread of a claim unit and of an article (read it, add a comment),
and the page that edits one's own comment while the edit window lasts."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from annotations.core.comments import EDIT_WINDOW
from annotations.forms import CommentForm
from annotations.models import Article, ClaimUnit, Comment
from annotations.permissions import Permission, require
from annotations.presenters.discussion import thread_shown
from annotations.request_user import request_user
from annotations.selectors.discussion import (
    comment_visible,
    mentions_unknown,
    thread_article,
    thread_unit,
)
from annotations.services import discussion
from annotations.text_lists import text_list
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


def _thread_url(comment: Comment) -> str:
    if comment.unit_id:
        return reverse("discussion-unit", args=[comment.unit_id])
    return reverse("discussion-article", args=[comment.article_id])


def _thread_page(request: HttpRequest, thread: Article | ClaimUnit) -> HttpResponse:
    user = request_user(request)
    require(user, Permission.Discussion.READ, thread)
    form = CommentForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            with domain_errors_shown(request, form) as refusal:
                comment = discussion.comment_post(
                    author=user, thread=thread, body=form.cleaned_data["body"]
                )
            if not refusal:
                messages.success(request, gettext("Comment added."))
                _unknown_mentions_told(request, comment)
                return redirect(f"{_thread_url(comment)}#comment-{comment.pk}")
            status = refusal.status
    context = {"thread": thread_shown(user, thread), "form": form}
    return render(request, "annotations/discussion/thread.html", context, status=status)


def _unknown_mentions_told(request: HttpRequest, comment: Comment) -> None:
    unknown = mentions_unknown(comment.article_id, comment.body)
    if unknown:
        messages.warning(
            request,
            ngettext(
                "Nobody who reads this thread is called %(names)s, so nobody was notified for "
                "that name.",
                "Nobody who reads this thread is called %(names)s, so nobody was notified for "
                "those names.",
                len(unknown),
            )
            % {"names": text_list(f"@{name}" for name in unknown)},
        )


def _found(thread: Article | ClaimUnit | None, what: str) -> Article | ClaimUnit:
    if thread is None:
        raise Http404(f"No such {what}.")
    return thread


@permission_required(Permission.Discussion.READ)
def discussion_unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _thread_page(request, _found(thread_unit(pk), "claim unit"))


@permission_required(Permission.Discussion.READ)
def discussion_article(request: HttpRequest, pk: int) -> HttpResponse:
    return _thread_page(request, _found(thread_article(pk), "article"))


@permission_required(Permission.Discussion.READ)
def comment_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    comment = comment_visible(user, pk)
    if comment is None:
        raise Http404("No such comment.")
    require(user, Permission.Discussion.EDIT, comment)
    if request.method != "POST":
        form = CommentForm(initial={"body": comment.body})
        return render(request, "annotations/discussion/comment_edit.html", _edit(comment, form))
    form = CommentForm(request.POST)
    if form.is_valid():
        with domain_errors_shown(request, form) as refusal:
            discussion.comment_edit(author=user, comment=comment, body=form.cleaned_data["body"])
        if not refusal:
            messages.success(request, gettext("Comment changed."))
            _unknown_mentions_told(request, comment)
            return redirect(f"{_thread_url(comment)}#comment-{comment.pk}")
    return render(
        request, "annotations/discussion/comment_edit.html", _edit(comment, form), status=400
    )


def _edit(comment: Comment, form: CommentForm) -> dict[str, object]:
    return {
        "comment": comment,
        "form": form,
        "thread_url": _thread_url(comment),
        "edit_minutes": int(EDIT_WINDOW.total_seconds() // 60),
        "edit_until": comment.created + EDIT_WINDOW,
    }
