"""A reviewer's assignments under /api/v1/assignments/."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, viewsets

from annotations import selectors
from annotations.api.assignment_serializers import AssignmentSerializer
from annotations.api.query import (
    StrictQueryParameters,
)
from annotations.permissions import Permission


class AssignmentViewSet(StrictQueryParameters, mixins.ListModelMixin, viewsets.GenericViewSet):
    """My assignments (a reviewer's inbox), with each review's progress."""

    serializer_class = AssignmentSerializer
    # Anyone logged in lists their own: an empty list without any.
    permission_for_action = {"list": Permission.Assignment.LIST}

    def get_queryset(self) -> Any:
        return selectors.assignments_of(self.request.user)
