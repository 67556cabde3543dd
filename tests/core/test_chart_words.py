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


def test_a_heat_maps_description_is_one_sentence_per_measure():
    # One message each, never a measure's name put into a sentence: a translation could not
    # make the sentence agree with it ("Carte de chaleur de le kappa de Cohen").
    pairs = [{"a": "ann", "b": "bo", "units": 4, "agreement": 0.75, "kappa": {"value": 0.5}}]
    kappa = charts.heatmap_svg(["ann", "bo"], pairs, words=Bracketed())
    agreement = charts.heatmap_svg(["ann", "bo"], pairs, measure="agreement", words=Bracketed())
    assert 'aria-label="[Heat map of Cohen&#x27;s kappa between each pair of 2 reviewers;' in kappa
    assert 'aria-label="[Heat map of raw agreement between each pair of 2 reviewers;' in agreement


def test_charts_keep_their_left_to_right_geometry_in_a_right_to_left_page():
    svg = charts.bars_svg([("صحيح", -0.88, "#1a9850", "10 تقييمات")], title="t")
    assert svg.startswith("<svg ") and ' direction="ltr"' in svg.split(">", 1)[0]
    # Arabic text is its own right-to-left run inside the svg; numbers stay as they are.
    assert f">{charts.RLI}صحيح{charts.PDI}</text>" in svg
    assert f">{charts.RLI}10 تقييمات{charts.PDI}</text>" in svg
    assert ">\u22120.88</text>" in svg


def test_a_bars_label_and_value_are_joined_as_the_language_writes_a_colon():
    svg = charts.bars_svg([("Dec 2026", 0.33, "#1a9850", "")], title="t", words=Bracketed())
    assert "<title>[Dec 2026: 0.33]</title>" in svg


def test_french_puts_a_no_break_space_before_the_colon():
    from django.utils import translation

    with translation.override("fr"):
        svg = charts.bars_svg([("Déc 2026", 0.33, "#1a9850", "")], title="t", words=translation)
    assert "<title>Déc 2026\u00a0: 0.33</title>" in svg
