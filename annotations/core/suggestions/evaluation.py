"""Figures of the suggestions on the evaluation set (tests/data/suggestions-eval/): what
`bench_suggestions` prints.

The set is a directory of hand-marked articles (the format is in that directory's README.md):
`[[...]]` marks a check-worthy claim, `{{quoted words|Speaker}}` a quotation and who said it
(`?`: the text does not say). `markup_parse` strips the markup and keeps where each mark lies in
the canonical text (code points), as the desk's offsets do.

- claim ranking, per article: its sentences (`core.sentences.sentences_split`), each marked when it
  overlaps a marked claim and scored by the highest candidate (sentence or clause) lying in it;
  then the recall of marked sentences among each article's top 30% and precision@10
  (`ranking_figures`);
- quote span recall: the share of marked quotes found with exactly the same (start, end); span
  precision: the share of found quotes that are marked with exactly that span;
- speaker accuracy: among the marked quotes whose span was found, the share whose predicted speaker
  is the marked one (case and spacing aside; a quote marked `?` is right only when the speaker is
  predicted unknown);
- the baselines the rules must beat: sentences ranked by "has a digit" then length; quotes as
  whatever lies between straight or curly double quotes; the speaker as the nearest two
  capitalised words before or after the quote in its paragraph.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import get_args

from annotations.core.sentences import sentences_split
from annotations.core.suggestions.checkworthiness import candidates_split
from annotations.core.suggestions.model import DeskModel
from annotations.core.suggestions.quotes import Attribution, Quote, quotes_and_registry
from annotations.core.suggestions.speaker_ranker import (
    REGULARISATION_C,
    SPEAKER_SURE,
    Candidate,
    SpeakerExample,
    ranker_train,
    speaker_candidates,
    speaker_choose,
)
from annotations.core.suggestions.suggest import claims_scored
from annotations.core.text import PARAGRAPH_SEPARATOR, canonical_text, split_paragraphs

# "blind": articles written after the scorers were tuned, by someone who never read those scorers
# (see the set's README.md); they are measured like the test split and never trained on.
SPLITS = ("train", "test", "blind")
UNKNOWN_SPEAKER = "?"


@dataclass(frozen=True)
class EvalQuote:
    """A marked quotation: `text == article.text[start:end]`, without its quote marks."""

    start: int
    end: int
    text: str
    speaker: str | None  # None: marked "?", the text does not say who spoke


@dataclass(frozen=True)
class EvalArticle:
    id: str  # the file name without ".txt", e.g. "b01-budget"
    split: str  # "train", "test" or "blind"
    language: str
    text: str  # canonical, markup stripped
    claims: list[tuple[int, int]]  # marked check-worthy claims, (start, end) in text order
    quotes: list[EvalQuote]  # in text order


# --- the markup -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\[\[|\]\]|\{\{|\}\}|\|")
_HEADER_SPLIT = re.compile(r"split: *(\S+)")
_HEADER_LANGUAGE = re.compile(r"language: *([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)")


class _Open:
    """A mark opened and not yet closed, while parsing."""

    def __init__(self, kind: str, start: int, line: int) -> None:
        self.kind = kind  # "claim" or "quote"
        self.start = start  # offset in the stripped body
        self.line = line
        self.end: int | None = None  # a quote's end, once its "|" is read
        self.speaker_from: int | None = None  # where a quote's speaker starts in the raw body


def markup_parse(raw: str, *, name: str = "<string>") -> EvalArticle:
    """One article of the set from its file's content; `name` is the file name (errors name it).

    Raises ValueError, naming the file and line, for a bad header, unbalanced or crossing marks,
    a quote inside a quote or a claim inside a claim, a `|` outside a quote, an empty mark, a
    quote with spaces at either end, or a text that is not canonical once the markup is gone.
    """
    # Line ends and trailing spaces are normalised first: they do not move any line, so errors
    # still name the line the writer sees.
    raw = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    raw = raw.removeprefix("\ufeff")
    lines = [line.rstrip() for line in raw.split("\n")]

    def fail(line: int, message: str) -> ValueError:
        return ValueError(f"{name}, line {line}: {message}")

    if len(lines) < 4:
        raise fail(len(lines), "expected 'split:', 'language:', a blank line, then the text")
    split_match = _HEADER_SPLIT.fullmatch(lines[0])
    if not split_match or split_match.group(1) not in SPLITS:
        raise fail(
            1,
            f"the first line must be 'split: train', 'split: test' or 'split: blind', not "
            f"{lines[0]!r}",
        )
    language_match = _HEADER_LANGUAGE.fullmatch(lines[1])
    if not language_match:
        raise fail(2, f"the second line must be 'language: <code>', not {lines[1]!r}")
    if lines[2]:
        raise fail(3, "the header ends with a blank line")
    first_line = 4
    # The blank lines a file ends with are not part of the article.
    body = "\n".join(lines[3:]).rstrip("\n")

    out: list[str] = []  # the stripped body, piece by piece
    length = 0
    stack: list[_Open] = []
    claims: list[tuple[int, int]] = []
    quotes: list[EvalQuote] = []
    cursor = 0
    for token in _TOKEN.finditer(body):
        line = first_line + body.count("\n", 0, token.start())
        quote_open = next((mark for mark in stack if mark.kind == "quote"), None)
        piece = body[cursor : token.start()]
        if quote_open is not None and quote_open.speaker_from is not None:
            if "\n" in piece:
                raise fail(quote_open.line, "a speaker's name runs over a line end: '}}' missing")
        else:
            out.append(piece)
            length += len(piece)
        cursor = token.end()
        value = token.group()
        in_speaker = quote_open is not None and quote_open.speaker_from is not None
        if in_speaker and value != "}}":
            raise fail(line, f"{value!r} inside a speaker's name")
        if value == "[[":
            if any(mark.kind == "claim" for mark in stack):
                raise fail(line, "a claim inside a claim")
            stack.append(_Open("claim", length, line))
        elif value == "{{":
            if quote_open is not None:
                raise fail(line, "a quote inside a quote: mark only the outer quotation")
            stack.append(_Open("quote", length, line))
        elif value == "]]":
            if not stack or stack[-1].kind != "claim":
                raise fail(line, _unexpected("]]", stack))
            mark = stack.pop()
            if length == mark.start:
                raise fail(line, "an empty claim")
            claims.append((mark.start, length))
        elif value == "|":
            if not stack or stack[-1].kind != "quote":
                raise fail(line, _unexpected("|", stack))
            stack[-1].end = length
            stack[-1].speaker_from = cursor
        else:  # "}}"
            if not stack or stack[-1].kind != "quote":
                raise fail(line, _unexpected("}}", stack))
            mark = stack.pop()
            if mark.speaker_from is None or mark.end is None:
                raise fail(line, "a quote without '|Speaker' (use '|?' when nobody is named)")
            speaker = " ".join(body[mark.speaker_from : token.start()].split())
            if not speaker:
                raise fail(line, "an empty speaker (use '?' when nobody is named)")
            quotes.append(
                EvalQuote(mark.start, mark.end, "", None if speaker == UNKNOWN_SPEAKER else speaker)
            )
            if mark.end == mark.start:
                raise fail(line, "an empty quote")
    if stack:
        mark = stack[-1]
        raise fail(mark.line, f"this {mark.kind} is never closed")
    out.append(body[cursor:])
    stripped = "".join(out)

    # The text must already be canonical, or the offsets would point elsewhere in the desk.
    text = canonical_text(stripped)
    if text != stripped:
        where = next(
            (i for i, (a, b) in enumerate(zip(text, stripped, strict=False)) if a != b),
            min(len(text), len(stripped)),
        )
        line = first_line + stripped.count("\n", 0, where)
        raise fail(line, "the text is not canonical (blank lines or spaces at its ends, or two "
                         "blank lines between paragraphs)")  # fmt: skip
    for quote in quotes:
        words = text[quote.start : quote.end]
        if words != words.strip():
            line = first_line + text.count("\n", 0, quote.start)
            raise fail(line, f"a quote with spaces at an end: {words!r}")
    return EvalArticle(
        id=name.removesuffix(".txt"),
        split=split_match.group(1),
        language=language_match.group(1),
        text=text,
        claims=sorted(claims),
        quotes=sorted(
            (EvalQuote(q.start, q.end, text[q.start : q.end], q.speaker) for q in quotes),
            key=lambda q: (q.start, q.end),
        ),
    )


def _unexpected(token: str, stack: list[_Open]) -> str:
    if not stack:
        return f"{token!r} with nothing open"
    return f"{token!r} while the {stack[-1].kind} of line {stack[-1].line} is open (crossing marks)"


def eval_load(directory: Path) -> list[EvalArticle]:
    """Every article of the set (`*.txt` in the directory), by file name."""
    files = sorted(directory.glob("*.txt"))
    if not files:
        raise ValueError(f"{directory}: no article (*.txt) here")
    return [markup_parse(file.read_text(encoding="utf-8"), name=file.name) for file in files]


# --- claim ranking ------------------------------------------------------------------------------

# (start, end, score) of each scored span of an article's text.
ScoredSpans = Sequence[tuple[int, int, float]]


def sentences_ranked(article: EvalArticle, scored: ScoredSpans) -> list[tuple[float, bool]]:
    """The article's sentences in text order as (score, is_marked): marked when the sentence
    overlaps a marked claim; its score the highest of the scored spans lying in it (0 if none),
    since a candidate may be a clause of the sentence."""
    ranked = []
    for sentence in sentences_split(article.text, language=article.language):
        inside = [
            score for start, end, score in scored if start >= sentence.start and end <= sentence.end
        ]
        marked = any(start < sentence.end and sentence.start < end for start, end in article.claims)
        ranked.append((max(inside, default=0.0), marked))
    return ranked


def claims_spans(article: EvalArticle, *, model: DeskModel | None = None) -> ScoredSpans:
    """The shipped scorer's candidates (rules, or the model): `claims_scored`."""
    return [
        (s.start, s.end, s.score)
        for s in claims_scored(article.text, language=article.language, model=model)
    ]


