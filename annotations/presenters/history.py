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
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

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
from annotations.selectors.labels import label_name

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
    "label": _("Verdict"),
    "exact": _("Passage"),
    "is_published": _("Published"),
    "published_at": _("Published on"),
    "is_manual": _("Edited by hand"),
    "start": _("Starts at"),
    "end": _("Ends at"),
    "old_passage": _("Passage the verdict was given on"),
    "new_passage": _("Passage now"),
    "resolution": _("Resolved"),
    "body": pgettext_lazy("noun", "Comment"),
    "status": _("Status"),
    "kind": _("Kind"),
    "claim_reviewed": _("Claim reviewed"),
    "claimant": _("Claimant"),
    "explanation": _("Explanation"),
    "sources": _("Sources"),
    "decided_by": _("Decided by"),
    "verdict": _("Verdict"),
    "speaker": _("Speaker"),
    "rationale": _("Rationale"),
}
# Setting a verdict's sources writes a record of its own just after the verdict's: told as
# part of the change before it (the field's name is compared untranslated).
M2M_FIELDS = {"sources"}
SAME_CHANGE = datetime.timedelta(seconds=2)
TEXT_LIMIT = 160


# Each entry's sentence, translated whole: who did it and what it was about are placeholders
# a translation may reorder ("eddie a modifié le verdict").
HEADLINES = {
    "created": _("%(who)s created %(subject)s"),
    "changed": _("%(who)s changed %(subject)s"),
    "deleted": _("%(who)s deleted %(subject)s"),
}


@dataclass(frozen=True)
class FieldChange:
    name: str
    field: str  # the model field's name, untranslated
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

    @property
    def headline(self) -> SafeString:
        """'<who> changed <the verdict>', with who and what marked up for the page."""
        return mark_safe(  # noqa: S308 - the translation is escaped, its parts by format_html
            conditional_escape(str(HEADLINES[self.action]))
            % {
                "who": format_html('<span class="history__who" dir="auto">{}</span>', self.who),
                "subject": format_html(
                    '<span class="history__subject" dir="auto">{}</span>', self.subject
                ),
            }
        )


def _stored(record: Any, name: str) -> Any:
    """The stored value (a related object's id, not the object: no query)."""
    return getattr(record, record._meta.get_field(name).attname)


def _field_name(model: type[models.Model], name: str) -> str:
    # Asked only for names FIELD_NAMES lacks; histories hold concrete fields, no reverse relations.
    return str(
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
        self.labels = {label.pk: label_name(label) for label in labels}
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
        if name == "kind":
            # Units and highlights share Annotation's kinds; an unknown value is shown as stored.
            return str(Annotation.Kind(value).label) if value in Annotation.Kind.values else value
        if name == "sources":
            cited = [self.sources.get(row["source"], f"#{row['source']}") for row in value]
            return "; ".join(sorted(cited))
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
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
                FieldChange(_field_name(model, name), name, "", show(name, value))
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
                FieldChange(
                    _field_name(model, c.field), c.field, show(c.field, c.old), show(c.field, c.new)
                )
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
            and {change.field for change in entry.changes} <= M2M_FIELDS
        ):
            known = {change.field: index for index, change in enumerate(last.changes)}
            for change in entry.changes:
                if change.field in known:
                    earlier = last.changes[known[change.field]]
                    last.changes[known[change.field]] = FieldChange(
                        change.name, change.field, earlier.old, change.new
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
            return gettext("The desk")
        if aliases and record.history_user_id in aliases:
            return aliases[record.history_user_id]
        return record.history_user.get_username()

    def highlight(record: Any) -> str:
        reviewer = reviewer_names.get(record.id) or gettext("a reviewer")
        if who(record) == reviewer:
            return pgettext("history subject", "their highlight")
        return pgettext("history subject", "%(reviewer)s’s highlight") % {"reviewer": reviewer}

    entries = [
        *_entries(
            records.unit,
            ClaimUnit,
            subject=lambda r: pgettext("history subject", "the claim unit"),
            who=who,
            show=show,
        ),
        *_entries(
            records.verdict,
            Verdict,
            subject=lambda r: pgettext("history subject", "the verdict"),
            who=who,
            show=show,
        ),
        *_entries(records.annotations, Annotation, subject=highlight, who=who, show=show),
        *_entries(
            records.claim_changes,
            ClaimChange,
            subject=lambda r: (
                pgettext("history subject", "the claim change of revision %(number)s")
                % {"number": r.revision.number}
            ),
            who=who,
            show=show,
        ),
        *_entries(
            records.comments,
            Comment,
            subject=lambda r: pgettext("history subject", "a comment"),
            who=who,
            show=show,
        ),
    ]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
