"""`/api/v1/auth/token/`: log in with a username and password for a login token, or log out."""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import renderers, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.api.query import StrictQueryParameters
from annotations.errors import DomainError
from annotations.models import PersonalToken
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.services.tokens import login_token_create, personal_token_revoke

LoginTokenSerializer = inline_serializer(
    "LoginToken",
    {"token": serializers.CharField(help_text="`Authorization: Token <token>`; shown once.")},
)


class TokenView(StrictQueryParameters, APIView):
    """POST: a login token for a username and password (a locked-out username gets a clear
    429). DELETE: log out, revoking the token the request presents."""

    # Logins are limited by django-axes' lockout, as DRF's ObtainAuthToken left them.
    throttle_classes = ()
    # The desk's parsers (a depth-limited JSON parser among them), as every other view has.
    parser_classes = APIView.parser_classes
    renderer_classes = (renderers.JSONRenderer,)

    permission_for_action = {
        "post": Permission.Account.LOG_IN,
        "delete": Permission.Account.USE,
    }

    @extend_schema(request=AuthTokenSerializer, responses={200: LoginTokenSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A body that is not an object reaches the serializer, which answers with a 400.
        username = request.data.get("username", "") if isinstance(request.data, dict) else ""
        if AxesProxyHandler.is_locked(request._request, {"username": str(username)}):
            return Response(
                {
                    "detail": "Too many failed logins for this account; try again later.",
                    "code": "locked_out",
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        credentials = AuthTokenSerializer(data=request.data, context={"request": request})
        credentials.is_valid(raise_exception=True)
        issued = login_token_create(user=credentials.validated_data["user"])
        return Response({"token": issued.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not isinstance(request.auth, PersonalToken):
            raise DomainError(
                gettext(
                    "Log out of the API with the token to revoke: `Authorization: Token fc_…`."
                ),
                code="no_token",
            )
        personal_token_revoke(user=request_user(request), token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
