"""Serializers for discussion threads and notifications: explicit fields, read-only output;
input serializers name exactly what a client sends."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from annotations.api.fields import FreeTextField, StrictIntegerField
from annotations.core.comments import MAX_LENGTH, comment_render
from annotations.models import Comment, Notification
from annotations.presenters.notifications import notification_target_url
from annotations.selectors.notification_wording import SummaryWording


class CommentSerializer(serializers.ModelSerializer[Comment]):
    """A comment: its text as typed (`body`) and as the desk shows it (`html`: Markdown-like,
    sanitised; `@name` mentions marked)."""

    author = serializers.CharField(source="author.username", read_only=True)
    html = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "article", "unit", "author", "body", "html", "note_of", "created", "edited"]
        read_only_fields = fields

    def get_html(self, comment: Comment) -> str:
        return comment_render(comment.body, self.context.get("mentionable", {})).html


class CommentWrittenSerializer(CommentSerializer):
    """A comment as the request that wrote it (added or edited) answers: also the `@names` in
    it that name nobody who reads the thread, so nobody was notified for them (the pages say
    so too). The view gives them in the context (`unknown_mentions`)."""

    unknown_mentions = serializers.SerializerMethodField()

    class Meta(CommentSerializer.Meta):
        fields = [*CommentSerializer.Meta.fields, "unknown_mentions"]
        read_only_fields = fields

    def get_unknown_mentions(self, comment: Comment) -> list[str]:
        return list(self.context.get("unknown_mentions", []))


class CommentCreateSerializer(serializers.Serializer):
    """A new comment in the thread of a unit or of an article (exactly one of the two)."""

    unit = StrictIntegerField(min_value=1, max_value=2**63 - 1, required=False)
    article = StrictIntegerField(min_value=1, max_value=2**63 - 1, required=False)
    body = FreeTextField(max_length=MAX_LENGTH)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("unit" in attrs) == ("article" in attrs):
            raise serializers.ValidationError(
                {"unit": ["Give either a unit or an article: the thread to comment in."]}
            )
        return attrs


class CommentEditSerializer(serializers.Serializer):
    body = FreeTextField(max_length=MAX_LENGTH)


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    """One of the user's notifications; `url` is the desk page it leads to, `summary` is worded
    in the request's language."""

    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)
    summary = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    _wording: SummaryWording | None = None

    class Meta:
        model = Notification
        fields = ["id", "kind", "summary", "actor", "url", "created", "read_at", "emailed_at"]
        read_only_fields = fields

    def get_url(self, notification: Notification) -> str:
        return notification_target_url(notification)

    def get_summary(self, notification: Notification) -> str:
        # One wording for the response (a list's rows share one child serializer): the scale's
        # names are read once, whatever the number of rows.
        if self._wording is None:
            self._wording = SummaryWording()
        return self._wording(notification)


class NotificationsReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread.")