def baseline_claims_spans(article: EvalArticle) -> ScoredSpans:
    """The baseline: sentences with a digit first, then the longer first."""
    return [
        (s.start, s.end, (1.0 if _DIGIT.search(s.text) else 0.0) + min(len(s.text), 9_999) / 1e4)
        for s in sentences_split(article.text, language=article.language)
    ]


_DIGIT = re.compile(r"\d")


def claim_rankings(
    articles: Sequence[EvalArticle], scorer: Callable[[EvalArticle], ScoredSpans]
) -> list[list[tuple[float, bool]]]:
    """Each article's sentences ranked by `scorer`, the input of `ranking_figures`."""
    return [sentences_ranked(article, scorer(article)) for article in articles]


def training_examples(articles: Sequence[EvalArticle]) -> list[tuple[dict[str, float], bool]]:
    """(features, is_marked) of every candidate of the articles: a candidate (a sentence or a
    clause) is marked when it overlaps a marked claim, as a desk's highlights would label it."""
    examples = []
    for article in articles:
        for candidate in candidates_split(article.text, language=article.language):
            marked = any(
                candidate.start < end and start < candidate.end for start, end in article.claims
            )
            examples.append((candidate.features, marked))
    return examples


# --- quotes and speakers -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteFigures:
    marked: int
    found: int
    matched: int  # found with exactly a marked quote's span
    span_recall: float  # matched / marked
    span_precision: float  # matched / found
    speakers_right: int  # among the matched
    speaker_accuracy: float  # speakers_right / matched
    speakers_unknown: int  # matched quotes whose speaker was predicted unknown
    # matched quotes given a speaker at SPEAKER_SURE or more, and how many of those are right
    speakers_sure: int = 0
    sure_right: int = 0

    @property
    def sure_share(self) -> float:
        return _ratio(self.speakers_sure, self.matched)

    @property
    def sure_accuracy(self) -> float:
        return _ratio(self.sure_right, self.speakers_sure)


