"""core.keyset: a cursor's token survives the round trip; anything else parses to None."""

from __future__ import annotations

import datetime as dt

import pytest

from annotations.core.keyset import KeysetCursor


def test_a_token_reads_back_as_the_same_cursor_to_the_microsecond():
    cursor = KeysetCursor(dt.datetime(2026, 11, 30, 12, 0, 5, 123456, tzinfo=dt.UTC), 42)

    assert KeysetCursor.parse(cursor.token()) == cursor
    assert cursor.token() == "1796040005123456-42"


def test_a_cursor_in_another_time_zone_gives_the_token_of_the_same_instant():
    paris = dt.timezone(dt.timedelta(hours=1))
    here = KeysetCursor(dt.datetime(2026, 11, 30, 13, 0, tzinfo=paris), 7)

    assert here.token() == KeysetCursor(dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC), 7).token()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "-",
        "12",
        "12-",
        "-12",
        "a-1",
        "1-a",
        "1.5-2",
        "-1-2",
        "²-1",  # a digit to str.isdigit(), not to int()
        "١٢-٣",  # digits of another script
        "1" * 19 + "-1",
        "1-" + "1" * 19,
        "9" * 18 + "-1",  # past the year 9999
    ],
)
def test_anything_but_a_token_parses_to_none(token):
    assert KeysetCursor.parse(token) is None
