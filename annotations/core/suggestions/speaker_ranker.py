"""A learned choice of a quotation's speaker among the people the rules see around it.

The rules (`quotes`, `speakers/`) pick one speaker or none. Here every person or organisation
the text names outside quotations near a quotation (its paragraph, the paragraph before and the
one after), the rules' own pick and the previous quotation's speaker are *candidates*, each
with features (`SPEAKER_FEATURES`): where its nearest mention stands (before or after the
quotation, same sentence, earlier in the paragraph, the paragraph before or after), how far
(characters, sentences), whether a verb of saying stands next to it or between it and the
quotation, whether it opens its sentence (a subject) or is a possessive or a modifier, what it
is (person, organisation, a single word, a place), how often the text names it, whether it is
the previous quotation's speaker, and whether it is the rules' pick and how the rules found it.
Beside those, features chosen because they hold across writers (measured leave one writer
out): a name that is part of another candidate's ("Trust", "Okoro") or holds the rules' pick, a
he/she beside the quotation and a candidate that is or is not a person, "it", "the statement"
or "the company" beside it and an organisation, the subject of the quotation's own sentence,
and for a headline's quotation the first subject of the story below it.
A logistic regression scores each candidate's probability of being the speaker; the best one
above the ranker's threshold is the speaker, otherwise the speaker is unknown (as the rules
say when they are unsure).

The ranker is stored as JSON (`speaker_ranker.json`, beside this module; never a pickle) and
scored in pure Python, exactly as scikit-learn's `predict_proba` would (a test checks it), so
scoring needs no scikit-learn. `ranker_train` imports scikit-learn; `bench_suggestions
--train-speakers` writes the file and `--speaker-cv` measures it leave-one-writer-out.

Cost per quotation: a bisect into the registry's mentions and a few short regular expressions
per candidate (at most MAX_CANDIDATES), over text no longer than the quotation's three
paragraphs: linear in the text, like the rules.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from annotations.core.suggestions.names import HE, SHE, SPEECH_VERBS, wordset
from annotations.core.suggestions.quotes import Quote, quotes_and_registry
from annotations.core.suggestions.speakers.registry import Entity, Registry

RANKER_FILE = Path(__file__).with_name("speaker_ranker.json")
RANDOM_STATE = 13
MAX_ITERATIONS = 2000
# The inverse regularisation strength, chosen leave-one-writer-out (on a-f, then on a-h among
# 0.1, 0.2, 0.3 and 0.5: see docs).
REGULARISATION_C = 0.2
DEFAULT_THRESHOLD = 0.5
# A speaker given at this confidence or more is shown as sure; below it, as a name to check.
# Leave one writer out over the writers the rules were not tuned on when they came (c-j, 1,240
# quotations; `bench_suggestions --speaker-cv`): at 0.5 the ranker is sure of 78 % of them and
# right on 0.915 of those, while the names it gives below 0.5 are right about half the time.
SPEAKER_SURE = 0.5
# The thresholds training tries (the one with the best accuracy on the training quotations).
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))

# How far around a quotation candidates are read (characters), within the paragraph before, its
# own and the one after.
REACH_BEFORE = 1_500
REACH_AFTER = 600
MAX_CANDIDATES = 16
# A headline's quotation reads candidates further on: its first paragraphs, up to so many
# characters of the text.
HEADLINE_PARAGRAPHS = 4
HEADLINE_REACH = 2_000
# Words on each side of a mention in which a verb of saying counts as next to it.
VERB_WORDS = 3
# Characters of the attribution clause where a pronoun is looked for ("..., she said").
PRONOUN_REACH = 30
# Characters on each side of a quotation where words that make an organisation the speaker
# ("it said in a statement", "the company said", "the letter read") are looked for.
DOCUMENT_REACH = 60
# Words by which organisations speak: "it", the generic nouns for an organisation and the
# documents and channels it speaks through. Common to every writer, unlike the names.
DOCUMENT_WORDS = wordset(
    """
    it its company firm club council charity group trust union authority agency ministry
    department inspectorate regulator organisation board statement statements letter report
    email post posts website ruling tweet release notice spokesperson spokesman spokeswoman
    spokespeople inspectors campaign
    """
)

_ATTRIBUTIONS = ("named", "surname", "pronoun", "role", "split", "continued", "carried",
                 "context", "echo")  # fmt: skip

SPEAKER_FEATURES: tuple[str, ...] = (
    # the rules
    "rules_pick",
    "rules_confidence",
    *(f"rules_{how}" for how in _ATTRIBUTIONS),
    "rules_unknown",  # of the quotation: the rules said unknown
    # the nearest mention before the quotation
    "before_same_sentence",
    "before_previous_sentence",
    "before_same_paragraph",  # earlier in the paragraph than the sentence before
    "before_previous_paragraph",
    "before_distance",  # log(1 + characters) / 8
    "before_sentences",  # sentence ends between, at most 5, / 5
    "before_verb_next",  # a verb of saying within VERB_WORDS words of the mention
    "before_verb_between",  # a verb of saying between the mention and the quotation (sentence)
    "before_subject",  # the mention opens its sentence
    "before_colon",  # the sentence before the quotation ends with a colon
    # the nearest mention after the quotation
    "after_same_sentence",
    "after_same_paragraph",
    "after_next_paragraph",
    "after_distance",
    "after_sentences",
    "after_verb_next",
    "after_verb_between",
    "after_subject",
    # the candidate
    "kind_person",
    "kind_org",
    "kind_single",
    "kind_place",
    "not_mentioned",  # only the rules or the previous quotation name it here
    "modifier",  # its nearest mention is a possessive or a modifier ("Rovers manager")
    "paragraph_first",  # the first subject its paragraph names
    "mentions",  # log(1 + mentions in the text) / 3
    "mentions_near",  # mentions around the quotation, at most 5, / 5
    "previous_speaker",  # the rules' speaker of the quotation before
    "previous_speaker_paragraph",  # ... in the same paragraph
    "pronoun_match",  # a he/she in the clause next to the quotation, of the candidate's gender
    "pronoun_clash",  # ... of the other gender
    "nearest",  # the nearest candidate mentioned on either side
    # what generalises across writers (leave-one-writer-out, docs/suggestions.md)
    "fragment",  # its words are part of another candidate's name ("Trust", "Okoro")
    "holds_rules_pick",  # the rules' pick is part of its name (the rules cut the name short)
    "pronoun_person",  # a he/she in the clause next to the quotation, and it is a person
    "pronoun_thing",  # ... and it is an organisation or a place
    "document_org",  # an organisation, and the clause names a document or "it" ("the statement")
    "document_person",  # a person, and the clause names a document or "it"
    "sentence_subject",  # it opens the quotation's own sentence, before the quotation
    "sentence_subject_inside",  # ... and the quotation stands inside it, not at its start
    "headline_first_subject",  # a headline's quotation: the first subject the story names
    "headline_mentions",  # a headline's quotation: `mentions` (the story's main people)
    # the quotation
    "quote_short",  # fewer than four words
    "quote_opens_paragraph",
    "candidates",  # how many, at most 10, / 10
)

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'”’)\]]*\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Candidate:
    """A possible speaker of one quotation and its features (SPEAKER_FEATURES names)."""

    speaker: str
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class SpeakerRanker:
    """A trained ranker as plain data (stored as JSON, never pickled)."""

    name: str
    weights: dict[str, float] = field(default_factory=dict)
    intercept: float = 0.0
    threshold: float = DEFAULT_THRESHOLD

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "features": list(SPEAKER_FEATURES),
            "weights": {name: self.weights.get(name, 0.0) for name in SPEAKER_FEATURES},
            "intercept": self.intercept,
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: object) -> SpeakerRanker:
        """The ranker `to_json` wrote; a malformed weight counts as 0, a malformed threshold as
        DEFAULT_THRESHOLD. Raises ValueError for anything but a JSON object."""
        if not isinstance(data, dict):
            raise ValueError("a speaker ranker is a JSON object")
        weights = data.get("weights")
        intercept = data.get("intercept", 0.0)
        threshold = data.get("threshold", DEFAULT_THRESHOLD)
        return cls(
            name=str(data.get("name", "speaker-ranker")),
            weights={
                str(k): float(v) if isinstance(v, (int, float)) else 0.0 for k, v in weights.items()
            }
            if isinstance(weights, dict)
            else {},
            intercept=float(intercept) if isinstance(intercept, (int, float)) else 0.0,
            threshold=float(threshold)
            if isinstance(threshold, (int, float)) and 0 <= threshold <= 1
            else DEFAULT_THRESHOLD,
        )


def _key(name: str | None) -> str | None:
    return " ".join(name.casefold().split()) if name is not None else None


def _logistic(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def candidate_score(ranker: SpeakerRanker, features: dict[str, float]) -> float:
    """The probability that the candidate is the speaker: the logistic function of the
    intercept and the weights' dot product with the features, in SPEAKER_FEATURES order (as
    scikit-learn sums them)."""
    z = ranker.intercept
    for name in SPEAKER_FEATURES:
        z += ranker.weights.get(name, 0.0) * features.get(name, 0.0)
    return _logistic(z)


def speaker_choose(
    ranker: SpeakerRanker, candidates: Sequence[Candidate]
) -> tuple[str | None, float]:
    """(speaker, probability): the best-scoring candidate when its probability reaches the
    ranker's threshold, else (None, its probability); (None, 0.0) without candidates. Ties go
    to the earlier candidate."""
    best: tuple[str | None, float] = (None, 0.0)
    for candidate in candidates:
        score = candidate_score(ranker, candidate.features)
        if best[0] is None or score > best[1]:
            best = (candidate.speaker, score)
    if best[0] is None or best[1] < ranker.threshold:
        return None, best[1]
    return best


# --- candidates and their features --------------------------------------------------------------


@dataclass
class _Seen:
    entity: Entity | None
    speaker: str
    before: tuple[int, int, bool] | None = None  # (start, end, subject) of the nearest mention
    after: tuple[int, int, bool] | None = None
    near: int = 0
    first_in_paragraph: bool = False


def _sentence_ends(text: str, start: int, end: int) -> int:
    return len(_SENTENCE_END.findall(text, start, end)) if end > start else 0


def _speech_verb_in(text: str, start: int, end: int) -> bool:
    return any(
        word.islower() and word.lower() in SPEECH_VERBS for word in _WORD.findall(text, start, end)
    )


def _verb_next(text: str, start: int, end: int, lower: int, upper: int) -> bool:
    """A verb of saying within VERB_WORDS words of the mention `[start, end)`, in `[lower,
    upper)` and not past a sentence end."""
    before = _WORD.findall(text, max(lower, start - 40), start)[-VERB_WORDS:]
    after = _WORD.findall(text, end, min(upper, end + 40))[:VERB_WORDS]
    return any(w.islower() and w.lower() in SPEECH_VERBS for w in before + after)


def _opens_sentence(text: str, start: int, lower: int) -> bool:
    before = text[max(lower, start - 4) : start].rstrip(" \"'“‘”’(")
    return start <= lower or not before or before[-1] in ".!?\u2026:\n"


def _pronoun(text: str, quote: Quote, paragraph: tuple[int, int]) -> str | None:
    """'m' or 'f' when the clause right after the quotation ('..., she said') or right before
    it ('He said: ...') holds he or she."""
    after = _WORD.findall(text, min(quote.end + 1, paragraph[1]), min(paragraph[1],
                          quote.end + 1 + PRONOUN_REACH))  # fmt: skip
    before = _WORD.findall(text, max(paragraph[0], quote.start - PRONOUN_REACH), quote.start)
    for word in after[:3] + before[-3:]:
        if word.lower() in HE:
            return "m"
        if word.lower() in SHE:
            return "f"
    return None


def speaker_candidates(
    text: str, quotes: Sequence[Quote], registry: Registry, spans: Sequence[tuple[int, int]]
) -> list[list[Candidate]]:
    """For each quotation (as `quotes_find` gives them, with the rules' speakers), its
    candidates with their features, the nearest first."""
    starts = [start for start, _ in spans]
    result = []
    previous: Quote | None = None
    for quote in quotes:
        number = max(0, bisect_right(starts, quote.start) - 1)
        paragraph = spans[number]
        lower = max(spans[max(0, number - 1)][0], quote.start - REACH_BEFORE)
        upper = min(spans[min(len(spans) - 1, number + 1)][1], quote.end + REACH_AFTER)
        if number == 0:
            # A headline quotes someone the story names below its lede ("... and its chief warns
            # of 'a long winter'"; "chief executive Annelie Voss" in the third paragraph).
            upper = min(spans[min(len(spans) - 1, HEADLINE_PARAGRAPHS)][1], HEADLINE_REACH)
        seen: dict[str, _Seen] = {}
        first_subject: str | None = None
        for start, end, entity, subject in registry.mentions(lower, upper):
            key = _key(entity.name)
            assert key is not None
            item = seen.get(key)
            if item is None:
                item = seen[key] = _Seen(entity, entity.name)
            item.near += 1
            if start < quote.start:
                item.before = (start, end, subject)
            elif start >= quote.end and item.after is None:
                item.after = (start, end, subject)
            if first_subject is None and subject and paragraph[0] <= start < paragraph[1]:
                first_subject = key
                item.first_in_paragraph = True
        for speaker in (quote.speaker, previous.speaker if previous else None):
            key = _key(speaker)
            if speaker is not None and key is not None and key not in seen:
                seen[key] = _Seen(None, speaker)
        ordered = sorted(seen.values(), key=lambda item: _distance(item, quote))[:MAX_CANDIDATES]
        gender = _pronoun(text, quote, paragraph)
        document = _document_cue(text, quote, paragraph)
        sentence_start = _sentence_start(text, quote.start, paragraph[0])
        inside = bool(_WORD.search(text, sentence_start, quote.start))
        names = {_key(item.speaker): _words(item.speaker) for item in ordered}
        rules_words = _words(quote.speaker) if quote.speaker is not None else frozenset()
        # A headline quotes whom the story is about: the first subject below it, or the most named.
        lede = min(
            (item.after[0] for item in ordered if item.after is not None and item.after[2]),
            default=None,
        )
        quote_features = {
            "rules_unknown": float(quote.speaker is None),
            "quote_short": float(len(quote.text.split()) < 4),
            "quote_opens_paragraph": float(not text[paragraph[0] : quote.start].strip(" \"'“‘«")),
            "candidates": min(len(ordered), 10) / 10,
        }
        candidates = []
        for index, item in enumerate(ordered):
            features = dict(quote_features)
            features.update(_rules_features(item.speaker, quote))
            features.update(_mention_features(text, item, quote, paragraph, spans, number))
            features.update(_entity_features(item, registry, gender))
            previous_key = _key(previous.speaker) if previous is not None else None
            if previous_key is not None and previous_key == _key(item.speaker):
                features["previous_speaker"] = 1.0
                assert previous is not None
                if paragraph[0] <= previous.start:
                    features["previous_speaker_paragraph"] = 1.0
            features["nearest"] = float(index == 0 and _distance(item, quote) < math.inf)
            features.update(
                _general_features(text, item, names, rules_words, gender, document,
                                  sentence_start, inside)
            )  # fmt: skip
            if number == 0:
                features["headline_first_subject"] = float(
                    item.after is not None and item.after[0] == lede
                )
                features["headline_mentions"] = features.get("mentions", 0.0)
            candidates.append(Candidate(item.speaker, features))
        result.append(candidates)
        previous = quote
    return result


def _words(name: str) -> frozenset[str]:
    return frozenset(_key(word) or "" for word in _WORD.findall(name))


def _sentence_start(text: str, at: int, lower: int) -> int:
    """Where the sentence holding `at` starts (not before `lower`, its paragraph's start)."""
    start = lower
    for match in _SENTENCE_END.finditer(text, lower, at):
        start = match.end()
    return start


def _document_cue(text: str, quote: Quote, paragraph: tuple[int, int]) -> bool:
    """Whether the words right before or after the quotation (in its paragraph) name an
    organisation's voice: "it said", "the company said", "the statement read", "a
    spokesperson said", "the inspectors wrote"."""
    before = _WORD.findall(text, max(paragraph[0], quote.start - DOCUMENT_REACH), quote.start)
    after = _WORD.findall(text, min(quote.end + 1, paragraph[1]),
                          min(paragraph[1], quote.end + 1 + DOCUMENT_REACH))  # fmt: skip
    return any(word.lower() in DOCUMENT_WORDS for word in before[-6:] + after[:6])


def _general_features(
    text: str,
    item: _Seen,
    names: dict[str | None, frozenset[str]],
    rules_words: frozenset[str],
    gender: str | None,
    document: bool,
    sentence_start: int,
    inside: bool,
) -> dict[str, float]:
    """Features that do not depend on how one writer phrases an attribution: a name that is
    part of another's, the kind of candidate a pronoun or a document calls for, the subject of
    the quotation's own sentence."""
    features: dict[str, float] = {}
    words = _words(item.speaker)
    key = _key(item.speaker)
    if words and any(other != key and words < others for other, others in names.items()):
        features["fragment"] = 1.0
    if rules_words and rules_words < words:
        features["holds_rules_pick"] = 1.0
    kind = item.entity.kind if item.entity is not None else None
    if gender is not None and kind == "person":
        features["pronoun_person"] = 1.0
    elif gender is not None and kind in ("org", "place"):
        features["pronoun_thing"] = 1.0
    if document and kind in ("org", "person"):
        features["document_org" if kind == "org" else "document_person"] = 1.0
    if item.before is not None:
        start, _end, subject = item.before
        if subject and start >= sentence_start and _opens_sentence(text, start, sentence_start):
            features["sentence_subject"] = 1.0
            features["sentence_subject_inside"] = float(inside)
    return features


def _distance(item: _Seen, quote: Quote) -> float:
    distances = []
    if item.before is not None:
        distances.append(quote.start - item.before[1])
    if item.after is not None:
        distances.append(item.after[0] - quote.end)
    return min(distances, default=math.inf)


def _rules_features(speaker: str, quote: Quote) -> dict[str, float]:
    if quote.speaker is None or _key(quote.speaker) != _key(speaker):
        return {}
    features = {"rules_pick": 1.0, "rules_confidence": quote.speaker_confidence}
    if quote.attribution in _ATTRIBUTIONS:
        features[f"rules_{quote.attribution}"] = 1.0
    return features


def _mention_features(
    text: str,
    item: _Seen,
    quote: Quote,
    paragraph: tuple[int, int],
    spans: Sequence[tuple[int, int]],
    number: int,
) -> dict[str, float]:
    features: dict[str, float] = {}
    if item.before is not None:
        start, end, subject = item.before
        gap = (end, max(end, quote.start - 1))
        ends = _sentence_ends(text, *gap)
        if start >= paragraph[0]:
            where = "same_sentence" if ends == 0 else "previous_sentence" if ends == 1 else (
                "same_paragraph")  # fmt: skip
        else:
            where = "previous_paragraph"
        features[f"before_{where}"] = 1.0
        features["before_distance"] = math.log1p(gap[1] - gap[0]) / 8
        features["before_sentences"] = min(ends, 5) / 5
        lower = paragraph[0] if start >= paragraph[0] else spans[max(0, number - 1)][0]
        features["before_verb_next"] = float(_verb_next(text, start, end, lower, quote.start))
        features["before_verb_between"] = float(ends == 0 and _speech_verb_in(text, *gap))
        features["before_subject"] = float(subject and _opens_sentence(text, start, lower))
        features["before_colon"] = float(text[gap[0] : gap[1]].rstrip()[-1:] == ":")
        features["modifier"] = float(not subject)
    if item.after is not None:
        start, end, subject = item.after
        gap = (min(quote.end + 1, start), start)
        ends = _sentence_ends(text, *gap)
        if start < paragraph[1]:
            where = "same_sentence" if ends == 0 else "same_paragraph"
        else:
            where = "next_paragraph"
        features[f"after_{where}"] = 1.0
        features["after_distance"] = math.log1p(gap[1] - gap[0]) / 8
        features["after_sentences"] = min(ends, 5) / 5
        upper = paragraph[1] if start < paragraph[1] else spans[min(len(spans) - 1, number + 1)][1]
        features["after_verb_next"] = float(_verb_next(text, start, end, quote.end, upper))
        features["after_verb_between"] = float(ends == 0 and _speech_verb_in(text, *gap))
        lower = paragraph[0] if start < paragraph[1] else spans[min(len(spans) - 1, number + 1)][0]
        features["after_subject"] = float(subject and _opens_sentence(text, start, lower))
        if item.before is None:
            features["modifier"] = float(not subject)
    return features


def _entity_features(item: _Seen, registry: Registry, gender: str | None) -> dict[str, float]:
    entity = item.entity
    if entity is None:
        return {"not_mentioned": 1.0}
    features = {
        f"kind_{entity.kind}": 1.0,
        "mentions": math.log1p(registry.mention_count(entity)) / 3,
        "mentions_near": min(item.near, 5) / 5,
        "paragraph_first": float(item.first_in_paragraph),
    }
    if gender is not None and entity.gender is not None:
        features["pronoun_match" if entity.gender == gender else "pronoun_clash"] = 1.0
    return features


# --- the ranker in the suggestions --------------------------------------------------------------


def quotes_ranked(
    text: str, *, language: str = "en", ranker: SpeakerRanker | None = None
) -> list[Quote]:
    """`quotes_find`'s quotations with the ranker's speakers (its probability as the speaker's
    confidence; "ranked" as how the speaker was found when it differs from the rules'). Without
    a ranker (`ranker_load` found no file), the rules' speakers."""
    quotes, registry, spans = quotes_and_registry(text, language=language)
    if ranker is None:
        return quotes
    ranked = []
    for quote, candidates in zip(
        quotes, speaker_candidates(text, quotes, registry, spans), strict=True
    ):
        speaker, probability = speaker_choose(ranker, candidates)
        if _key(speaker) == _key(quote.speaker):
            if speaker is None:
                ranked.append(quote)
            else:
                ranked.append(replace(quote, speaker_confidence=round(probability, 4)))
        elif speaker is None:
            ranked.append(
                replace(quote, speaker=None, speaker_confidence=0.0, speaker_start=None,
                        speaker_end=None, attribution="none")
            )  # fmt: skip
        else:
            ranked.append(
                replace(quote, speaker=speaker, speaker_confidence=round(probability, 4),
                        speaker_start=None, speaker_end=None, attribution="ranked")
            )  # fmt: skip
    return ranked


@lru_cache(maxsize=4)
def ranker_load(path: Path = RANKER_FILE) -> SpeakerRanker | None:
    """The shipped ranker, or None when its file is absent or unreadable (the rules decide)."""
    try:
        return SpeakerRanker.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


# --- training -----------------------------------------------------------------------------------

# One quotation: its candidates and the marked speaker (None: unknown).
SpeakerExample = tuple[Sequence[Candidate], str | None]


def _rows(examples: Sequence[SpeakerExample]) -> tuple[list[list[float]], list[bool]]:
    rows, labels = [], []
    for candidates, speaker in examples:
        for candidate in candidates:
            rows.append([candidate.features.get(name, 0.0) for name in SPEAKER_FEATURES])
            labels.append(_key(candidate.speaker) == _key(speaker))
    return rows, labels


def speaker_accuracy(ranker: SpeakerRanker, examples: Sequence[SpeakerExample]) -> float:
    """The share of quotations whose chosen speaker is the marked one (unknown for `?`)."""
    if not examples:
        return 0.0
    right = sum(
        _key(speaker_choose(ranker, candidates)[0]) == _key(speaker)
        for candidates, speaker in examples
    )
    return right / len(examples)


def ranker_train(
    examples: Sequence[SpeakerExample], *, name: str, c: float = REGULARISATION_C
) -> SpeakerRanker:
    """A logistic regression over the candidates' features (a candidate is positive when it is
    the marked speaker), then the threshold of THRESHOLDS with the best accuracy on the same
    quotations (the lowest of equals). Deterministic: lbfgs, a fixed random_state. Raises
    ValueError unless there are positive and negative candidates."""
    rows, labels = _rows(examples)
    if all(labels) or not any(labels):
        raise ValueError("training needs candidates that are and are not the speaker")
    from sklearn.linear_model import LogisticRegression

    regression = LogisticRegression(C=c, random_state=RANDOM_STATE, max_iter=MAX_ITERATIONS)
    regression.fit(rows, labels)
    ranker = SpeakerRanker(
        name=name,
        weights={n: float(regression.coef_[0][i]) for i, n in enumerate(SPEAKER_FEATURES)},
        intercept=float(regression.intercept_[0]),
    )
    best = max(
        THRESHOLDS,
        key=lambda t: (speaker_accuracy(replace(ranker, threshold=t), examples), -t),
    )
    return replace(ranker, threshold=best)
