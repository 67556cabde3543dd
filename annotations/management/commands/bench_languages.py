"""python manage.py bench_languages: the language detector's accuracy and speed, in one run.

On tests/data/languages-eval/ (one file of news sentences of five or more words per language,
and short texts of one to three words), beside a simple baseline, py3langid alone (the model
`language_detect` asks for a second opinion, answering every text with no threshold):

- accuracy on the sentences per language and overall, on the held-out half (even lines: no
  threshold was chosen on them) and on all lines, with how many were answered wrongly and how
  many left without an answer;
- the short texts: how many were left without an answer (the desk then keeps the language it
  had, as issue 17 asks), how many guessed, how many of those wrongly;
- speed: the time to load the models (once per process), then the time per sentence with the
  models loaded, after one warm-up pass: --runs passes over every sentence, each sentence timed
  (wall clock: mean and p95 over every run; and each sentence's fastest run, averaged over the
  sentences, the figure other processes on a busy machine inflate least), and the CPU time of
  this thread per sentence (mean);
- the targets of issue 17 (>= 95 % on sentences of 5+ words, under 0.1 ms per sentence) and
  whether they are met; with --misses, the sentences of the tuning half (odd lines) it misses.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.core.language_evaluation import (
    Detector,
    Figures,
    eval_load,
    figures,
    misses,
)
from annotations.core.languages import (
    language_detect,
    language_models_load,
    language_second_opinion,
)

EVAL_DIRECTORY = Path(settings.BASE_DIR) / "tests" / "data" / "languages-eval"
TARGET_ACCURACY = 0.95
TARGET_MILLISECONDS = 0.1


def _shipped(text: str) -> str | None:
    guess = language_detect(text)
    return guess.language if guess is not None else None


def _baseline(text: str) -> str | None:
    return language_second_opinion(text)[0]


DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("language_detect", _shipped),
    ("py3langid alone", _baseline),
)


@dataclass(frozen=True)
class Timing:
    """Milliseconds per sentence: wall clock over every run (mean, p95), each sentence's fastest
    run (mean over the sentences: what other processes' load left least), and CPU time."""

    mean: float
    p95: float
    best_mean: float
    cpu_mean: float


def _timing(texts: Sequence[str], detect: Detector, runs: int) -> Timing:
    for text in texts:  # warm-up: caches, first-call paths
        detect(text)
    wall: list[list[int]] = [[] for _ in texts]
    cpu_started = time.thread_time_ns()
    for _ in range(runs):
        for index, text in enumerate(texts):
            started = time.perf_counter_ns()
            detect(text)
            wall[index].append(time.perf_counter_ns() - started)
    every = [elapsed for sentence in wall for elapsed in sentence]
    cpu = (time.thread_time_ns() - cpu_started) / len(every)
    p95 = statistics.quantiles(every, n=20)[-1] if len(every) >= 2 else every[0]
    best = statistics.fmean(min(sentence) for sentence in wall)
    return Timing(statistics.fmean(every) / 1e6, p95 / 1e6, best / 1e6, cpu / 1e6)


def _cell(counted: Any) -> str:
    return f"{counted.accuracy:6.3f}"


class Command(BaseCommand):
    help = "Benchmark language detection: accuracy on the evaluation set beside a baseline; speed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=EVAL_DIRECTORY, help="the set's folder")
        parser.add_argument("--runs", type=int, default=50, help="timed passes over every sentence")
        parser.add_argument(
            "--misses",
            action="store_true",
            help="also list the sentences of the tuning half (odd lines) language_detect misses",
        )

    def handle(
        self, *args: Any, data: Path, runs: int, misses: bool = False, **options: Any
    ) -> None:
        if runs < 1:
            raise CommandError("--runs must be positive")
        if not data.is_dir():
            raise CommandError(f"--data: {data} is not a folder")
        try:
            language_set = eval_load(data)
        except ValueError as error:
            raise CommandError(str(error)) from None
        sentences = language_set.sentences
        tune = sum(s.split == "tune" for s in sentences)
        self.stdout.write(
            f"Evaluation set {data}: {len(language_set.languages)} languages, {len(sentences)} "
            f"sentences of 5+ words ({tune} in the tuning half: odd lines; "
            f"{len(sentences) - tune} held out: even lines), {len(language_set.short)} short "
            f"texts of 1-3 words"
        )
        started = time.perf_counter()
        language_models_load()
        self.stdout.write(
            f"Models loaded in {(time.perf_counter() - started) * 1000:.0f} ms (fastText's lite "
            f"lid.176 and langid.py; once per process, before the first text)"
        )

        results = {name: figures(language_set, detect) for name, detect in DETECTORS}
        self._accuracy(language_set.languages, results)
        self._short(results)
        timings = self._speed([s.text for s in sentences], runs)
        self._targets(results["language_detect"], timings["language_detect"])
        if misses:
            self._misses([s for s in sentences if s.split == "tune"])

    def _accuracy(self, languages: list[str], results: dict[str, Figures]) -> None:
        self.stdout.write(
            "Accuracy on sentences of 5+ words (no answer counts as a miss), held-out half and "
            "all lines; wrong answers and no answers on all lines"
        )
        names = list(results)
        self.stdout.write(
            f"{'':10}" + f"{names[0]:>32}" + "".join(f"{name:>24}" for name in names[1:])
        )
        self.stdout.write(
            f"{'':10}{'held-out':>10}{'all':>8}{'wrong':>7}{'none':>7}"
            + f"{'held-out':>10}{'all':>8}{'wrong':>6}" * (len(names) - 1)
        )
        for language in [*languages, None]:
            row = f"{language or 'overall':10}"
            for index, name in enumerate(names):
                held_out = results[name].split("held-out", language)
                every = results[name].split("all", language)
                row += f"{_cell(held_out):>10}{_cell(every):>8}{every.wrong:>7}"
                row += f"{every.unanswered:>7}" if index == 0 else ""
            self.stdout.write(row)
        shipped = results["language_detect"].split("tune")
        self.stdout.write(
            f"{'':10}(tuning half, odd lines: language_detect {shipped.accuracy:.3f}, "
            f"{shipped.wrong} wrong, {shipped.unanswered} without an answer)"
        )

    def _short(self, results: dict[str, Figures]) -> None:
        self.stdout.write(
            "Short texts (1-3 words): the desk should not guess (it keeps the language it had)"
        )
        for name, found in results.items():
            short = found.short
            self.stdout.write(
                f"  {name:18} no answer {short.unanswered:>3}/{short.total:<4} guessed "
                f"{short.guessed:>3}, of which wrong {short.wrong:>3}"
            )

    def _speed(self, texts: list[str], runs: int) -> dict[str, Timing]:
        timings = {name: _timing(texts, detect, runs) for name, detect in DETECTORS}
        load, cores = os.getloadavg()[0], os.cpu_count() or 1
        self.stdout.write(
            f"Time per sentence, models loaded: {len(texts)} sentences x {runs} runs after a "
            f"warm-up pass (load average {load:.1f} on {cores} cores"
            + ("; a busy machine: wall-clock figures are upper bounds)" if load > cores else ")")
        )
        for name, timing in timings.items():
            self.stdout.write(
                f"  {name:18} wall mean {timing.mean:.4f} ms, p95 {timing.p95:.4f} ms; fastest "
                f"run mean {timing.best_mean:.4f} ms; CPU mean {timing.cpu_mean:.4f} ms"
            )
        return timings

    def _targets(self, shipped: Figures, timing: Timing) -> None:
        held_out = shipped.split("held-out")
        rows = (
            (f"accuracy on sentences of 5+ words >= {TARGET_ACCURACY:.0%}",
             f"{held_out.accuracy:.1%} (held-out half)", held_out.accuracy >= TARGET_ACCURACY),
            (f"time per sentence < {TARGET_MILLISECONDS} ms (wall, mean)",
             f"{timing.mean:.4f} ms (p95 {timing.p95:.4f})", timing.mean < TARGET_MILLISECONDS),
            (f"time per sentence < {TARGET_MILLISECONDS} ms (fastest run)",
             f"{timing.best_mean:.4f} ms", timing.best_mean < TARGET_MILLISECONDS),
        )  # fmt: skip
        self.stdout.write("Targets (issue 17), language_detect:")
        for target, value, met in rows:
            self.stdout.write(f"  {target:42} {value:32} {'met' if met else 'NOT met'}")

    def _misses(self, sentences: list[Any]) -> None:
        missed = misses(sentences, _shipped)
        self.stdout.write(f"Missed in the tuning half ({len(missed)})")
        for sentence, answer in missed:
            self.stdout.write(
                f"  {sentence.language}.txt line {sentence.line}: {answer or 'no answer'}: "
                f"{sentence.text}"
            )
