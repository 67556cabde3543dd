"""Reads for discussion threads: the comments of a unit's or an article's thread that the user
may read, with their authors, and the people a thread's comments may mention."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.db.models.functions import Lower

from annotations.core.comments import MENTION
from annotations.models import Article, ClaimUnit, Comment
from annotations.permissions import thread_readers, visible_comments


def thread_comments(user: User | AnonymousUser, thread: Article | ClaimUnit) -> QuerySet[Comment]:
    """The thread's comments in order (a unit's, or the article's own: not its units'), as
    the user may read them; none for someone who may not read the thread."""
    if isinstance(thread, ClaimUnit):
        comments = Comment.objects.filter(unit=thread)
    else:
        comments = Comment.objects.filter(article=thread, unit=None)
    return visible_comments(user, comments).select_related("author").order_by("created", "id")


def thread_mentionable(article_id: int) -> dict[str, str]:
    """Who the thread's comments may mention (lower-cased username -> username): its readers."""
    names = thread_readers(article_id).values_list("username", flat=True)
    return {name.lower(): name for name in names}


def mentions_unknown(article_id: int, body: str) -> list[str]:
    """The `@names` in `body` (in order, once each) that name nobody who reads the thread: no
    one hears of them, and the writer should know."""
    written = list(dict.fromkeys(MENTION.findall(body)))
    if not written:
        return []
    known = set(
        thread_readers(article_id)
        .annotate(lower_name=Lower("username"))
        .filter(lower_name__in={name.lower() for name in written})
        .values_list("lower_name", flat=True)
    )
    return [name for name in written if name.lower() not in known]


def comment_visible(user: User | AnonymousUser, comment_id: int) -> Comment | None:
    """One comment the user may read, with its thread's objects; None otherwise."""
    return (
        visible_comments(user, Comment.objects.filter(pk=comment_id))
        .select_related("article", "unit", "author")
        .first()
    )


def thread_unit(pk: int) -> ClaimUnit | None:
    """A unit whose thread is asked for, with its article; the view checks who may read it."""
    return ClaimUnit.objects.select_related("article", "revision").filter(pk=pk).first()


def thread_article(pk: int) -> Article | None:
    return Article.objects.filter(pk=pk).first()
