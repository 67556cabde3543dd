"""Reads for notifications: one's own, newest first, and the unread count for the header bell;
one's e-mail preferences, with the defaults for someone who never set any."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from annotations.models import Notification, NotificationPreference
from annotations.permissions import own_notifications

ALL_KINDS: tuple[str, ...] = tuple(Notification.Kind.values)


def notifications_of(user: User | AnonymousUser) -> QuerySet[Notification]:
    """The user's notifications, newest first, each with its target (one query per kind of
    target, whatever the number of rows) and who caused it."""
    return (
        own_notifications(user, Notification.objects.all())
        .select_related("actor", "target_type")
        .prefetch_related("target")
        .order_by("-created", "-id")
    )


def unread_count(user: User | AnonymousUser) -> int:
    return own_notifications(user, Notification.objects.filter(read_at=None)).count()


def notification_of(user: User | AnonymousUser, notification_id: int) -> Notification | None:
    """One of the user's notifications, with its target; None if not theirs or gone."""
    return notifications_of(user).filter(pk=notification_id).first()


@dataclass(frozen=True)
class Preferences:
    email_kinds: list[str]
    delivery: str


def notification_preferences_of(user: User) -> Preferences:
    """The user's e-mail preferences; every kind, at once, if they never chose."""
    stored = NotificationPreference.objects.filter(user=user).first()
    if stored is None:
        return Preferences(list(ALL_KINDS), NotificationPreference.Delivery.IMMEDIATE)
    return Preferences(list(stored.email_kinds), stored.delivery)