QuoteFinder = Callable[[str, str], Sequence[Quote]]  # (text, language) -> quotes


def speaker_key(name: str | None) -> str | None:
    """A speaker's name compared case- and spacing-insensitively."""
    return " ".join(name.casefold().split()) if name is not None else None


def quote_figures(articles: Sequence[EvalArticle], finder: QuoteFinder) -> QuoteFigures:
    """Span recall and precision (exact (start, end)), pooled over the articles, and the speaker
    accuracy on the quotes whose span was found."""
    marked = found = matched = right = unknown = sure = sure_right = 0
    for article in articles:
        predicted = {(q.start, q.end): q for q in finder(article.text, article.language)}
        marked += len(article.quotes)
        found += len(predicted)
        for quote in article.quotes:
            hit = predicted.get((quote.start, quote.end))
            if hit is None:
                continue
            matched += 1
            unknown += hit.speaker is None
            is_right = speaker_key(hit.speaker) == speaker_key(quote.speaker)
            right += is_right
            if hit.speaker is not None and hit.speaker_confidence >= SPEAKER_SURE:
                sure += 1
                sure_right += is_right
    return QuoteFigures(
        marked, found, matched, _ratio(matched, marked), _ratio(matched, found),
        right, _ratio(right, matched), unknown, sure, sure_right,
    )  # fmt: skip


