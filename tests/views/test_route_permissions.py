"""Every route declares its permission: each page through @permission_required, each API action
in its view's permission_for_action, read by the one permission class. A route added without
one fails here (and, deny by default, the API refuses it anyway)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.settings import api_settings

from annotations.api.permissions import HasPermission
from annotations.permissions import ALL_PERMISSIONS, PermissionName

Route = tuple[str, URLPattern]


def routes(patterns: list | None = None, prefix: str = "") -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def api_routes() -> list[Route]:
    return [(path, entry) for path, entry in routes() if path.startswith("api/v1/")]


def page_routes() -> list[Route]:
    # The back office is Django's admin, guarded by its own staff and model permissions.
    return [(path, entry) for path, entry in routes() if not path.startswith(("api/v1/", "admin/"))]


def test_every_page_declares_a_permission_from_the_map():
    undeclared = [
        path
        for path, entry in page_routes()
        if getattr(entry.callback, "permission", None) not in ALL_PERMISSIONS
    ]

    assert len(page_routes()) >= 20  # the pages of annotations.urls, the account and public ones
    assert undeclared == []


def _declared_actions(entry: URLPattern) -> tuple[type, list[str]]:
    view = entry.callback.cls
    actions = getattr(entry.callback, "actions", None)
    if actions:  # a viewset route: {"get": "list", "post": "create"}
        return view, sorted(set(actions.values()))
    handled = [m for m in view.http_method_names if m not in ("head", "options")]
    return view, [m for m in handled if hasattr(view, m)]


def test_every_api_action_declares_a_permission_from_the_map():
    undeclared = []
    for path, entry in api_routes():
        view, actions = _declared_actions(entry)
        classes = getattr(view, "permission_classes", api_settings.DEFAULT_PERMISSION_CLASSES)
        declared = getattr(view, "permission_for_action", {})
        if list(classes) != [HasPermission]:
            undeclared.append((path, "permission_classes"))
        undeclared += [
            (path, action)
            for action in actions
            if not isinstance(declared.get(action), PermissionName)
        ]

    assert len(api_routes()) >= 20
    assert undeclared == []
