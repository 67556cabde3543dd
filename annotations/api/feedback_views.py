"""A reviewer's own feedback figures under /api/v1/feedback/ (the pages show the same)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.api.feedback_serializers import FeedbackSerializer
from annotations.api.query import StrictQueryParameters
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.feedback import feedback_payload


class FeedbackView(StrictQueryParameters, APIView):
    """The requesting reviewer's figures against the final verdicts, by month, and Cohen's
    kappa with each colleague (reviewers only; editors read any reviewer's on the pages)."""

    permission_for_action = {"get": Permission.Feedback.READ_OWN}

    @extend_schema(responses={200: FeedbackSerializer})
    def get(self, request: Request) -> Response:
        return Response(FeedbackSerializer(feedback_payload(request_user(request))).data)
