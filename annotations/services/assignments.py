"""Writes for assignments: editors assign articles; reviewers may pick some up themselves."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext, ngettext

from annotations.errors import DomainError
from annotations.models import Article, Assignment, DeskSettings, Notification
from annotations.permissions import Permission, can, require
from annotations.services.notifications import notification_event_send
from annotations.text_lists import text_list


def assignments_create(
    *,
    article: Article,
    reviewers: Sequence[User],
    editor: User,
    due_on: datetime.date | None = None,
) -> list[Assignment]:
    """Assign the article to reviewers. Assigning someone twice changes only the due date."""
    require(editor, Permission.Article.ASSIGN, article)
    if not reviewers:
        raise DomainError(
            gettext("Choose at least one reviewer."), code="no_reviewers", field="reviewers"
        )
    not_reviewers = [
        user.get_username() for user in reviewers if not can(user, Permission.Assignment.HOLD)
    ]
    if not_reviewers:
        raise DomainError(
            ngettext(
                "Not a reviewer on this desk: %(names)s.",
                "Not reviewers on this desk: %(names)s.",
                len(not_reviewers),
            )
            % {"names": text_list(not_reviewers)},
            code="not_a_reviewer",
            field="reviewers",
        )
    with transaction.atomic():
        assignments = []
        for reviewer in reviewers:
            assignment, created = Assignment.objects.update_or_create(
                article=article,
                reviewer=reviewer,
                defaults={"assigned_by": editor, "due_on": due_on},
            )
            if created:
                notification_event_send(kind=Notification.Kind.ASSIGNMENT, object_id=assignment.pk)
            assignments.append(assignment)
    return assignments


def assignment_pick_up(*, article: Article, reviewer: User) -> Assignment:
    """A reviewer takes an article themselves, where the desk allows it and seats are left."""
    require(reviewer, Permission.Assignment.PICK_UP, article)
    desk = DeskSettings.load()
    with transaction.atomic():
        # Lock the article's row so that two reviewers cannot both take the last seat.
        Article.objects.select_for_update(no_key=True).filter(pk=article.pk).first()
        existing = Assignment.objects.filter(article=article, reviewer=reviewer).first()
        if existing is not None:
            return existing
        if Assignment.objects.filter(article=article).count() >= desk.reviewers_per_article:
            raise DomainError(
                gettext("This article already has all the reviewers it needs."),
                code="article_full",
                status=409,
            )
        return Assignment.objects.create(article=article, reviewer=reviewer)


def assignments_reassign(
    *, assignments: Sequence[Assignment], reviewer: User, editor: User
) -> tuple[list[Assignment], list[Assignment]]:
    """Give the assignments to another reviewer. Returns (moved, skipped): an assignment is
    skipped where that reviewer already holds the article."""
    require(editor, Permission.Article.ASSIGN)
    if not can(reviewer, Permission.Assignment.HOLD):
        raise DomainError(
            gettext("%(name)s is not a reviewer on this desk.") % {"name": reviewer.get_username()},
            code="not_a_reviewer",
            field="reviewer",
        )
    moved, skipped = [], []
    with transaction.atomic():
        held = set(
            Assignment.objects.filter(
                reviewer=reviewer, article__in=[a.article_id for a in assignments]
            ).values_list("article_id", flat=True)
        )
        for assignment in assignments:
            if assignment.reviewer_id == reviewer.pk or assignment.article_id in held:
                skipped.append(assignment)
                continue
            assignment.reviewer = reviewer
            assignment.assigned_by = editor
            assignment.save(update_fields=["reviewer", "assigned_by"])
            held.add(assignment.article_id)
            moved.append(assignment)
    return moved, skipped
