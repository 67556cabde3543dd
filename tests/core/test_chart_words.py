"""The charts' words come from the `words` they are given (the reader's language on the pages),
English without one; the numbers they draw are the same either way."""

from __future__ import annotations

from annotations.core import charts


class Bracketed:
    """A stand-in translation: every string comes back in brackets, plurals chosen by count."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return f"[{singular if number == 1 else plural}]"


def test_the_spread_of_a_unit_is_told_with_the_given_words():
    unit = {"ratings": 3, "ordinal_spread": 2, "nominal_disagreement": 1}
    assert charts._spread_text(unit) == ("2 steps apart", True)
    assert charts._spread_text(unit, Bracketed()) == ("[2 steps apart]", True)
    assert charts._spread_text({"ratings": 1}, Bracketed()) == ("[1 rating]", False)


def test_a_heat_map_speaks_the_given_language_and_keeps_its_numbers():
    pairs = [{"a": "ann", "b": "bo", "units": 4, "agreement": 0.75, "kappa": {"value": 0.5}}]
    english = charts.heatmap_svg(["ann", "bo"], pairs)
    bracketed = charts.heatmap_svg(["ann", "bo"], pairs, words=Bracketed())
    assert "ann and bo: Cohen&#x27;s κ 0.50, 4 units rated by both" in english
    assert "[ann and bo: [Cohen&#x27;s κ] 0.50, 4 units rated by both]" in bracketed
    assert ">0.50</text>" in bracketed and ">[n/a]</text>" in bracketed


def test_an_empty_chart_says_so_in_the_given_language():
    assert "[No claim units yet.]" in charts.spread_strip_svg([], [], words=Bracketed())
    assert "[Nothing to show yet.]" in charts.bars_svg([], title="t", words=Bracketed())
