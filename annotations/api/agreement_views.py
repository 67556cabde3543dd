"""The desk's agreement figures under /api/v1/agreement/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import selectors
from annotations.api.agreement_serializers import (
    AgreementQueuedSerializer,
    DeskAgreementSerializer,
)
from annotations.api.query import StrictQueryParameters
from annotations.permissions import Permission
from annotations.services.agreement import desk_agreement_request


class DeskAgreementView(StrictQueryParameters, APIView):
    """Desk-wide agreement (editors). POST asks for a fresh computation."""

    permission_for_action = {
        "get": Permission.Agreement.READ,
        "post": Permission.Agreement.RECOMPUTE,
    }

    @extend_schema(responses={200: DeskAgreementSerializer})
    def get(self, request: Request) -> Response:
        return Response(DeskAgreementSerializer(selectors.desk_agreement_payload()).data)

    @extend_schema(request=None, responses={202: AgreementQueuedSerializer})
    def post(self, request: Request) -> Response:
        queued = desk_agreement_request()
        return Response(
            AgreementQueuedSerializer({"queued": queued}).data, status=status.HTTP_202_ACCEPTED
        )
