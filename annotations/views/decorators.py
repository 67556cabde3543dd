"""The pages' one permission check: `@permission_required(Permission.X)` on every page view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from annotations.permissions import PermissionName, can, denial

View = Callable[..., HttpResponseBase]  # function views and as_view()'s alike


def permission_required(
    permission: PermissionName, *, hide: bool = False
) -> Callable[[View], View]:
    """Let through the users the map grants `permission` (checked before the page loads its
    object, as `permissions.can` without one); send anyone else who is not logged in to log
    in, as `login_required` does, and refuse the rest with a 403.

    `hide`: refuse with a 404 instead, for pages of objects the user may not know exist (an
    article page for someone with no role on the desk).

    The permission is kept on the view (`view.permission`), where
    tests/views/test_route_permissions.py finds every page's.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not can(request.user, permission):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if hide:
                    raise Http404("No such page.")
                raise PermissionDenied(str(denial(request.user, permission).message))
            return view(request, *args, **kwargs)

        guarded.permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorator
