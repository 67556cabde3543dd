from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from annotations.permissions import Permission, can
from annotations.selectors.notifications import unread_count


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
        # Feedback: a reviewer's own page; editors who do not review go to the reviewers' list.
        "user_reads_own_feedback": can(request.user, Permission.Feedback.READ_OWN),
        "user_reads_feedback": can(request.user, Permission.Feedback.READ_ANY),
    }


def notifications(request: HttpRequest) -> dict[str, object]:
    """The header bell's unread count, counted only when a page shows the bell (a callable:
    templates call it once, on use)."""
    if not request.user.is_authenticated:
        return {}
    user = request.user

    def unread() -> int:
        return unread_count(user)

    return {"notifications_unread": unread}
