"""python manage.py bench_reanchor: re-anchoring many highlights across one article revision.

Builds a seeded news-like article and a realistic revision of it (new paragraphs and
sentences, a moved and a deleted paragraph, corrected figures and words, curly quotes,
dashes and collapsed double spaces), spreads highlights over the old text, then times
``reanchor`` for all of them, ``reanchor`` with no highlights (its diff alone) and
diff-match-patch's ``diff_main`` with the package's defaults on the same two texts. Times
are the best and median of --runs runs (time.perf_counter). Pure Python: no database.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from diff_match_patch import diff_match_patch
from django.core.management.base import BaseCommand, CommandParser

from annotations.core.anchoring import DIFF_TIMEOUT_SECONDS, StoredTarget, quote_around, reanchor

TARGET_SECONDS = 1.0
SEED = 20260601

SUBJECTS = [
    "The finance minister",
    "The central bank",
    "The national statistics office",
    "Opposition leaders",
    "The mayor of {city}",
    "A spokeswoman for the ministry",
    "Union representatives",
    "Economists at {bank}",
    "The regional council in {city}",
]
VERBS = [
    "said on {day} that",
    "told reporters in {city} that",
    "warned in a statement that",
    "claimed in a radio interview that",
    "wrote in a report published on {day} that",
]
CLAIMS = [
    "unemployment fell to {pct}% in {month}",
    "consumer prices rose {pct}% from a year earlier",
    "the budget deficit would narrow to {pct}% of economic output next year",
    "rents in {city} had climbed {pct}% since {year}",
    "the government had spent {n} million euros on the housing programme",
    "{n} new homes were completed in {year}",
    "exports to {country} grew {pct}% in the first quarter",
    "hospital waiting lists had grown by {n} patients since {month}",
]
TAILS = [
    "",
    ", a figure critics disputed",
    ", the highest level since {year}",
    ", according to preliminary data",
    " - though the estimate may still be revised",
]
PLACES = {
    "city": ["Lyon", "Porto", "Gdansk", "Leipzig", "Bologna", "Tampere"],
    "bank": ["Nordbank", "Crédit Atlas", "Helvetia Capital"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "month": ["January", "March", "May", "July", "September", "November"],
    "country": ["Canada", "Japan", "Brazil", "Kenya", "Poland"],
}


class Command(BaseCommand):
    help = "Benchmark re-anchoring highlights across an article revision (no database)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chars", type=int, default=20_000, help="article length")
        parser.add_argument("--highlights", type=int, default=500, help="highlights to carry")
        parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")

    def handle(self, *args: Any, chars: int, highlights: int, runs: int, **options: Any) -> None:
        rng = random.Random(SEED)
        paragraphs = article_paragraphs(rng, chars)
        old_text = "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)
        new_text = "\n\n".join(" ".join(paragraph) for paragraph in revision(rng, paragraphs))
        targets = spread_highlights(rng, old_text, highlights)

        anchors, carry = timed(lambda: reanchor(old_text, new_text, targets), runs)
        # With no targets, reanchor only diffs: its own diff, folded and paragraph by paragraph.
        _, own_diff = timed(lambda: reanchor(old_text, new_text, []), runs)
        differ = diff_match_patch()  # its defaults: line mode first, a 1 s timeout
        _, diff_main = timed(lambda: differ.diff_main(old_text, new_text), runs)

        self.stdout.write(
            f"Article {len(old_text):,} characters, revision {len(new_text):,} characters, "
            f"{len(targets)} highlights; best and median of {runs} runs."
        )
        rows = [
            (f"reanchor, {len(targets)} highlights", carry),
            ("reanchor, no highlights (its diff)", own_diff),
            ("diff_main alone (package defaults)", diff_main),
        ]
        for name, seconds in rows:
            self.stdout.write(
                f"{name:<38} best {min(seconds) * 1000:>8.1f} ms   "
                f"median {statistics.median(seconds) * 1000:>8.1f} ms"
            )
        median = statistics.median(carry)
        self.stdout.write(
            f"reanchor / diff_main (medians): {median / statistics.median(diff_main):.2f}x"
        )
        methods = Counter("orphaned" if found is None else found.method for found in anchors)
        self.stdout.write(
            "Highlights: "
            + ", ".join(
                f"{methods[method]} {method}"
                for method in ("carried", "quote", "fuzzy", "orphaned")
            )
        )
        self.stdout.write(
            f"Target: {len(targets)} highlights re-anchored in under {TARGET_SECONDS:.0f} s "
            f"(diff timeout {DIFF_TIMEOUT_SECONDS} s)."
        )
        if median < TARGET_SECONDS:
            self.stdout.write(self.style.SUCCESS("Every target met."))
        else:
            self.stdout.write(self.style.ERROR(f"Targets missed: median {median:.2f} s"))


def timed(function: Callable[[], Any], runs: int) -> tuple[Any, list[float]]:
    """(result of the last run, seconds of every run)."""
    result, seconds = None, []
    for _ in range(max(runs, 1)):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return result, seconds


def sentence(rng: random.Random) -> str:
    fields: dict[str, object] = {name: rng.choice(values) for name, values in PLACES.items()}
    fields |= {
        "pct": rng.randint(2, 19),
        "n": rng.randint(120, 9_000),
        "year": rng.randint(2008, 2023),
    }
    claim = rng.choice(CLAIMS).format(**fields)
    subject = rng.choice(SUBJECTS).format(**fields)
    if rng.random() < 0.2:  # quoted speech, in straight quotes as agency copy often comes
        return f'"{claim[0].upper()}{claim[1:]}," {subject[0].lower()}{subject[1:]} said.'
    verb = rng.choice(VERBS).format(**fields)
    # Some copy still has two spaces after a full stop; the revision collapses them.
    ending = ". " if rng.random() < 0.3 else "."
    return f"{subject} {verb} {claim}{rng.choice(TAILS).format(**fields)}{ending}"


def article_paragraphs(rng: random.Random, chars: int) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    length = 0
    while length < chars:
        paragraph = [sentence(rng) for _ in range(rng.randint(2, 5))]
        paragraphs.append(paragraph)
        length += len(" ".join(paragraph)) + 2
    return paragraphs


def revision(rng: random.Random, paragraphs: list[list[str]]) -> list[list[str]]:
    """The next revision: what a desk does to a running story between two updates."""
    revised = [list(paragraph) for paragraph in paragraphs]
    size = len(revised)
    for _ in range(max(1, size // 12)):  # corrected figures and words
        paragraph = revised[rng.randrange(size)]
        i = rng.randrange(len(paragraph))
        paragraph[i] = paragraph[i].replace("%", ".5%", 1).replace(" said", " stated", 1)
    for _ in range(max(1, size // 10)):  # a sentence added here and there
        paragraph = revised[rng.randrange(size)]
        paragraph.insert(rng.randrange(len(paragraph) + 1), sentence(rng))
    if size >= 4:
        moved = revised.pop(rng.randrange(size // 2))  # a paragraph moved further down
        revised.insert(rng.randrange(size // 2, size), moved)
        del revised[rng.randrange(len(revised))]  # and one deleted
    for _ in range(max(1, size // 15)):  # new paragraphs
        revised.insert(rng.randrange(len(revised) + 1), [sentence(rng) for _ in range(3)])
    return [
        # The CMS's typography: curly quotes, spaced em dashes, single spaces.
        [curly_quotes(s).replace(" - ", "\u2009\u2014\u2009").rstrip(" ") for s in paragraph]
        for paragraph in revised
    ]


def curly_quotes(text: str) -> str:
    characters: list[str] = []
    opening = True
    for character in text:
        if character == '"':
            characters.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            characters.append(character)
    return "".join(characters)


def spread_highlights(rng: random.Random, text: str, count: int) -> list[StoredTarget]:
    """``count`` highlights of 3 to 25 whole words, starting at random words of ``text``."""
    starts = [
        i for i, c in enumerate(text) if not c.isspace() and (i == 0 or text[i - 1].isspace())
    ]
    targets = []
    for _ in range(count):
        first = rng.randrange(len(starts) - 1)
        start = starts[first]
        end = starts[min(first + rng.randint(3, 25), len(starts) - 1)]
        paragraph_end = text.find("\n", start)
        if paragraph_end != -1:  # highlights stay inside one paragraph, as reviewers' do
            end = min(end, paragraph_end)
        while text[end - 1].isspace():
            end -= 1
        targets.append(StoredTarget(**asdict(quote_around(text, start, end)), start=start, end=end))
    return targets
