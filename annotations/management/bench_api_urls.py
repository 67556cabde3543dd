"""The benchmark's URLconf (see bench_api_settings): the desk's URLs, plus a bare DRF
ModelViewSet creating the same annotation rows, the baseline `manage.py bench_api` compares the
desk's POST /api/v1/annotations/ with. It validates nothing beyond the model's fields."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions, routers, serializers, viewsets

from annotations.models import Annotation, VerdictLabel
from factcheck.urls import handler404  # noqa: F401 (the desk's 404 page here too)
from factcheck.urls import urlpatterns as desk_urlpatterns

PLAIN_PREFIX = "bench/plain-annotations"


class PlainAnnotationSerializer(serializers.ModelSerializer):
    verdict = serializers.SlugRelatedField(slug_field="slug", queryset=VerdictLabel.objects.all())

    class Meta:
        model = Annotation
        fields = [
            "id",
            "article",
            "reviewer",
            "kind",
            "exact",
            "prefix",
            "suffix",
            "start",
            "end",
            "verdict",
            "rationale",
            "created",
        ]
        read_only_fields = ["reviewer", "created"]


class PlainAnnotationViewSet(viewsets.ModelViewSet):
    queryset = Annotation.objects.all()
    serializer_class = PlainAnnotationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def perform_create(self, serializer: Any) -> None:
        serializer.save(reviewer=self.request.user)


router = routers.SimpleRouter()
router.register(PLAIN_PREFIX, PlainAnnotationViewSet, basename="bench-plain-annotation")

urlpatterns = [*router.urls, *desk_urlpatterns]
