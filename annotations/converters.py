"""URL converters."""

from __future__ import annotations


class IdConverter:
    """A database id: at most 18 digits, so that it always fits a 64-bit integer column (a
    longer number is simply not found, instead of overflowing the database driver)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