@dataclass(frozen=True)
class SpeakerError:
    """A marked quotation found with its exact span but another speaker."""

    article: str
    quote: str
    marked: str | None  # None: "?", the text does not say
    found: str | None  # None: unknown
    attribution: str  # how the finder found its speaker ("named", "pronoun", ...)


def speaker_errors(articles: Sequence[EvalArticle], finder: QuoteFinder) -> list[SpeakerError]:
    """Every quotation whose span was found but whose speaker was not, in article order. Blind
    articles are skipped: their errors are for nobody to read."""
    errors = []
    for article in articles:
        if article.split == "blind":
            continue
        found = {(q.start, q.end): q for q in finder(article.text, article.language)}
        for quote in article.quotes:
            hit = found.get((quote.start, quote.end))
            if hit is not None and speaker_key(hit.speaker) != speaker_key(quote.speaker):
                errors.append(
                    SpeakerError(
                        article.id, quote.text, quote.speaker, hit.speaker, hit.attribution
                    )
                )
    return errors


def writer_of(article: EvalArticle) -> str:
    """The writer of an article: the letters its id starts with ("c" for "c03-seagrass")."""
    match = re.match(r"[^\W\d_]+", article.id)
    return match.group() if match else article.id


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# Straight or curly double quotes around anything but another double quote, in one paragraph.
_BASELINE_QUOTE = re.compile(r"[\"“”]([^\"“”\n]+)[\"“”]")
# Two capitalised words: "Maria Lopez", "Jan Egeland" (and "The Ministry": the baseline's limit).
_BASELINE_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]* [A-Z][\w'’-]*[a-z]\w*")


def baseline_quotes_find(text: str, language: str = "en") -> list[Quote]:
    """The baseline: what lies between two double quotes (straight or curly), its speaker the
    nearest two capitalised words outside it, before or after, in the same paragraph."""
    quotes = []
    for paragraph in split_paragraphs(text):
        names = [(m.start(), m.end(), m.group()) for m in _BASELINE_NAME.finditer(paragraph.text)]
        for match in _BASELINE_QUOTE.finditer(paragraph.text):
            outside = [
                (min(abs(match.start() - end), abs(start - match.end())), name)
                for start, end, name in names
                if end <= match.start() or start >= match.end()
            ]
            speaker = min(outside)[1] if outside else None
            start = paragraph.start + match.start(1)
            quotes.append(
                Quote(start, start + len(match.group(1)), match.group(1), 0.5, speaker,
                      0.5 if speaker else 0.0)
            )  # fmt: skip
    return quotes


def long_text(articles: Sequence[EvalArticle], *, at_least: int = 20_000) -> str:
    """The articles' texts joined as paragraphs, repeated as needed, up to at least `at_least`
    code points: an article of that size made of the set's own prose."""
    texts = [article.text for article in articles if article.text]
    if not texts:
        raise ValueError("no article text to build a long article from")
    parts = [texts[0]]
    size = len(texts[0])
    while size < at_least:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        size += len(PARAGRAPH_SEPARATOR) + len(text)
    return PARAGRAPH_SEPARATOR.join(parts)


# --- the speaker ranker, leave one writer out ---------------------------------------------------


@dataclass(frozen=True)
class SpeakerQuote:
    """A marked quotation whose span the rules found: its ranker candidates, the marked speaker
    and the rules' speaker. `blind`: the rules' speakers are those of the rules before this
    writer's articles were tuned on (`rules_when_blind`), not the shipped rules'. `twin`: a
    blind example whose article the shipped rules read exactly as those rules did (a writer
    nobody has tuned on yet), so that it repeats a shipped-rules example."""

    article: str
    writer: str
    candidates: Sequence[Candidate]
    marked: str | None
    rules: str | None
    blind: bool = False
    twin: bool = False


# The rules' speakers before each writer was tuned on, beside the articles (see the set's README).
RULES_WHEN_BLIND = "rules-when-blind.json"
BlindRules = dict[str, list[tuple[int, int, str | None, float, str]]]


def rules_when_blind(directory: Path) -> BlindRules:
    """{article id: [(start, end, speaker, confidence, attribution), ...]} from the set's
    RULES_WHEN_BLIND file: what the rules said on each of the c-j writers' articles before
    anyone tuned them on that writer. Empty when the file is absent."""
    path = directory / RULES_WHEN_BLIND
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        article: [(int(a), int(b), c, float(d), str(e)) for a, b, c, d, e in quotes]
        for article, quotes in data["articles"].items()
    }


