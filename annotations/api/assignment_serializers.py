"""Serializers for assignments: explicit fields, input apart."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from rest_framework import serializers

from annotations.api.fields import StrictCharField
from annotations.models import Assignment


class AssignInputSerializer(serializers.Serializer):
    reviewers = serializers.ListField(
        child=StrictCharField(max_length=150), min_length=1, max_length=50
    )
    due_on = serializers.DateField(required=False, allow_null=True, default=None)

    def validate_reviewers(self, usernames: list[str]) -> list[Any]:
        users = list(get_user_model().objects.filter(username__in=usernames))
        missing = sorted(set(usernames) - {user.get_username() for user in users})
        if missing:
            raise serializers.ValidationError(f"No such users: {', '.join(missing)}.")
        return users


class AssignmentSerializer(serializers.ModelSerializer):
    article_title = serializers.CharField(source="article.title", read_only=True)
    reviewer: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    assigned_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    review_status = serializers.CharField(read_only=True, allow_null=True, default=None)
    annotation_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "article",
            "article_title",
            "reviewer",
            "assigned_by",
            "due_on",
            "created",
            "review_status",
            "annotation_count",
        ]
        read_only_fields = fields
