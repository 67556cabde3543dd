"""Lists inside sentences take the reader's separator (annotations.text_lists): the queue's
spread bars are read out by screen readers, in Arabic with the Arabic comma."""

from __future__ import annotations

from django.utils import translation

from annotations.presenters.queue import Spread, SpreadSegment
from annotations.text_lists import text_list


def test_a_list_is_joined_by_the_readers_separator() -> None:
    with translation.override("en"):
        assert text_list(["Ann", "Bo", 3]) == "Ann, Bo, 3"
    with translation.override("ar"):
        assert text_list(["أ", "ب"]) == "أ، ب"
    with translation.override("fr"):
        assert text_list(["a", "b"]) == "a, b"
    assert text_list([]) == ""


def test_the_queues_spread_bar_is_described_with_the_arabic_comma() -> None:
    segments = [
        SpreadSegment("صحيح", "#1a9850", 2, "0", "50"),
        SpreadSegment("خطأ", "#d73027", 2, "50", "50"),
    ]
    spread = Spread(segments, ratings=4, text="x", wide=True)

    with translation.override("ar"):
        assert "2 صحيح، 2 خطأ" in spread.description
    with translation.override("en"):
        assert "2 صحيح, 2 خطأ" in spread.description
