"""Writes for discussion threads: comments on a claim unit or an article, their edits, and the
notes an editor's send-back or reject leaves in the unit's thread.

Who reads and joins a thread is permissions.py's Discussion rule; who a comment may mention is
the same rule as a query on people (permissions.thread_readers). A mention notifies after the
commit (services.notifications); editing a comment notifies only people it newly mentions, as
each notification is unique per comment and recipient.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from annotations.core.comments import MAX_LENGTH, MENTION
from annotations.errors import DomainError
from annotations.models import Article, ClaimUnit, Comment, Notification
from annotations.permissions import Permission, require
from annotations.services.notifications import notification_event_send

Thread = Article | ClaimUnit


def _body_checked(body: str, *, field: str = "body") -> str:
    body = body.strip()
    if not body:
        raise DomainError(gettext("Write a comment first."), code="comment_empty", field=field)
    if len(body) > MAX_LENGTH:
        raise DomainError(
            gettext(
                "Keep a comment under %(limit)s characters (%(length)s now): split it into two."
            )
            % {
                "limit": number_format(MAX_LENGTH, force_grouping=True),
                "length": number_format(len(body), force_grouping=True),
            },
            code="comment_too_long",
            field=field,
        )
    return body


def _recorded(comment: Comment, author: User) -> Comment:
    comment._history_user = author  # type: ignore[attr-defined]  # simple_history's author
    comment.save()
    if MENTION.search(comment.body):
        notification_event_send(kind=Notification.Kind.MENTION, object_id=comment.pk)
    return comment


def comment_post(*, author: User, thread: Thread, body: str) -> Comment:
    """Add a comment to the thread of a unit or an article."""
    require(author, Permission.Discussion.COMMENT, thread)
    body = _body_checked(body)
    if isinstance(thread, ClaimUnit):
        comment = Comment(article_id=thread.article_id, unit=thread, author=author, body=body)
    else:
        comment = Comment(article_id=thread.pk, unit=None, author=author, body=body)
    with transaction.atomic():
        return _recorded(comment, author)


def comment_edit(*, author: User, comment: Comment, body: str) -> Comment:
    """Change one's own comment within core.comments.EDIT_WINDOW of posting it; the history
    keeps the earlier text."""
    require(author, Permission.Discussion.EDIT, comment)
    comment.body = _body_checked(body)
    comment.edited = timezone.now()
    with transaction.atomic():
        return _recorded(comment, author)


def unit_note_post(*, editor: User, unit: ClaimUnit, note: str, note_of: str) -> Comment | None:
    """The note an editor gave with an action on the unit (send back, reject), as a comment in
    the unit's thread; nothing for an empty note. Runs inside the action's transaction."""
    if not note.strip():
        return None
    comment = Comment(
        article_id=unit.article_id,
        unit=unit,
        author=editor,
        body=_body_checked(note, field="note"),
        note_of=note_of,
    )
    return _recorded(comment, editor)