def _with_rules(
    quotes: list[Quote], blind: list[tuple[int, int, str | None, float, str]]
) -> list[Quote]:
    """The quotations with the speakers another version of the rules gave them (by span;
    unknown where that version did not find the span)."""
    by_span = {
        (start, end): (speaker, confidence, how) for start, end, speaker, confidence, how in blind
    }
    replaced = []
    for quote in quotes:
        speaker, confidence, how = by_span.get((quote.start, quote.end), (None, 0.0, "none"))
        replaced.append(
            replace(quote, speaker=speaker, speaker_confidence=confidence,
                    attribution=how if how in get_args(Attribution) else "none")  # type: ignore[arg-type]
        )  # fmt: skip
    return replaced


def speaker_quotes(
    articles: Sequence[EvalArticle], blind_rules: BlindRules | None = None
) -> list[SpeakerQuote]:
    """The ranker's examples: every marked quotation found with its exact span, with the shipped
    rules' speakers, and once more with the rules' speakers of `blind_rules` for the articles
    it holds (blind articles are never passed: their quotations are for nobody to learn from)."""
    found = []
    for article in articles:
        quotes, registry, spans = quotes_and_registry(article.text, language=article.language)
        versions = [(quotes, False, False)]
        if blind_rules and article.id in blind_rules:
            before = _with_rules(quotes, blind_rules[article.id])
            versions.append((before, True, before == quotes))
        for version, blind, twin in versions:
            candidates = speaker_candidates(article.text, version, registry, spans)
            by_span = {(q.start, q.end): (q, c) for q, c in zip(version, candidates, strict=True)}
            for marked in article.quotes:
                hit = by_span.get((marked.start, marked.end))
                if hit is not None:
                    found.append(
                        SpeakerQuote(article.id, writer_of(article), hit[1], marked.speaker,
                                     hit[0].speaker, blind, twin)
                    )  # fmt: skip
    return found


