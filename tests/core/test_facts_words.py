"""What the core says to people is told in the caller's words (the reader's language on the
pages), English without them: what changed in a passage, why an agreement figure is undefined,
why a ClaimReview item was refused. The facts themselves (numbers, names, quoted words, field
paths) are never translated."""

from __future__ import annotations

from collections import Counter

from annotations.core import charts
from annotations.core.agreement.reliability import ONE_REVIEWER
from annotations.core.agreement.report import desk_warnings, warning_told
from annotations.core.diff import passage_change
from annotations.core.facts import Difference
from annotations.core.formats.claimreview_import import claimreviews_read


class Bracketed:
    """A stand-in translation: every string comes back in brackets, placeholders kept."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return f"[{singular if number == 1 else plural}]"


def test_a_difference_names_a_missing_side_in_the_given_words():
    gone = Difference(kind="name", old="Aleppo", new="", old_value="aleppo", new_value="")

    assert gone.told(Bracketed()) == "Aleppo → [(none)]"
    assert gone.told() == "Aleppo → (none)"
    assert str(gone) == "Aleppo → (none)"


def test_a_changed_figure_needs_no_words():
    changed = Difference(kind="number", old="12", new="14", old_value="12", new_value="14")

    assert changed.told(Bracketed()) == "12 → 14"


def test_the_facts_that_differ_are_told_as_they_were_written():
    old = "Officials said 219 civilians were killed."
    new = "Officials said 224 civilians were killed."

    assert passage_change(old, new, words=Bracketed()) == "219 → 224"


def test_words_removed_or_added_are_introduced_in_the_given_words():
    assert (
        passage_change("the army said it withdrew", "the army said it", words=Bracketed())
        == "[removed “withdrew”]"
    )
    assert (
        passage_change("the army said", "the army said it withdrew", words=Bracketed())
        == "[added “it withdrew”]"
    )
    assert passage_change("a  b", "a b", words=Bracketed()) == "[spacing]"


def test_without_words_a_passage_change_reads_as_it_always_did_in_english():
    assert passage_change("the army said it withdrew", "the army said it") == "removed “withdrew”"
    assert passage_change("the army said", "the army said it withdrew") == "added “it withdrew”"
    assert passage_change("a  b", "a b") == "spacing"
    assert passage_change("same", "same") is None


def test_an_undefined_statistics_reason_is_translated_where_a_chart_shows_it():
    pair = {"kappa": {"value": None, "reason": ONE_REVIEWER}}

    assert charts._pair_value(pair, "kappa", Bracketed()) == (None, f"[{ONE_REVIEWER}]")
    assert charts._pair_value(pair, "kappa") == (None, ONE_REVIEWER)
    assert charts._pair_value({"kappa": {"value": None}}, "kappa", Bracketed()) == (
        None,
        "[undefined]",
    )


def test_a_claimreview_refusal_is_english_as_a_string_and_told_in_the_given_words():
    report = claimreviews_read(
        [{"@context": "https://schema.org", "@type": "ClaimReview", "url": {"a": 1}}]
    )

    (refusal,) = report.refusals
    assert refusal.reason == "url is an object, not text"
    assert refusal.reason.told() == "url is an object, not text"
    # The sentence and the word for the value's kind are the reader's; the field path is not.
    assert refusal.reason.told(Bracketed()) == "[url is [an object], not text]"


def test_a_desk_warning_is_told_in_the_given_words_from_its_stored_values():
    (too_few,) = desk_warnings(
        {"alpha_nominal": {"units": 3}},  # type: ignore[dict-item]  # only the count is read
        Counter({"true": 2, "false": 1}),
        ["true", "false"],
        {},
    )[:1]

    sentence = (
        "Only 3 units were rated; agreement figures on fewer than 30 units have wide uncertainty."
    )
    assert too_few["message"] == warning_told(too_few) == sentence
    assert warning_told(too_few, Bracketed()) == f"[{sentence}]"
    # A record stored before the values were: its own sentence, as it was.
    assert warning_told({"code": "too_few_units", "message": "As stored."}, Bracketed()) == (
        "As stored."
    )
