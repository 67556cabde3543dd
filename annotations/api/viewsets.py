"""The shape most of the desk's resources share: a list and a detail, with ETags and a query
string that refuses what it does not know."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from annotations.api.etags import ETagMixin
from annotations.api.query import StrictQueryParameters


class DeskReadViewSet(
    StrictQueryParameters,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List and retrieve; each subclass names its permissions, queryset and serializers."""
