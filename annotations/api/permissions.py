"""The API's one permission class: each view declares the permission of each of its actions.

A viewset names its actions (`{"list": Permission.Article.READ, "create": ...}`), a plain view
its HTTP methods (`{"get": ..., "post": ...}`), in `permission_for_action`. An action it does not
name is refused: deny by default, as the map is. The check is the route-level one
(`permissions.can` without an object); the objects themselves are scoped by the querysets
(permissions' visibility filters) and checked again by the services' `require`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from annotations.permissions import PermissionName, can, denial

if TYPE_CHECKING:
    # Not at run time: rest_framework.views imports this module for its default permission.
    from rest_framework.views import APIView

PermissionForAction = Mapping[str, PermissionName]


def declared_permission(view: APIView, method: str) -> PermissionName | None:
    """The permission `view` declares for the request's action (or HTTP method), if any."""
    declared: PermissionForAction = getattr(view, "permission_for_action", {})
    action = getattr(view, "action", None) or method.lower()
    return declared.get("get" if action == "head" else action)


class HasPermission(BasePermission):
    """Grants what the view's declared permission grants, refusing with the map's words."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        method = (request.method or "").lower()
        if getattr(view, "action", None) is None and (
            method == "options" or not hasattr(view, method)
        ):
            # OPTIONS describes the endpoint, and a method it does not handle gets its 405:
            # whoever may use one of its actions may learn either.
            declared = getattr(view, "permission_for_action", {}).values()
            return any(can(request.user, permission) for permission in declared)
        permission = declared_permission(view, method)
        if permission is None:
            self.message = "This action declares no permission."
            return False
        if can(request.user, permission):
            return True
        refused = denial(request.user, permission)
        self.message, self.code = str(refused.message), refused.code
        return False
