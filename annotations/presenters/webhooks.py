"""What the webhook pages show."""

from __future__ import annotations

import re

from django.utils.translation import gettext, ngettext

# The reasons services.webhooks stores, in English as the API gives them; the pages word them in
# the reader's language. A reason of another form (written before these) is shown as stored.
_BY_EDITOR = re.compile(r"Disabled by (?P<name>.+)\.")
_AFTER_FAILURES = re.compile(r"Disabled after (?P<count>\d+) failed attempts in a row\.")


def disabled_reason_shown(reason: str) -> str:
    """Why a webhook is disabled, in the reader's language."""
    if match := _BY_EDITOR.fullmatch(reason):
        return gettext("Disabled by %(name)s.") % {"name": match["name"]}
    if match := _AFTER_FAILURES.fullmatch(reason):
        count = int(match["count"])
        return ngettext(
            "Disabled after %(count)s failed attempt in a row.",
            "Disabled after %(count)s failed attempts in a row.",
            count,
        ) % {"count": count}
    return reason
