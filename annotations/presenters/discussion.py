"""A discussion thread as its page shows it: each comment rendered safely (core.comments),
with who wrote it, when, whether it came with an editor's action, and whether the reader may
still edit it; and, on an article's thread, the threads of its units that have comments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from annotations import selectors
from annotations.core.comments import EDIT_WINDOW, comment_render
from annotations.models import Article, ClaimUnit, Comment
from annotations.permissions import Permission, can
from annotations.selectors.discussion import thread_comments, thread_mentionable


@dataclass(frozen=True)
class CommentShown:
    pk: int
    author: str
    html: SafeString  # core.comments.comment_render's sanitised output
    created: datetime.datetime
    edited: datetime.datetime | None
    note: str  # "Sent back for more reviews", ... or "" for a plain comment
    can_edit: bool
    edit_until: datetime.datetime


@dataclass(frozen=True)
class UnitThread:
    unit: ClaimUnit
    passage: str
    comments: int


@dataclass(frozen=True)
class ThreadShown:
    title: str
    article: Article
    unit: ClaimUnit | None
    comments: list[CommentShown]
    can_comment: bool
    post_url: str
    unit_threads: list[UnitThread]  # an article's thread only: its units' threads


def _comment_shown(
    comment: Comment, user: User | AnonymousUser, mentionable: dict[str, str], alias: str | None
) -> CommentShown:
    rendered = comment_render(comment.body, mentionable)
    return CommentShown(
        pk=comment.pk,
        author=alias or comment.author.get_username(),
        html=mark_safe(rendered.html),  # noqa: S308  # sanitised by nh3 (core.comments)
        created=comment.created,
        edited=comment.edited,
        note=comment.get_note_of_display() if comment.note_of else "",
        can_edit=comment.author_id == user.pk and can(user, Permission.Discussion.EDIT, comment),
        edit_until=comment.created + EDIT_WINDOW,
    )


def _unit_threads(article: Article) -> list[UnitThread]:
    units = (
        ClaimUnit.objects.filter(article=article)
        .select_related("article", "revision")
        .annotate(comment_count=Count("comments"))
        .filter(comment_count__gt=0)
        .order_by("start", "pk")
    )
    return [
        UnitThread(
            unit=unit,
            passage=Truncator(
                " ".join(selectors.unit_text(unit)[unit.start : unit.end].split())
            ).chars(120),
            comments=unit.comment_count,
        )
        for unit in units
    ]


def thread_shown(user: User | AnonymousUser, thread: Article | ClaimUnit) -> ThreadShown:
    """The thread of a unit or an article for `user`, who may read it (the view checked)."""
    unit = thread if isinstance(thread, ClaimUnit) else None
    article = unit.article if unit is not None else thread
    assert isinstance(article, Article)
    aliases = (selectors.reviewer_aliases(unit) if unit is not None else None) or {}
    mentionable = thread_mentionable(article.pk)
    comments = [
        _comment_shown(c, user, mentionable, aliases.get(c.author_id))
        for c in thread_comments(user, thread)
    ]
    if unit is not None:
        title = gettext("Claim #%(number)s") % {"number": unit.pk}
        post_url = reverse("discussion-unit", args=[unit.pk])
    else:
        title = article.title
        post_url = reverse("discussion-article", args=[article.pk])
    return ThreadShown(
        title=title,
        article=article,
        unit=unit,
        comments=comments,
        can_comment=can(user, Permission.Discussion.COMMENT, thread),
        post_url=post_url,
        unit_threads=[] if unit is not None else _unit_threads(article),
    )
