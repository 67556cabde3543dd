"""A notification's summary worded in the reader's language when it is shown.

A notification stores its kind and the values its sentence is made of (`parameters`: names,
titles, ids, a date, label ids; user content already cut to QUOTE_LIMIT characters), so that the
in-app list, the API and the e-mails word it in whatever language their reader reads now, not
the one it was made in. `summary` keeps the sentence in the desk's language
(settings.LANGUAGE_CODE) for the back office, and is what rows made before `parameters` existed
show, as they were written.

It lives among the selectors, like labels.py, because services word summaries too (e-mails).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from annotations.models import Notification
from annotations.selectors.labels import label_names

Kind = Notification.Kind
# User content a summary quotes (a title, a comment, a sentence) is cut to this many characters.
QUOTE_LIMIT = 80

# What a planner stores: JSON scalars (names, titles, ids, an ISO date, label ids).
ParameterValue = str | int | None
Parameters = Mapping[str, Any]  # as read back from the JSON column: checked where it is worded
Labels = Mapping[int, str]


def short(text: str) -> str:
    """User content as a summary quotes it: on one line, at most QUOTE_LIMIT characters."""
    return Truncator(" ".join(text.split())).chars(QUOTE_LIMIT)


def _quoted(text: str) -> str:
    return f"“{text}”"


def _date(iso: str) -> str:
    return date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")


def _unit_named(values: Parameters) -> str:
    return gettext("claim #%(number)s in %(article)s") % {
        "number": int(values["unit"]),
        "article": _quoted(str(values["article"])),
    }


def _assignment(values: Parameters, labels: Callable[[], Labels]) -> str:
    editor = values["editor"]
    worded = {
        "editor": str(editor) if editor else gettext("An editor"),
        "article": _quoted(str(values["article"])),
    }
    if values.get("due"):
        worded["due"] = _date(str(values["due"]))
        return gettext("%(editor)s assigned you %(article)s, due %(due)s.") % worded
    return gettext("%(editor)s assigned you %(article)s.") % worded


def _due_tomorrow(values: Parameters, labels: Callable[[], Labels]) -> str:
    return gettext("Your review of %(article)s is due tomorrow (%(due)s).") % {
        "article": _quoted(str(values["article"])),
        "due": _date(str(values["due"])),
    }


def _mention(values: Parameters, labels: Callable[[], Labels]) -> str:
    if values.get("unit") is not None:
        where = _unit_named(values)
    else:
        where = gettext("the article %(article)s") % {"article": _quoted(str(values["article"]))}
    return gettext("%(author)s mentioned you on %(where)s: %(comment)s") % {
        "author": str(values["author"]),
        "where": where,
        "comment": _quoted(str(values["comment"])),
    }


def _send_back(values: Parameters, labels: Callable[[], Labels]) -> str:
    return gettext("An editor sent %(claim)s back for more reviews.") % {
        "claim": _unit_named(values)
    }


def _verdict_differed(values: Parameters, labels: Callable[[], Labels]) -> str:
    names = labels()
    return gettext("The desk decided %(claim)s as %(final)s; you said %(own)s.") % {
        "claim": _unit_named(values),
        "final": names[int(values["final"])],
        "own": names[int(values["own"])],
    }


def _claim_changed(values: Parameters, labels: Callable[[], Labels]) -> str:
    return gettext(
        "The passage of published %(claim)s changed in revision %(number)s: check the "
        "verdict still holds."
    ) % {"claim": _unit_named(values), "number": int(values["number"])}


def _claim_reappeared(values: Parameters, labels: Callable[[], Labels]) -> str:
    return gettext("Claim C%(claim)s appears again in %(article)s: %(sentence)s") % {
        "claim": int(values["claim"]),
        "article": _quoted(str(values["article"])),
        "sentence": _quoted(str(values["sentence"])),
    }


def _webhook_disabled(values: Parameters, labels: Callable[[], Labels]) -> str:
    count = int(values["count"])
    return ngettext(
        "The webhook to %(url)s was disabled after %(count)s failed delivery in a row: "
        "check the receiver, then enable it again.",
        "The webhook to %(url)s was disabled after %(count)s failed deliveries in a row: "
        "check the receiver, then enable it again.",
        count,
    ) % {"url": str(values["url"]), "count": count}


WORDINGS: dict[str, Callable[[Parameters, Callable[[], Labels]], str]] = {
    Kind.ASSIGNMENT: _assignment,
    Kind.DUE_TOMORROW: _due_tomorrow,
    Kind.MENTION: _mention,
    Kind.SEND_BACK: _send_back,
    Kind.VERDICT_DIFFERED: _verdict_differed,
    Kind.CLAIM_CHANGED: _claim_changed,
    Kind.CLAIM_REAPPEARED: _claim_reappeared,
    Kind.WEBHOOK_DISABLED: _webhook_disabled,
}


class SummaryWording:
    """Words summaries in the language active when it is called (the request's, or the one a
    service overrides for an e-mail's recipient). The scale's names are read once, at the
    first summary that names a label (two queries): make one per page or per e-mail language,
    not one for several languages."""

    def __init__(self) -> None:
        self._labels: dict[int, str] | None = None

    def _label_names(self) -> Labels:
        if self._labels is None:
            self._labels = label_names()
        return self._labels

    def worded(self, kind: str, parameters: Parameters) -> str | None:
        """The summary of a notification of `kind` made of `parameters`; None when they do not
        make one (none stored: a row from before they were; a label gone since)."""
        wording = WORDINGS.get(kind)
        if wording is None or not isinstance(parameters, Mapping) or not parameters:
            return None
        try:
            return wording(parameters, self._label_names)
        except (KeyError, TypeError, ValueError):
            return None

    def __call__(self, notification: Notification) -> str:
        """The notification's summary in the active language, else as it was stored."""
        worded = self.worded(notification.kind, notification.parameters)
        return worded if worded is not None else notification.summary
