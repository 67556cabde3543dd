"""The fast lane's records (docs/review-queue.md): what an editor confirms, and what became of
each unit. Plain data, shared by the service that confirms, the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# The most units one action confirms: a page of the Ready lane at its largest, and what the
# benchmark (bench_queue) holds under two seconds on PostgreSQL.
FAST_CONFIRM_MAX = 1000


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    STALE = "stale"  # changed since the editor saw it: reload and look again
    NOT_READY = "not_ready"  # no longer ready (decided, a reviewer changed it, the rules moved)
    NOT_FOUND = "not_found"  # no such unit on this desk
    # Not published: its claim has the desk's published fact check already (linked "same"),
    # which lists this article among its appearances; a second would say it twice.
    CHECKED_BEFORE = "checked_before"


def gettext_noop(message: str) -> str:
    """Marks a string for `make messages` (Django's name for it): the pages translate it
    (presenters/fast_lane.py); the core imports no Django."""
    return message


MESSAGES: dict[Outcome, str] = {
    Outcome.CONFIRMED: gettext_noop("Confirmed."),
    Outcome.STALE: gettext_noop(
        "Someone changed this claim since you loaded the page; it was not confirmed. "
        "Reload to see the change."
    ),
    Outcome.NOT_READY: gettext_noop(
        "This claim is no longer ready for the fast lane; open it to decide it."
    ),
    Outcome.NOT_FOUND: gettext_noop("No such claim on this desk."),
    Outcome.CHECKED_BEFORE: gettext_noop(
        "Checked before: the desk's published fact check of this claim already lists this "
        "article, so it was not published a second time. Open it to decide it yourself."
    ),
}


@dataclass(frozen=True)
class FastConfirmItem:
    """One unit the editor confirmed, with the version they saw."""

    unit_id: int
    seen_version: int


@dataclass(frozen=True)
class FastConfirmResult:
    unit_id: int
    outcome: Outcome
    verdict_id: int | None = None

    @property
    def message(self) -> str:
        return MESSAGES[self.outcome]


@dataclass(frozen=True)
class FastConfirmReport:
    """What happened to each unit, in the order they were sent."""

    published: bool
    results: list[FastConfirmResult] = field(default_factory=list)

    @property
    def confirmed(self) -> list[FastConfirmResult]:
        return [r for r in self.results if r.outcome is Outcome.CONFIRMED]

    @property
    def problems(self) -> list[FastConfirmResult]:
        return [r for r in self.results if r.outcome is not Outcome.CONFIRMED]
