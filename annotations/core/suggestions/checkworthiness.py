"""Which statements of a text are worth checking: the candidates and the rules-only score.

Candidates. The text's sentences (`annotations.core.sentences`, code-point offsets); a sentence
that holds several statements is cut into its clauses instead, at "; ", at ", but", ", while",
", whereas", ", although", ", though", ", yet", at ", and" when a new subject follows (a pronoun,
a determiner, a capitalised word or a figure), and at a single spaced dash (" — ", " – ", " - ";
two dashes are a parenthesis and stay). A cut is made only where both sides are long enough to be
statements (MIN_CLAUSE_WORDS words each) and never inside a quotation. The clauses of a sentence
follow one another and lie within it; the separator and the conjunction ("; ", ", but ") belong
to neither. Either way `source[c.start:c.end] == c.text`.

Sentence scores. The unit the desk evaluates and trains on is the sentence (a reviewer's highlight
marks a sentence as check-worthy when it overlaps it), so a sentence's score is the highest score
among its candidates (`sentence_scores`): a sentence is worth checking when one of its statements
is. A sentence not cut has one candidate, itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotations.core.sentences import sentences_split
from annotations.core.suggestions.features import sentence_features
from annotations.core.text import split_paragraphs


@dataclass(frozen=True)
class Candidate:
    """A sentence, or a clause of one: `text == source[start:end]` (code points)."""

    start: int
    end: int
    text: str
    features: dict[str, float]
    sentence_start: int  # the sentence it belongs to (its start), the unit of evaluation


# Each side of a cut needs at least this many words: "Prices rose, and wages fell" stays whole;
# "Prices rose 12% in a year, and wages fell for the third month running" is cut.
MIN_CLAUSE_WORDS = 5

_SUBJECT = (
    r"(?=(?:he|she|it|they|we|I|you|the|a|an|this|that|these|those|its|their|his|her|our"
    r"|some|many|most|no|one|[A-Z]\w*|\d)\b)"
)
# (group "left" ends the left side, group "right" starts the right side)
_CUT = re.compile(
    r"(?P<left>);\s+(?P<right>)"
    r"|(?P<left2>),\s+(?:but|while|whereas|although|though|yet)\s+(?P<right2>)"
    rf"|(?P<left3>),\s+and\s+(?P<right3>){_SUBJECT}"
)
_DASH = re.compile(r"\s(?:—|–|-{1,2})\s")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]")


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _cuts(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence could be cut: (end of the left side, start of the right side)."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(sentence)]
    cuts = []
    for match in _CUT.finditer(sentence):
        for left, right in (("left", "right"), ("left2", "right2"), ("left3", "right3")):
            if match.group(left) is not None:
                cuts.append((match.start(left), match.start(right)))
    dashes = list(_DASH.finditer(sentence))
    if len(dashes) == 1:
        cuts.append((dashes[0].start(), dashes[0].end()))
    return sorted(cut for cut in cuts if not _inside(cut[0], quoted))


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of each clause of the sentence (the whole of it when not cut)."""
    spans = []
    start = 0
    for left, right in _cuts(sentence):
        if left <= start:
            continue
        before = sentence[start:left].split()
        after = sentence[right:].split()
        if len(before) >= MIN_CLAUSE_WORDS and len(after) >= MIN_CLAUSE_WORDS:
            spans.append((start, left))
            start = right
    spans.append((start, len(sentence)))
    return spans


# What ends a sentence (before any closing quote or bracket), in the scripts the desk reads.
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*$")
# A title is one line of a few words; a longer first paragraph without a full stop is a lede
# that lost its punctuation, and is scored as one.
HEADLINE_MAX_WORDS = 30


def headline_end(text: str) -> int:
    """Where the text's headline ends (0: it has none): its first paragraph, when that is a
    single line of at most HEADLINE_MAX_WORDS words that ends without a sentence end."""
    first = split_paragraphs(text)[0].text if text else ""
    stripped = first.rstrip()
    if (
        not stripped
        or "\n" in stripped
        or len(stripped.split()) > HEADLINE_MAX_WORDS
        or _SENTENCE_END.search(stripped)
    ):
        return 0
    return len(stripped)


def candidates_split(text: str, *, language: str = "en") -> list[Candidate]:
    """Every candidate statement of the text (sentences, or their clauses), in order.

    A candidate of the headline (`headline_end`) has the feature `headline`: a title restates
    the body in a few words, and the desk checks the body's full statement (with its figure,
    its source and its date) rather than the title's shorthand, so the rules rank it lower.
    A candidate with a figure (FIGURE_FEATURES) right after a sentence with one, in the same
    paragraph, has the feature `continues`: it carries on the same story's figures.
    """
    candidates = []
    headline = headline_end(text)
    previous_figure = False
    previous_end = 0
    for sentence in sentences_split(text, language=language):
        # "continues": the sentence before, in the same paragraph, had a figure too.
        same_paragraph = "\n\n" not in text[previous_end : sentence.start]
        after_figure = previous_figure and same_paragraph
        previous_figure = False
        previous_end = sentence.end
        for start, end in _clauses(sentence.text):
            chunk = sentence.text[start:end]
            # Whitespace around a clause is not part of it.
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            if start >= end:
                continue
            clause = sentence.text[start:end]
            features = sentence_features(clause, language=language)
            if sentence.start < headline:
                features["headline"] = 1.0
            figure = any(features.get(name) for name in FIGURE_FEATURES)
            if figure and after_figure:
                features["continues"] = 1.0
            previous_figure = previous_figure or figure
            candidates.append(
                Candidate(
                    sentence.start + start,
                    sentence.start + end,
                    clause,
                    features,
                    sentence.start,
                )
            )
    return candidates


