"""Who each event notifies, and what it tells them: one planner per kind of notification.

Summaries are stored as written, in the recipient's chosen interface language when they have
chosen one (else the desk's, settings.LANGUAGE_CODE), whatever language the request that caused
the event was in: services.notifications runs each planner once per language among the
recipients. A reader who changes language later reads older summaries as they were written.

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
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

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
from annotations.selectors.labels import label_name

Kind = Notification.Kind
QUOTE_LIMIT = 80


@dataclass(frozen=True)
class Planned:
    recipient_id: int
    target_type: ContentType
    target_id: int
    summary: str
    dedupe_key: str
    actor_id: int | None = None


def _planned(
    target: Model, recipients: set[int], summary: str, key: str, actor_id: int | None = None
) -> list[Planned]:
    target_type = ContentType.objects.get_for_model(target)
    return [
        Planned(recipient, target_type, target.pk, summary, key, actor_id)
        for recipient in sorted(recipients - {actor_id})
    ]


def _quoted(text: str) -> str:
    return f"“{Truncator(' '.join(text.split())).chars(QUOTE_LIMIT)}”"


def _unit_named(unit: ClaimUnit) -> str:
    return gettext("claim #%(number)s in %(article)s") % {
        "number": unit.pk,
        "article": _quoted(unit.article.title),
    }


def _assignment(assignment_id: int, occurrence: str) -> list[Planned]:
    assignment = (
        Assignment.objects.select_related("article", "assigned_by").filter(pk=assignment_id).first()
    )
    if assignment is None:
        return []
    by = assignment.assigned_by.get_username() if assignment.assigned_by else gettext("An editor")
    values = {"editor": by, "article": _quoted(assignment.article.title)}
    if assignment.due_on:
        values["due"] = date_format(assignment.due_on, "DATE_FORMAT")
        summary = gettext("%(editor)s assigned you %(article)s, due %(due)s.") % values
    else:
        summary = gettext("%(editor)s assigned you %(article)s.") % values
    return _planned(
        assignment,
        {assignment.reviewer_id},
        summary,
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
        gettext("Your review of %(article)s is due tomorrow (%(due)s).")
        % {
            "article": _quoted(assignment.article.title),
            "due": date_format(assignment.due_on, "DATE_FORMAT"),
        },
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
    article = gettext("the article %(article)s") % {"article": _quoted(comment.article.title)}
    where = _unit_named(comment.unit) if comment.unit else article
    return _planned(
        comment,
        mentioned,
        gettext("%(author)s mentioned you on %(where)s: %(comment)s")
        % {
            "author": comment.author.get_username(),
            "where": where,
            "comment": _quoted(comment_plain_text(comment.body)),
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
        gettext("An editor sent %(claim)s back for more reviews.") % {"claim": _unit_named(unit)},
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
            gettext("The desk decided %(claim)s as %(final)s; you said %(own)s.")
            % {
                "claim": _unit_named(verdict.unit),
                "final": label_name(verdict.label),
                "own": label_name(annotation.verdict),
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
        gettext(
            "The passage of published %(claim)s changed in revision %(number)s: check the "
            "verdict still holds."
        )
        % {"claim": _unit_named(change.unit), "number": change.revision.number},
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
            gettext("Claim C%(claim)s appears again in %(article)s: %(sentence)s")
            % {
                "claim": appearance.claim_id,
                "article": _quoted(appearance.article.title),
                "sentence": _quoted(appearance.sentence),
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
        ngettext(
            "The webhook to %(url)s was disabled after %(count)s failed delivery in a row: "
            "check the receiver, then enable it again.",
            "The webhook to %(url)s was disabled after %(count)s failed deliveries in a row: "
            "check the receiver, then enable it again.",
            subscription.consecutive_failures,
        )
        % {"url": subscription.url, "count": subscription.consecutive_failures},
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
