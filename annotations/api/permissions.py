"""API permissions: a small explicit map, deny by default. Querysets do the per-object scoping."""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from annotations import roles


class IsDeskMember(BasePermission):
    """Reviewers, editors and admins; a logged-in user with no role sees nothing."""

    message = "You are not a member of this desk."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.is_desk_member(request.user)


class CanImportArticles(BasePermission):
    """Only editors and admins import articles; everyone on the desk reads them."""

    message = "Only editors import articles."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        if getattr(view, "action", None) in ("submit", "pick_up"):
            return True
        return roles.is_editor(request.user)


class IsEditor(BasePermission):
    """Editors and admins: agreement figures and, later, the review queue."""

    message = "Only editors can see this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.is_editor(request.user)
