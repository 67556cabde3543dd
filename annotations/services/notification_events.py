"""Who each event notifies, and what it tells them: one planner per kind of notification.

A planner gives the values its summary is made of (`parameters`: names, titles, ids, a date,
label ids), never a sentence: selectors.notification_wording words them in the language of
whoever reads them, when they read them (the in-app list, the API, each e-mail in its
recipient's language), so that a reader who changes language reads every notification in the
new one.

A planner reads the event's object as the database has it when the task runs and returns the
notifications to make; an event whose object is gone, or no longer calls for one (a published
verdict unpublished meanwhile), plans none. Each notification's `dedupe_key` names the event,
so that running a planner twice plans the same keys (services.notifications makes them).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from annotations.core.comments import MENTION, comment_plain_text
from annotations.models import (
    Annotation,
    Assignment,
    ClaimChange,
    ClaimLink,
    ClaimUnit,
    Comment,
    Notification,
    Review,
    SuggestedAppearance,
    Verdict,
    WebhookSubscription,
)
from annotations.permissions import active_editors, thread_readers
from annotations.selectors.notification_wording import ParameterValue, short

Kind = Notification.Kind
Parameters = dict[str, ParameterValue]


@dataclass(frozen=True)
class Planned:
    recipient_id: int
    target_type: ContentType
    target_id: int
    parameters: Parameters
    dedupe_key: str
    actor_id: int | None = None


def _planned(
    target: Model,
    recipients: set[int],
    parameters: Parameters,
    key: str,
    actor_id: int | None = None,
) -> list[Planned]:
    target_type = ContentType.objects.get_for_model(target)
    return [
        Planned(recipient, target_type, target.pk, parameters, key, actor_id)
        for recipient in sorted(recipients - {actor_id})
    ]


def _unit_named(unit: ClaimUnit) -> Parameters:
    return {"unit": unit.pk, "article": short(unit.article.title)}


def _assignment(assignment_id: int, occurrence: str) -> list[Planned]:
    assignment = (
        Assignment.objects.select_related("article", "assigned_by").filter(pk=assignment_id).first()
    )
    if assignment is None:
        return []
    return _planned(
        assignment,
        {assignment.reviewer_id},
        {
            "editor": assignment.assigned_by.get_username() if assignment.assigned_by else None,
            "article": short(assignment.article.title),
            "due": assignment.due_on.isoformat() if assignment.due_on else None,
        },
        f"assignment:{assignment.pk}",
        assignment.assigned_by_id,
    )


def assignments_due_tomorrow(today: datetime.date | None = None) -> list[int]:
    """The assignments due tomorrow whose reviewer has not submitted the article yet."""
    tomorrow = (today or timezone.localdate()) + datetime.timedelta(days=1)
    submitted = Review.objects.filter(status=Review.Status.SUBMITTED).values_list(
        "article_id", "reviewer_id"
    )
    done = set(submitted.filter(article__assignments__due_on=tomorrow))
    return [
        pk
        for pk, article_id, reviewer_id in Assignment.objects.filter(due_on=tomorrow)
        .order_by("pk")
        .values_list("pk", "article_id", "reviewer_id")
        if (article_id, reviewer_id) not in done
    ]


def _due_tomorrow(assignment_id: int, occurrence: str) -> list[Planned]:
    assignment = Assignment.objects.select_related("article").filter(pk=assignment_id).first()
    if assignment is None or assignment.due_on is None:
        return []
    return _planned(
        assignment,
        {assignment.reviewer_id},
        {"article": short(assignment.article.title), "due": assignment.due_on.isoformat()},
        f"due:{assignment.pk}:{assignment.due_on.isoformat()}",
    )


def _mention(comment_id: int, occurrence: str) -> list[Planned]:
    comment = (
        Comment.objects.select_related("author", "article", "unit__article")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return []
    candidates = {name.lower() for name in MENTION.findall(comment.body)}
    mentioned = {
        user.pk
        for user in thread_readers(comment.article_id).only("pk", "username")
        if user.get_username().lower() in candidates
    }
    return _planned(
        comment,
        mentioned,
        {
            "author": comment.author.get_username(),
            "unit": comment.unit_id,
            "article": short(comment.article.title),
            "comment": short(comment_plain_text(comment.body)),
        },
        f"mention:{comment.pk}",
        comment.author_id,
    )


def _unit_reviewers(unit: ClaimUnit) -> set[int]:
    """The reviewers of the unit's highlights who may read its thread."""
    reviewers = set(Annotation.objects.filter(unit=unit).values_list("reviewer_id", flat=True))
    return set(
        thread_readers(unit.article_id).filter(pk__in=reviewers).values_list("pk", flat=True)
    )


