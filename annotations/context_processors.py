from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from annotations import roles


def desk(request: HttpRequest) -> dict[str, object]:
    """The desk's name and the user's roles, for the page header."""
    return {
        "desk_name": settings.DESK_NAME,
        "user_is_editor": roles.is_editor(request.user),
        "user_can_annotate": roles.can_annotate(request.user),
    }
