"""The desk's agreement figures under /api/v1/agreement/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import selectors
from annotations.api.query import (
    StrictQueryParameters,
)
from annotations.permissions import Permission
from annotations.services.agreement import desk_agreement_request


class DeskAgreementView(StrictQueryParameters, APIView):
    """Desk-wide agreement (editors). POST asks for a fresh computation."""

    permission_for_action = {
        "get": Permission.Agreement.READ,
        "post": Permission.Agreement.RECOMPUTE,
    }

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(selectors.desk_agreement_payload())

    @extend_schema(request=None, responses={202: dict})
    def post(self, request: Request) -> Response:
        queued = desk_agreement_request()
        return Response({"queued": queued}, status=status.HTTP_202_ACCEPTED)
