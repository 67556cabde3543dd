"""Revisions of articles and the highlights they left behind, under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.errors import ID_PATTERN
from annotations.api.query import IdFilter, StrictFilterSet, StrictQueryParameters
from annotations.api.serializers import OrphanSerializer, ReattachInputSerializer
from annotations.models import AnnotationAnchor
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.revisions import anchors_resolvable_by, orphans_visible_to
from annotations.services.annotations import TargetInput
from annotations.services.revisions import orphan_confirm_gone, orphan_reattach


class OrphanFilter(StrictFilterSet):
    article = IdFilter(field_name="revision__article_id")

    class Meta:
        model = AnnotationAnchor
        fields = ["article"]


class OrphanViewSet(StrictQueryParameters, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The re-attach list: highlights that could not be placed on the latest revision of their
    article. Reviewers see their own, editors everyone's; either re-attaches or confirms gone."""

    # The list holds the orphans the user may resolve.
    permission_for_action = dict.fromkeys(["list", "gone", "reattach"], Permission.Orphan.RESOLVE)
    serializer_class = OrphanSerializer
    filterset_class = OrphanFilter
    filter_backends = [DjangoFilterBackend]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[AnnotationAnchor]:
        if self.action == "list":
            return orphans_visible_to(self.request.user)
        return anchors_resolvable_by(self.request.user)

    @extend_schema(request=None, responses={200: OrphanSerializer})
    @action(detail=True, methods=["post"])
    def gone(self, request: Request, pk: str | None = None) -> Response:
        """Confirm the highlighted passage is no longer in the article."""
        anchor = orphan_confirm_gone(anchor=self.get_object(), actor=request_user(request))
        return Response(OrphanSerializer(self.get_queryset().get(pk=anchor.pk)).data)

    @extend_schema(request=ReattachInputSerializer, responses={200: OrphanSerializer})
    @action(detail=True, methods=["post"])
    def reattach(self, request: Request, pk: str | None = None) -> Response:
        """Re-attach the highlight to a passage of the latest revision (code point offsets)."""
        serializer = ReattachInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target: dict[str, Any] = serializer.validated_data["target"]
        anchor = orphan_reattach(
            anchor=self.get_object(), actor=request_user(request), target=TargetInput(**target)
        )
        return Response(OrphanSerializer(self.get_queryset().get(pk=anchor.pk)).data)
