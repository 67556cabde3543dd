"""Reads for webhooks: an editor's own subscriptions, and each one's delivery log."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, QuerySet

from annotations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from annotations.permissions import own_webhooks

DELIVERY_LOG_LENGTH = 50


def webhooks_of(user: User | AnonymousUser) -> QuerySet[WebhookSubscription]:
    """The webhooks the user registered, newest first; none for anyone but an editor."""
    return own_webhooks(user, WebhookSubscription.objects.all()).order_by("-created", "-id")


def webhook_of(user: User | AnonymousUser, subscription_id: int) -> WebhookSubscription | None:
    """One of the user's webhooks; None if not theirs or gone."""
    return webhooks_of(user).filter(pk=subscription_id).first()


def webhook_deliveries(
    subscription: WebhookSubscription, *, limit: int = DELIVERY_LOG_LENGTH
) -> list[WebhookDelivery]:
    """The subscription's latest deliveries, newest first, each with its attempts (newest
    first): two queries whatever the number of rows."""
    attempts = Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("-number", "-id"))
    return list(
        WebhookDelivery.objects.filter(subscription=subscription)
        .order_by("-created", "-id")
        .prefetch_related(attempts)[:limit]
    )
