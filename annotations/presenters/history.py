"""The adjudication page's History: every recorded change to a claim unit, its verdict and its
highlights (selectors/history.py reads them from django-simple-history), told as "who, when,
what changed"."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from annotations.models import (
    Annotation,
    ClaimChange,
    ClaimUnit,
    Comment,
    Source,
    Verdict,
    VerdictLabel,
)
from annotations.selectors.history import unit_history_records

# The fields worth telling when something changes, per model, in the order they are told.
# Bookkeeping (modified, updated_at, prefix/suffix context) is left out: it changes with
# everything else.
TOLD_FIELDS: dict[type[models.Model], list[str]] = {
    ClaimUnit: ["status", "kind", "start", "end", "is_manual"],
    Verdict: [
        "label",
        "claim_reviewed",
        "claimant",
        "explanation",
        "sources",
        "is_published",
        "published_at",
        "decided_by",
    ],
    Annotation: ["verdict", "kind", "speaker", "exact", "rationale", "start", "end"],
    ClaimChange: ["resolution"],
    Comment: ["body"],
}
# ... and when something is created: what it says, not where it sits.
CREATED_FIELDS: dict[type[models.Model], list[str]] = {
    ClaimUnit: ["status", "kind"],
    Verdict: ["label", "claim_reviewed", "claimant", "explanation"],
    Annotation: ["verdict", "speaker", "exact", "rationale"],
    ClaimChange: ["old_passage", "new_passage"],
    Comment: ["body"],
}
FIELD_NAMES = {
    "label": "Verdict",
    "exact": "Passage",
    "is_published": "Published",
    "published_at": "Published on",
    "is_manual": "Edited by hand",
    "start": "Starts at",
    "end": "Ends at",
    "old_passage": "Passage the verdict was given on",
    "new_passage": "Passage now",
    "resolution": "Resolved",
    "body": "Comment",
}
# Setting a verdict's sources writes a record of its own just after the verdict's: told as
# part of the change before it.
M2M_FIELDS = {"Sources"}
SAME_CHANGE = datetime.timedelta(seconds=2)
TEXT_LIMIT = 160


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    subject: str
    action: str  # "created", "changed" or "deleted"
    changes: list[FieldChange] = field(default_factory=list)
    user_id: int | None = None


def _stored(record: Any, name: str) -> Any:
    """The stored value (a related object's id, not the object: no query)."""
    return getattr(record, record._meta.get_field(name).attname)


def _field_name(model: type[models.Model], name: str) -> str:
    # Asked only for names FIELD_NAMES lacks; histories hold concrete fields, no reverse relations.
    return (
        FIELD_NAMES.get(name)
        or str(
            model._meta.get_field(name).verbose_name  # type: ignore[union-attr]
        ).capitalize()
    )


class _Formatter:
    """Stored values as a person reads them: label names, usernames, source titles, dates."""

    def __init__(
        self,
        labels: Sequence[VerdictLabel],
        sources: Iterable[Source],
        usernames: Mapping[int, str],
    ) -> None:
        self.labels = {label.pk: label.name for label in labels}
        self.sources = {source.pk: source.title or source.url for source in sources}
        self.usernames = usernames

    def __call__(self, name: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if name in ("label", "verdict"):
            return self.labels.get(value, f"#{value}")
        if name == "decided_by":
            return self.usernames.get(value, f"#{value}")
        if name == "status":
            return str(ClaimUnit.Status(value).label)
        if name == "resolution":
            return str(ClaimChange.Resolution(value).label)
        if name == "sources":
            cited = [self.sources.get(row["source"], f"#{row['source']}") for row in value]
            return "; ".join(sorted(cited))
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%-d %b %Y, %H:%M")
        return Truncator(" ".join(str(value).split())).chars(TEXT_LIMIT)


def _entries(
    records: Iterable[Any],
    model: type[models.Model],
    *,
    subject: Callable[[Any], str],
    who: Callable[[Any], str],
    show: _Formatter,
) -> list[HistoryEntry]:
    """One entry per record, each compared with the record of the same object before it."""
    told = TOLD_FIELDS[model]
    previous: dict[int, Any] = {}
    entries = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        if record.history_type == "+" or before is None:
            action = "created"
            changes = [
                FieldChange(_field_name(model, name), "", show(name, value))
                for name in CREATED_FIELDS[model]
                for value in [_stored(record, name)]
                if value not in (None, "", False)
            ]
        elif record.history_type == "-":
            action, changes = "deleted", []
        else:
            action = "changed"
            delta = record.diff_against(before, included_fields=told)
            changes = [
                FieldChange(_field_name(model, c.field), show(c.field, c.old), show(c.field, c.new))
                for c in sorted(delta.changes, key=lambda c: told.index(c.field))
            ]
            if not changes:
                previous[record.id] = record
                continue
        previous[record.id] = record
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who(record),
                subject=subject(record),
                action=action,
                changes=changes,
                user_id=record.history_user_id,
            )
        )
    return _merged(entries)


def _merged(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    merged: list[HistoryEntry] = []
    for entry in entries:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.subject == entry.subject
            and last.user_id == entry.user_id
            and entry.when - last.when <= SAME_CHANGE
            and entry.action == "changed"
            and {change.name for change in entry.changes} <= M2M_FIELDS
        ):
            known = {change.name: index for index, change in enumerate(last.changes)}
            for change in entry.changes:
                if change.name in known:
                    earlier = last.changes[known[change.name]]
                    last.changes[known[change.name]] = FieldChange(
                        change.name, earlier.old, change.new
                    )
                else:
                    last.changes.append(change)
            continue
        merged.append(entry)
    return merged


def unit_history(
    unit: ClaimUnit,
    *,
    verdict: Verdict | None,
    labels: Sequence[VerdictLabel],
    reviewer_names: Mapping[int, str],
    aliases: Mapping[int, str] | None,
) -> list[HistoryEntry]:
    """Every recorded change to the unit, its verdict and its highlights, newest first.

    `reviewer_names` maps each highlight's id to how the page names its reviewer; `aliases`
    (when the desk hides names) maps reviewers' user ids to "Reviewer 1", ... so that their
    own edits are not signed with their names either.
    """
    records = unit_history_records(unit, verdict=verdict)
    show = _Formatter(labels, records.sources, records.editor_names)

    def who(record: Any) -> str:
        if record.history_user_id is None:
            return "The desk"
        if aliases and record.history_user_id in aliases:
            return aliases[record.history_user_id]
        return record.history_user.get_username()

    def highlight(record: Any) -> str:
        reviewer = reviewer_names.get(record.id, "a reviewer")
        return "their highlight" if who(record) == reviewer else f"{reviewer}’s highlight"

    entries = [
        *_entries(records.unit, ClaimUnit, subject=lambda r: "the claim unit", who=who, show=show),
        *_entries(records.verdict, Verdict, subject=lambda r: "the verdict", who=who, show=show),
        *_entries(records.annotations, Annotation, subject=highlight, who=who, show=show),
        *_entries(
            records.claim_changes,
            ClaimChange,
            subject=lambda r: f"the claim change of revision {r.revision.number}",
            who=who,
            show=show,
        ),
        *_entries(records.comments, Comment, subject=lambda r: "a comment", who=who, show=show),
    ]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
