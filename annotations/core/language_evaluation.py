"""Figures of the language detector on an evaluation set (tests/data/languages-eval/): what
`bench_languages` prints.

The set has one file per language (`fr.txt`: one sentence of five or more words a line) and
`short.txt` (a language tag, a tab and a text of one to three words a line).

- accuracy on sentences: the share of sentences answered with the language they are written
  in. A sentence left without an answer (`language_detect` returns None when unsure) counts
  against it as a wrong answer does; the two are counted apart, since the desk treats them
  differently (no answer keeps the language it had, a wrong one replaces it);
- short texts: the desk should not guess their language (issue 17: under four words, the
  article's language stands), so the figures are how many were left unanswered, how many
  guessed, and how many of those guesses were wrong.

The split: in each language's file the odd lines (1st, 3rd, ...) are the tuning half any
threshold may be chosen on, the even lines the held-out half the targets are judged on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SHORT_FILE = "short.txt"
MAX_SHORT_WORDS = 3
_LANGUAGE_FILE = re.compile(r"[a-z]{2}\.txt")

Detector = Callable[[str], str | None]


@dataclass(frozen=True)
class EvalSentence:
    language: str
    text: str
    line: int
    split: str  # "tune" (odd lines) or "held-out" (even lines)


@dataclass(frozen=True)
class EvalShort:
    language: str
    text: str


@dataclass(frozen=True)
class LanguageSet:
    sentences: list[EvalSentence]
    short: list[EvalShort]

    @property
    def languages(self) -> list[str]:
        return sorted({sentence.language for sentence in self.sentences})


def eval_load(directory: Path) -> LanguageSet:
    """The set in `directory`; ValueError naming the file and line of anything malformed."""
    sentences = []
    for path in sorted(directory.glob("*.txt")):
        if path.name == SHORT_FILE:
            continue
        if not _LANGUAGE_FILE.fullmatch(path.name):
            raise ValueError(f"{path.name}: a language's file is named by its ISO 639-1 code")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                raise ValueError(f"{path.name}, line {number}: empty")
            split = "tune" if number % 2 else "held-out"
            sentences.append(EvalSentence(path.stem, line.strip(), number, split))
    if not sentences:
        raise ValueError(f"{directory}: no language's file (xx.txt)")
    short = []
    short_path = directory / SHORT_FILE
    if short_path.exists():
        for number, line in enumerate(short_path.read_text(encoding="utf-8").splitlines(), 1):
            language, tab, text = line.partition("\t")
            if not tab or not re.fullmatch(r"[a-z]{2}", language) or not text.strip():
                raise ValueError(f"{SHORT_FILE}, line {number}: not 'language<TAB>text'")
            if len(text.split()) > MAX_SHORT_WORDS:
                raise ValueError(f"{SHORT_FILE}, line {number}: more than three words")
            short.append(EvalShort(language, text.strip()))
    return LanguageSet(sentences, short)


@dataclass(frozen=True)
class Tally:
    """Answers to texts of known language: right, wrong, and none given."""

    right: int = 0
    wrong: int = 0
    unanswered: int = 0

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.unanswered

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def guessed(self) -> int:
        return self.right + self.wrong

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.right + other.right,
            self.wrong + other.wrong,
            self.unanswered + other.unanswered,
        )


def tally(expected: Sequence[str], answers: Sequence[str | None]) -> Tally:
    """How `answers` compare with the `expected` languages (primary subtags compared: an
    answer "pt-BR" for a Portuguese text is right)."""
    right = wrong = unanswered = 0
    for language, answer in zip(expected, answers, strict=True):
        if answer is None:
            unanswered += 1
        elif _is(answer, language):
            right += 1
        else:
            wrong += 1
    return Tally(right, wrong, unanswered)


def _is(answer: str, language: str) -> bool:
    return answer.lower().split("-")[0] == language


@dataclass(frozen=True)
class Figures:
    """One detector's answers on a set: per language and split, and on the short texts."""

    by_language: dict[tuple[str, str], Tally]  # (language, split) -> tally
    short: Tally

    def split(self, split: str, language: str | None = None) -> Tally:
        """The tally of one split ("tune", "held-out", or "all"), of one language or all."""
        total = Tally()
        for (lang, part), counted in self.by_language.items():
            if (language is None or lang == language) and split in ("all", part):
                total += counted
        return total


def figures(language_set: LanguageSet, detect: Detector) -> Figures:
    """`detect`'s answers on every sentence and short text of the set."""
    by_language: dict[tuple[str, str], Tally] = {}
    for sentence in language_set.sentences:
        key = (sentence.language, sentence.split)
        by_language[key] = by_language.get(key, Tally()) + tally(
            [sentence.language], [detect(sentence.text)]
        )
    short = tally(
        [text.language for text in language_set.short],
        [detect(text.text) for text in language_set.short],
    )
    return Figures(by_language, short)


def misses(
    sentences: Sequence[EvalSentence], detect: Detector
) -> list[tuple[EvalSentence, str | None]]:
    """The sentences `detect` does not answer with their language, with its answer."""
    found = [(sentence, detect(sentence.text)) for sentence in sentences]
    return [
        (sentence, answer)
        for sentence, answer in found
        if answer is None or not _is(answer, sentence.language)
    ]