# How many times a quotation counts in training with the rules' speakers of before its writer
# was tuned on (once with the shipped rules'): a new writer meets rules that were never tuned on
# it, so those examples are the ones like what the ranker will see. Chosen leave one writer out
# (docs/suggestions.md: 1 gave 0.834 on the writers held out, 2 gave 0.845).
BLIND_WEIGHT = 2


def ranker_examples(quotes: Sequence[SpeakerQuote]) -> list[SpeakerExample]:
    """The ranker's training examples: (candidates, marked speaker) per quotation, each one
    with the rules as they were before its writer was tuned on repeated BLIND_WEIGHT times; a
    twin (the shipped rules not yet tuned on that writer) counts BLIND_WEIGHT times in all."""
    return [(q.candidates, q.marked) for q in quotes for _ in range(_weight(q))]


def _weight(quote: SpeakerQuote) -> int:
    if not quote.blind:
        return 1
    return BLIND_WEIGHT - 1 if quote.twin else BLIND_WEIGHT


@dataclass(frozen=True)
class WriterFigures:
    writer: str
    quotes: int
    rules: float  # the rules' speaker accuracy on the writer's quotations
    ranker: float  # the ranker's, trained on the other writers only
    blind: bool = False  # with the rules as they were before this writer was tuned on
    sure_share: float = 0.0  # the share the ranker names at SPEAKER_SURE or more
    sure_accuracy: float = 0.0  # and how many of those it names right


def speaker_cross_validation(
    quotes: Sequence[SpeakerQuote], *, c: float = REGULARISATION_C
) -> list[WriterFigures]:
    """Leave one writer out: for each writer, a ranker trained on the other writers' quotations
    (both versions of the rules, `ranker_examples`) scores this one's; beside it, the rules'
    accuracy on the same quotations. A row per writer with the shipped rules, then a row per
    writer with the rules as they were before that writer (`blind`, where known); each kind
    ends with a row "all" pooling its held-out quotations."""
    writers = sorted({q.writer for q in quotes})
    rankers = {
        writer: ranker_train(
            ranker_examples([q for q in quotes if q.writer != writer]),
            name=f"cv-{writer}",
            c=c,
        )
        for writer in writers
    }
    rows = []
    for blind in (False, True):
        right_rules = right_ranker = total = sure = sure_right = 0
        for writer in writers:
            held = [q for q in quotes if q.writer == writer and q.blind == blind]
            if not held:
                continue
            rules = sum(speaker_key(q.rules) == speaker_key(q.marked) for q in held)
            chosen = [(speaker_choose(rankers[writer], q.candidates), q.marked) for q in held]
            right = [speaker_key(speaker) == speaker_key(marked) for (speaker, _), marked in chosen]
            given = [speaker is not None and p >= SPEAKER_SURE for (speaker, p), _ in chosen]
            right_rules += rules
            right_ranker += sum(right)
            total += len(held)
            sure += sum(given)
            sure_right += sum(g and r for g, r in zip(given, right, strict=True))
            rows.append(
                WriterFigures(
                    writer, len(held), rules / len(held), sum(right) / len(held), blind,
                    _ratio(sum(given), len(held)),
                    _ratio(sum(g and r for g, r in zip(given, right, strict=True)), sum(given)),
                )
            )  # fmt: skip
        if total:
            rows.append(
                WriterFigures(
                    "all", total, _ratio(right_rules, total), _ratio(right_ranker, total), blind,
                    _ratio(sure, total), _ratio(sure_right, sure),
                )
            )  # fmt: skip
    return rows
