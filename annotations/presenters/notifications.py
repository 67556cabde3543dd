"""Notifications as the page lists them: what happened, when, whether read, and where each
leads (the thread of a mention, the article of an assignment, ...), from the prefetched
targets: no query per row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from annotations.models import (
    Article,
    Assignment,
    ClaimChange,
    ClaimUnit,
    Comment,
    Notification,
    SuggestedAppearance,
    WebhookSubscription,
)
from annotations.selectors.notification_wording import SummaryWording


@dataclass(frozen=True)
class NotificationShown:
    pk: int
    kind: str
    kind_name: str
    summary: str
    created: datetime.datetime
    unread: bool
    open_url: str  # marks it read, then goes to target_url


def notification_target_url(notification: Notification) -> str:
    """Where the notification leads; the list of notifications when its object is gone."""
    target = notification.target
    if isinstance(target, Comment):
        thread = (
            reverse("discussion-unit", args=[target.unit_id])
            if target.unit_id
            else reverse("discussion-article", args=[target.article_id])
        )
        return f"{thread}#comment-{target.pk}"
    if isinstance(target, ClaimUnit):
        if notification.kind == Notification.Kind.VERDICT_DIFFERED:
            # The reviewer's feedback page shows the two verdicts and the editor's explanation
            # side by side; the discussion is one link further.
            return reverse("feedback-own") + f"#claim-{target.pk}"
        return reverse("discussion-unit", args=[target.pk])
    if isinstance(target, Assignment):
        return reverse("article-detail", args=[target.article_id])
    if isinstance(target, Article):
        return reverse("article-detail", args=[target.pk])
    if isinstance(target, ClaimChange):
        return reverse("review-unit", args=[target.unit_id])
    if isinstance(target, SuggestedAppearance):
        return reverse("claim-detail", args=[target.claim_id])
    if isinstance(target, WebhookSubscription):
        return reverse("webhook-detail", args=[target.pk])
    return reverse("notification-list")


def notifications_shown(notifications: list[Notification]) -> list[NotificationShown]:
    """The page's rows, each summary in the reader's language (the scale's names read once)."""
    wording = SummaryWording()
    return [
        NotificationShown(
            pk=n.pk,
            kind=n.kind,
            kind_name=n.get_kind_display(),
            summary=wording(n),
            created=n.created,
            unread=n.read_at is None,
            open_url=reverse("notification-open", args=[n.pk]),
        )
        for n in notifications
    ]
