"""Spreadsheet formula injection: a cell that a spreadsheet would run as a formula is defused.

OWASP's CSV injection guidance: a cell beginning with = + - @ tab or carriage return is read as
a formula by Excel, LibreOffice and Google Sheets; prefixing it with a single quote makes it
text. Applied to every text cell of CSV exports (and, identically, in SQL on PostgreSQL's COPY
path). Pure, no Django import.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value: str) -> str:
    """The value, prefixed with ' when a spreadsheet would take it for a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _sql_character(character: str) -> str:
    """One character as a PostgreSQL literal (escape strings for the control characters)."""
    escapes = {"\t": "E'\\t'", "\r": "E'\\r'"}
    return escapes.get(character, f"'{character}'")


def sql_neutralise(column: str) -> str:
    """The same rule as an SQL expression (PostgreSQL), for the COPY path: FORMULA_STARTS,
    written once."""
    starts = ", ".join(_sql_character(character) for character in FORMULA_STARTS)
    return f"CASE WHEN left({column}, 1) IN ({starts}) THEN '''' || {column} ELSE {column} END"
