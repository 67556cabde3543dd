from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from annotations.permissions import Permission, can


def desk(request: HttpRequest) -> dict[str, object]:
    """The desk's name and what the user may do, for the page header's links."""
    return {
        "desk_name": settings.DESK_NAME,
        # The editors' desk: the queue, the agreement dashboard, imports.
        "user_is_editor": can(request.user, Permission.Unit.ADJUDICATE),
        "user_can_annotate": can(request.user, Permission.Annotation.CREATE),
        # The desk's members: other fact-checkers' reviews (editors import them from that page).
        "user_reads_claims": can(request.user, Permission.Claim.READ),
        "user_can_search": can(request.user, Permission.Search.READ),
    }
