"""The back office's discussion and notifications: read, never written here. Comments are
written on the desk's pages (their author edits them for a short while; history keeps each
version); notifications by the notification tasks; preferences by their owner."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from annotations.admin.base import HistoryNotRevertible, ReadOnlyAdmin
from annotations.models import Comment, Notification, NotificationPreference


@admin.register(Comment)
class CommentAdmin(HistoryNotRevertible, ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "author", "note_of", "created", "edited"]
    list_filter = ["note_of"]
    list_select_related = ["author"]
    search_fields = ["body", "author__username"]
    raw_id_fields = ["article", "unit", "author"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["summary", "recipient", "kind", "created", "read_at", "emailed_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["summary", "recipient__username", "dedupe_key"]
    raw_id_fields = ["recipient", "actor"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "delivery", "email_kinds"]
    list_select_related = ["user"]
