"""The back office's claims across articles: claims, their links to units and external
fact-checks, read here with their history. Links change through the services
(services.claims: link, unlink, undo), which record who changed what; an edit or delete here
would bypass that, so there is none."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from annotations.admin.base import HistoryNotRevertible
from annotations.models import Claim, ClaimLink, ExternalFactCheck


class ReadHere:
    """Written by the services only: no add, change or delete pages."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(ReadHere, HistoryNotRevertible, SimpleHistoryAdmin):
    list_display = ["__str__", "created_by", "created"]
    search_fields = ["text"]
    list_select_related = ["created_by"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(ReadHere, HistoryNotRevertible, SimpleHistoryAdmin):
    list_display = ["unit", "claim", "relation", "linked_by", "linked_at"]
    list_filter = ["relation"]
    search_fields = ["claim__text", "unit__article__title"]
    list_select_related = ["unit", "claim", "linked_by"]


@admin.register(ExternalFactCheck)
class ExternalFactCheckAdmin(ReadHere, admin.ModelAdmin):
    list_display = ["__str__", "publisher_name", "rating_text", "date_published", "imported_at"]
    list_filter = ["publisher_name", "language"]
    search_fields = ["claim_text", "claimant", "url"]
