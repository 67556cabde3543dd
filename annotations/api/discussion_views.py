"""Discussion threads and notifications in the API: /api/v1/comments/ (a thread's comments,
add one, edit one's own for a while) and /api/v1/notifications/ (one's own; mark read)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.discussion_serializers import (
    CommentCreateSerializer,
    CommentEditSerializer,
    CommentSerializer,
    CommentWrittenSerializer,
    NotificationSerializer,
    NotificationsReadSerializer,
)
from annotations.api.errors import ID_PATTERN
from annotations.api.query import IdFilter, StrictFilterSet, StrictQueryParameters
from annotations.api.responses import created
from annotations.models import Article, ClaimUnit, Comment, Notification
from annotations.permissions import Permission, visible_comments
from annotations.request_user import request_user
from annotations.selectors.discussion import (
    mentions_unknown,
    thread_article,
    thread_mentionable,
    thread_unit,
)
from annotations.selectors.notifications import notifications_of
from annotations.services import discussion, notifications


class CommentFilter(StrictFilterSet):
    unit = IdFilter(field_name="unit_id")
    article = IdFilter(field_name="article_id")

    class Meta:
        model = Comment
        fields = ["unit", "article"]


class CommentViewSet(
    StrictQueryParameters, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Comments of the threads the user may read (editors; reviewers once they have submitted
    their review of the article), oldest first. `?unit=` is a unit's thread; `?article=` an
    article's comments, on it and on its units."""

    permission_for_action = {
        "list": Permission.Discussion.READ,
        "retrieve": Permission.Discussion.READ,
        "create": Permission.Discussion.COMMENT,
        "partial_update": Permission.Discussion.EDIT,
    }
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Comment]:
        comments = Comment.objects.select_related("author").order_by("created", "id")
        return visible_comments(self.request.user, comments)

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        article = self.request.query_params.get("article")
        if article and article.isdigit():
            context["mentionable"] = thread_mentionable(int(article))
        return context

    def _answer(self, comment: Comment, status_code: int = status.HTTP_200_OK) -> Response:
        context = {
            "mentionable": thread_mentionable(comment.article_id),
            "unknown_mentions": mentions_unknown(comment.article_id, comment.body),
        }
        return Response(CommentWrittenSerializer(comment, context=context).data, status=status_code)

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentWrittenSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a comment to a unit's or an article's thread; `@name` mentions notify."""
        given = CommentCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        thread: Article | ClaimUnit | None = (
            thread_unit(data["unit"]) if "unit" in data else thread_article(data["article"])
        )
        if thread is None:
            raise NotFound("No such unit or article.")
        comment = discussion.comment_post(
            author=request_user(request), thread=thread, body=data["body"]
        )
        answer = self._answer(comment)
        return created(request, answer.data, "comment-detail", comment.pk)

    @extend_schema(request=CommentEditSerializer, responses={200: CommentWrittenSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change one's own comment, within 15 minutes of posting it (403 after)."""
        given = CommentEditSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        comment = discussion.comment_edit(
            author=request_user(request),
            comment=self.get_object(),
            body=given.validated_data["body"],
        )
        return self._answer(comment)


class NotificationFilter(StrictFilterSet):
    # "true" or "false" only: django-filter's BooleanFilter takes "null" (and more) as "no filter".
    unread = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="unread_only"
    )

    def unread_only(
        self, queryset: QuerySet[Notification], name: str, value: str
    ) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=value == "true")

    class Meta:
        model = Notification
        fields = ["unread"]


class NotificationViewSet(StrictQueryParameters, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The user's notifications, newest first (`?unread=true`: unread only)."""

    permission_for_action = dict.fromkeys(
        ["list", "read", "read_all"], Permission.Notification.READ
    )
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Notification]:
        return notifications_of(self.request.user)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        """Mark the notification read (again: no change)."""
        notifications.notification_mark_read(
            user=request_user(request), notification_id=int(pk or 0)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: NotificationsReadSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        """Mark every unread notification read; how many there were."""
        marked = notifications.notifications_mark_all_read(user=request_user(request))
        return Response(NotificationsReadSerializer({"marked": marked}).data)