def sentence_scores(candidates: Sequence[Candidate], scores: Sequence[float]) -> dict[int, float]:
    """Each sentence's score (keyed by its start): the highest of its candidates' scores."""
    best: dict[int, float] = {}
    for candidate, score in zip(candidates, scores, strict=True):
        best[candidate.sentence_start] = max(score, best.get(candidate.sentence_start, score))
    return best


# The rules' weights, on the log-odds scale (the score is the logistic function of their sum, so
# that a desk model, a logistic regression over the same features, reads the same way). Set by
# hand from what fact-checkers name (see features.py) and checked on the ordering tests in
# tests/core/suggestions/test_checkworthiness.py and the project's evaluation set.
RULE_WEIGHTS: dict[str, float] = {
    # A figure is the commonest thing a fact-checker checks; a second figure adds as much again.
    "number": 1.2,
    # Percentages, money and quantities are figures of the kind claims are made of, on top of
    # the number itself.
    "percentage": 0.8,
    "money": 0.8,
    "quantity": 0.6,
    # A date anchors a statement in time ("in 2019", "last year"): checkable, less alone.
    "date": 0.6,
    # "three million", "half": a figure in words is a figure ("Fourteen members abstained").
    "spelled_number": 1.2,
    # "more than", "rose", "doubled": comparisons and changes are claims of fact.
    "comparative": 0.7,
    # "the lowest in 50 years", "record", "never", "the first since 1997": the claims
    # fact-checkers check most eagerly, worth a figure.
    "superlative": 1.0,
    # "said", "according to": someone stands behind it; weak, as quotes also carry opinions.
    "attribution": 0.35,
    # Each named person, place or organisation (up to 3): what the claim is about.
    "named_entity": 0.25,
    # "rate", "GDP", "survey", "deaths": the vocabulary of statistics.
    "statistic": 0.6,
    # "because", "led to": causal claims are checkable, and often wrong.
    "causal": 0.4,
    # "Fourteen members abstained", "2,000 jobs will go": a count of people or things is the
    # fact of the sentence, on top of the number itself.
    "count": 0.7,
    # "the foreign ministry said", "official figures": an official source stands behind a
    # figure, which can be checked against what it published.
    "official": 0.5,
    # "than last year", "since 2010", "from 12% to 15%": a change over time.
    "time_comparison": 0.6,
    # "The paper was retracted in 2010": a past event with its year, checkable against the
    # record without a figure.
    "dated_event": 1.0,
    # A sentence with a figure right after one with a figure, in the same paragraph: it
    # carries the same story's figures on ("...; three voted against.").
    "continues": 0.4,
    # "may", "could", "possibly": the writer does not assert it.
    "hedge": -0.9,
    # "I think", "should", "terrible": a judgement, not a fact.
    "opinion": -1.2,
    # A question asserts nothing.
    "question": -1.8,
    # "I", "we", "you": personal, rhetorical or addressed to the reader; mild. It does not
    # apply to a sentence with a figure in digits (`number`): quoted officials state their
    # figures in the first person ("We have deployed 4,000 soldiers"). A figure in words keeps
    # it: exempting those too ranked the train split's claims worse (a quoted "two buckets",
    # "four successive ministers" is more often a speaker's story than a claim).
    "personal": -0.2,
    # Too short to hold a checkable claim.
    "short": -1.0,
    # "will", "plans to": a prediction cannot be checked yet.
    "future": -0.6,
    # "no party has", "the first woman to", "all 160 residents": one counter-example disproves
    # it, the claims fact-checkers go for first.
    "universal": 0.8,
    # The title: the body states the same claim in full, and that is what the desk checks.
    "headline": -1.5,
}
# Where a sentence with no feature at all stands: about 0.12, far below CLAIM_SUGGESTED_AT (0.5);
# one figure with a date or a comparison crosses it.
RULE_BIAS = -2.0


# A sentence with one of these states a figure (what `continues` looks for).
FIGURE_FEATURES = ("number", "spelled_number")


def rules_logit(features: dict[str, float]) -> float:
    """The rules' log-odds: RULE_BIAS plus the sum of each feature's value times its weight in
    RULE_WEIGHTS, clipped to [-50, 50], except that `personal` counts for nothing in a sentence
    with a figure in digits (`number`; a figure in words keeps it, see RULE_WEIGHTS). A name
    not in RULE_WEIGHTS counts for nothing."""
    figure = bool(features.get("number"))
    z = RULE_BIAS + sum(
        RULE_WEIGHTS.get(name, 0.0) * value
        for name, value in features.items()
        if not (figure and name == "personal")
    )
    return max(-50.0, min(50.0, z))


def rules_score(features: dict[str, float]) -> float:
    """How check-worthy, 0 to 1, from the features alone: the logistic function of
    `rules_logit`. A figure, a comparison or a record raise it, hedges, opinions and questions
    lower it.
    """
    return 1.0 / (1.0 + math.exp(-rules_logit(features)))
