"""Appearances to review under /api/v1/appearances/: sentences of articles that restate a claim
the desk or another fact-checker checked, found by the recurrence scan; editors confirm or
dismiss them."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.appearance_serializers import AppearanceSerializer
from annotations.api.errors import ID_PATTERN
from annotations.api.query import IdFilter, StrictFilterSet, StrictQueryParameters
from annotations.models import SuggestedAppearance
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.appearances import (
    appearance_rows,
    appearances_reviewable,
    appearances_visible_to,
)
from annotations.services import recurrence


class AppearanceFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=SuggestedAppearance.Status.choices)
    article = IdFilter(field_name="article_id")

    class Meta:
        model = SuggestedAppearance
        fields = ["status", "article"]


class AppearanceViewSet(StrictQueryParameters, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Appearances to review on the articles' latest revisions, newest article first."""

    permission_for_action = dict.fromkeys(
        ["list", "confirm", "dismiss"], Permission.Appearance.REVIEW
    )
    serializer_class = AppearanceSerializer
    filterset_class = AppearanceFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[SuggestedAppearance]:
        if self.action in ("confirm", "dismiss"):
            # Any revision's: one on a superseded revision gets the service's 409, not a 404.
            return appearances_reviewable(self.request.user)
        return appearances_visible_to(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = appearance_rows(list(page if page is not None else queryset))
        data = AppearanceSerializer(rows, many=True, context={"request": request}).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _answer(self, request: Request, appearance: SuggestedAppearance) -> Response:
        (row,) = appearance_rows([appearance])
        return Response(AppearanceSerializer(row, context={"request": request}).data)

    @extend_schema(request=None, responses={200: AppearanceSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        """The sentence states the claim: its unit (found on the span, or made) is linked
        "same" to it, and the article becomes one of the claim's appearances. 409
        `appearance_resolved` if it was confirmed or dismissed already."""
        appearance = recurrence.appearance_confirm(
            appearance=self.get_object(), editor=request_user(request)
        )
        return self._answer(request, appearance)

    @extend_schema(request=None, responses={200: AppearanceSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        """The sentence does not state the claim; a rescan will not suggest it again. 409
        `appearance_resolved` if it was confirmed or dismissed already."""
        appearance = recurrence.appearance_dismiss(
            appearance=self.get_object(), editor=request_user(request)
        )
        return self._answer(request, appearance)
