"""Keyset cursors: where a page of a list ordered by (time, id) begins or ends, as a token that
fits in a link.

A token is "<microseconds since the epoch, UTC>-<id>": digits only, so it needs no escaping in
a query string, and anything else (a typo, an edited link) parses to None rather than raising.
The list reads the rows after (older than) or before (newer than) the cursor's row, so a page
costs the same however deep it is, unlike an offset, and rows imported meanwhile do not shift
the pages a reader is turning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
# Digits enough for any datetime Python holds (year 9999 is 2.5e17 microseconds) and any
# 64-bit id; longer is not a token.
_MAX_DIGITS = 18


@dataclass(frozen=True)
class KeysetCursor:
    """A row's place in a (time, id) order: its time (aware) and its id."""

    at: dt.datetime
    id: int

    def token(self) -> str:
        return f"{(self.at - _EPOCH) // _MICROSECOND}-{self.id}"

    @classmethod
    def parse(cls, token: str) -> KeysetCursor | None:
        """The cursor a `token()` wrote, or None for anything else."""
        micros, _, pk = token.partition("-")
        if not (micros.isdigit() and pk.isdigit()):
            return None
        if not micros.isascii() or not pk.isascii():
            return None  # isdigit() also accepts other scripts' digits
        if len(micros) > _MAX_DIGITS or len(pk) > _MAX_DIGITS:
            return None
        try:
            return cls(_EPOCH + int(micros) * _MICROSECOND, int(pk))
        except OverflowError:
            return None
