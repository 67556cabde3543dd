"""A reviewer's assignments under /api/v1/assignments/."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, viewsets

from annotations import selectors
from annotations.api.assignment_serializers import AssignmentSerializer
from annotations.api.query import (
    StrictQueryParameters,
)


class AssignmentViewSet(StrictQueryParameters, mixins.ListModelMixin, viewsets.GenericViewSet):
    """My assignments (a reviewer's inbox), with each review's progress."""

    serializer_class = AssignmentSerializer

    def get_queryset(self) -> Any:
        return selectors.assignments_of(self.request.user)
