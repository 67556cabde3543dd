"""The desk's roles as Django groups, and which of them a user holds.

Who may do what is answered by annotations.permissions alone, from these lookups.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q


class Role(StrEnum):
    REVIEWER = "reviewer"
    EDITOR = "editor"
    ADMIN = "admin"


def _group_names(user: User | AnonymousUser) -> set[str]:
    # Cached on the user object: a page asks several times per request.
    cached = getattr(user, "_factcheck_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._factcheck_group_names = cached  # type: ignore[union-attr]  # our cache, see above  # type: ignore[union-attr]  # our cache, see above
    return cached


def is_admin(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or Role.ADMIN in _group_names(user)))


def is_editor(user: User | AnonymousUser) -> bool:
    """Holders of the editor role, and admins, who hold every editor's permission."""
    return is_admin(user) or Role.EDITOR in _group_names(user)


def is_reviewer(user: User | AnonymousUser) -> bool:
    return Role.REVIEWER in _group_names(user) if user.is_authenticated else False


def role_names(user: User | AnonymousUser) -> list[str]:
    return [
        role.value
        for role in Role
        if role in _group_names(user)
        or (role is Role.ADMIN and user.is_authenticated and user.is_superuser)
    ]


def holders_q(*held: Role) -> Q:
    """A filter on users holding any of the roles `held` (admins hold the editor's role too,
    as is_editor says; superusers are admins)."""
    names = {role.value for role in held}
    if Role.EDITOR in held:
        names.add(Role.ADMIN.value)
    condition = Q(groups__name__in=sorted(names))
    if Role.EDITOR in held or Role.ADMIN in held:
        condition |= Q(is_superuser=True)
    return condition
