"""Personal API tokens: a user lists, creates and revokes their own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.errors import ID_PATTERN
from annotations.api.fields import NameField
from annotations.api.query import StrictQueryParameters
from annotations.api.responses import created
from annotations.models import PersonalToken
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.services.tokens import personal_token_create, personal_token_revoke


class PersonalTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonalToken
        fields = ["id", "name", "kind", "prefix", "created", "last_used_at", "revoked_at"]
        read_only_fields = fields


class IssuedTokenSerializer(PersonalTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="Shown once: store it now.")

    class Meta(PersonalTokenSerializer.Meta):
        fields = [*PersonalTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


class TokenInputSerializer(serializers.Serializer):
    name = NameField(max_length=100)


class PersonalTokenViewSet(
    StrictQueryParameters, mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """My API tokens (`Authorization: Token fc_…`): personal ones, made here, and login
    tokens from `POST /api/v1/auth/token/`."""

    permission_for_action = dict.fromkeys(["list", "create", "destroy"], Permission.Account.USE)
    serializer_class = PersonalTokenSerializer
    lookup_value_regex = ID_PATTERN

    queryset = PersonalToken.objects.none()  # for the schema; get_queryset scopes to the user

    def get_queryset(self) -> QuerySet[PersonalToken]:
        if not self.request.user.is_authenticated:
            return PersonalToken.objects.none()
        return PersonalToken.objects.filter(user=self.request.user)

    @extend_schema(request=TokenInputSerializer, responses={201: IssuedTokenSerializer})
    def create(self, request: Request) -> Response:
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        issued = personal_token_create(user=request_user(request), name=data.validated_data["name"])
        body = {**PersonalTokenSerializer(issued.token).data, "key": issued.key}
        return created(request, body, "token-detail", issued.token.pk)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Revoke the token (kept in the list, marked revoked)."""
        personal_token_revoke(user=request_user(request), token_id=self.get_object().pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
