"""Webhooks under /api/v1/webhooks/: an editor registers receivers for verdict events, reads
their delivery log, sends a test event, disables, enables and rotates the secret. The secret
is in the answer to the creation and to a rotation, and never again."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.errors import ID_PATTERN
from annotations.api.fields import NameField
from annotations.api.query import StrictQueryParameters
from annotations.api.responses import created
from annotations.api.serializers import HttpUrlField
from annotations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.webhooks import webhook_deliveries, webhooks_of
from annotations.services import webhooks


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookSubscription.Event.choices), read_only=True
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_enabled",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created",
            "secret_rotated_at",
        ]
        read_only_fields = fields


class IssuedWebhookSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="The signing secret: shown once, in this answer only. Store it now.",
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookInputSerializer(serializers.Serializer):
    url = HttpUrlField(help_text="The receiver: an http(s) URL.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookSubscription.Event.choices),
        min_length=1,
        max_length=len(WebhookSubscription.Event.values),
    )
    description = NameField(max_length=200, allow_blank=True, default="")


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["number", "started_at", "duration_ms", "succeeded", "response_code", "error"]
        read_only_fields = fields


class WebhookDeliverySerializer(serializers.ModelSerializer):
    attempt_log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event_type",
            "verdict",
            "status",
            "attempts",
            "next_attempt_at",
            "created",
            "delivered_at",
            "attempt_log",
        ]
        read_only_fields = fields


class WebhookViewSet(
    StrictQueryParameters,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """My webhooks: receivers of signed verdict events (docs/webhooks.md)."""

    permission_for_action = dict.fromkeys(
        [
            "list",
            "retrieve",
            "create",
            "destroy",
            "deliveries",
            "test",
            "enable",
            "disable",
            "rotate_secret",
        ],
        Permission.Webhook.MANAGE,
    )
    serializer_class = WebhookSerializer
    lookup_value_regex = ID_PATTERN
    queryset = WebhookSubscription.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        return webhooks_of(self.request.user)

    def _issued(self, issued: webhooks.IssuedSubscription) -> dict[str, Any]:
        return {**WebhookSerializer(issued.subscription).data, "secret": issued.secret}

    @extend_schema(request=WebhookInputSerializer, responses={201: IssuedWebhookSerializer})
    def create(self, request: Request) -> Response:
        data = WebhookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        issued = webhooks.webhook_subscription_create(
            editor=request_user(request),
            url=data.validated_data["url"],
            events=data.validated_data["events"],
            description=data.validated_data["description"],
        )
        return created(request, self._issued(issued), "webhook-detail", issued.subscription.pk)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the webhook and its delivery log."""
        webhooks.webhook_subscription_delete(
            editor=request_user(request), subscription_id=self.get_object().pk
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: WebhookDeliverySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """The latest deliveries (at most 50), newest first, each with its attempts."""
        return Response(
            WebhookDeliverySerializer(webhook_deliveries(self.get_object()), many=True).data
        )

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    @action(detail=True, methods=["post"])
    def test(self, request: Request, pk: str | None = None) -> Response:
        """Send a `webhook.test` event now (once, not retried); its outcome is in the log."""
        delivery = webhooks.webhook_test_send(
            editor=request_user(request), subscription_id=self.get_object().pk
        )
        delivery.refresh_from_db()
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={200: WebhookSerializer})
    @action(detail=True, methods=["post"])
    def disable(self, request: Request, pk: str | None = None) -> Response:
        subscription = webhooks.webhook_subscription_disable(
            editor=request_user(request), subscription_id=self.get_object().pk
        )
        return Response(WebhookSerializer(subscription).data)

    @extend_schema(request=None, responses={200: WebhookSerializer})
    @action(detail=True, methods=["post"])
    def enable(self, request: Request, pk: str | None = None) -> Response:
        """Send again; deliveries that waited while it was disabled go out now."""
        subscription = webhooks.webhook_subscription_enable(
            editor=request_user(request), subscription_id=self.get_object().pk
        )
        return Response(WebhookSerializer(subscription).data)

    @extend_schema(request=None, responses={200: IssuedWebhookSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        """A new secret, in this answer only; the old one also signs for a day."""
        issued = webhooks.webhook_secret_rotate(
            editor=request_user(request), subscription_id=self.get_object().pk
        )
        return Response(self._issued(issued))