def _send_back(unit_id: int, occurrence: str) -> list[Planned]:
    unit = ClaimUnit.objects.select_related("article").filter(pk=unit_id).first()
    if unit is None:
        return []
    return _planned(
        unit,
        _unit_reviewers(unit),
        _unit_named(unit),
        f"send_back:{unit.pk}:{occurrence}",
    )


def _verdict_differed(unit_id: int, occurrence: str) -> list[Planned]:
    verdict = (
        Verdict.objects.select_related("label", "unit__article").filter(unit_id=unit_id).first()
    )
    if verdict is None:
        return []
    readers = _unit_reviewers(verdict.unit)
    planned: list[Planned] = []
    differing = (
        Annotation.objects.filter(unit_id=unit_id, reviewer_id__in=readers)
        .exclude(verdict_id=verdict.label_id)
        .select_related("verdict")
        .order_by("reviewer_id", "pk")
    )
    for annotation in differing:
        planned += _planned(
            verdict.unit,
            {annotation.reviewer_id},
            {
                **_unit_named(verdict.unit),
                "final": verdict.label_id,
                "own": annotation.verdict_id,
            },
            f"verdict_differed:{verdict.pk}:{verdict.label_id}",
            verdict.decided_by_id,
        )
    # One per reviewer, even if she highlighted the claim twice.
    return list({p.recipient_id: p for p in planned}.values())


def _editors_or(user_ids: set[int]) -> set[int]:
    """The given editors who are still active; all editors if none is."""
    editors = active_editors()
    chosen = set(editors.filter(pk__in=user_ids).values_list("pk", flat=True))
    return chosen or set(editors.values_list("pk", flat=True))


def _claim_changed(change_id: int, occurrence: str) -> list[Planned]:
    change = (
        ClaimChange.objects.select_related("unit__article", "unit__verdict", "revision")
        .filter(pk=change_id)
        .first()
    )
    verdict = getattr(change.unit, "verdict", None) if change is not None else None
    if change is None or verdict is None or not verdict.is_published:
        return []
    return _planned(
        change,
        _editors_or({verdict.decided_by_id} if verdict.decided_by_id else set()),
        {**_unit_named(change.unit), "number": change.revision.number},
        f"claim_changed:{change.pk}",
    )


def _claim_reappeared(revision_id: int, occurrence: str) -> list[Planned]:
    appearances = SuggestedAppearance.objects.filter(
        revision_id=revision_id, status=SuggestedAppearance.Status.PENDING
    ).select_related("article", "claim")
    planned: list[Planned] = []
    for appearance in appearances:
        deciders = set(
            Verdict.objects.filter(
                unit__in=ClaimLink.objects.filter(claim=appearance.claim_id).values("unit")
            ).values_list("decided_by_id", flat=True)
        ) | {appearance.claim.created_by_id}
        planned += _planned(
            appearance,
            _editors_or({pk for pk in deciders if pk}),
            {
                "claim": appearance.claim_id,
                "article": short(appearance.article.title),
                "sentence": short(appearance.sentence),
            },
            f"claim_reappeared:{appearance.pk}",
        )
    return planned


def _webhook_disabled(subscription_id: int, occurrence: str) -> list[Planned]:
    subscription = WebhookSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.is_enabled:
        return []
    return _planned(
        subscription,
        _editors_or({subscription.created_by_id}),
        {"url": subscription.url, "count": subscription.consecutive_failures},
        f"webhook_disabled:{subscription.pk}:{occurrence}",
    )


PLANNERS: dict[str, Callable[[int, str], list[Planned]]] = {
    Kind.ASSIGNMENT: _assignment,
    Kind.DUE_TOMORROW: _due_tomorrow,
    Kind.MENTION: _mention,
    Kind.SEND_BACK: _send_back,
    Kind.VERDICT_DIFFERED: _verdict_differed,
    Kind.CLAIM_CHANGED: _claim_changed,
    Kind.CLAIM_REAPPEARED: _claim_reappeared,
    Kind.WEBHOOK_DISABLED: _webhook_disabled,
}
