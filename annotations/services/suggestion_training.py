"""Writes for the desk's check-worthiness model: training it on the desk's submitted reviews and
deciding whether it replaces the rules.

The examples are the candidates (core.suggestions.candidates_split) of every revision that
submitted highlights were made on: a candidate is positive when a submitted claim highlight of
that revision overlaps its sentence, negative otherwise (nobody who submitted highlighted it).
Articles with submitted reviews but no highlight at all give no examples (no revision to read
their sentences from is recorded). The articles are split in two with a fixed seed
(`articles_split`); the model is fitted on one half and both it and the rules rank the
sentences of the other half (`ranking_figures`: recall in the top 30% of each article's
sentences, precision@10). The run is used (new revisions are scored by it; stored suggestions
are not rescored) only with enough data and when the model's held-out recall beats the rules'
(a tie keeps the rules).
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from annotations.core.suggestions.checkworthiness import candidates_split, rules_score
from annotations.core.suggestions.model import (
    articles_split,
    model_score,
    model_train,
    ranking_figures,
)
from annotations.models import Annotation, ArticleRevision, Review, SuggestionModelRun
from annotations.permissions import Permission, require
from annotations.services.queueing import task_send_after_commit

logger = logging.getLogger(__name__)

# Below these a held-out half is too small to tell a better model from luck: at least six
# articles with submitted highlights (three held out) and twenty highlighted sentences.
MIN_ARTICLES = 6
MIN_POSITIVES = 20
# The held-out split is the same from one run to the next while the desk's articles are.
SPLIT_SEED = 13
TOP_SHARE = 0.3
PRECISION_AT = 10


@dataclass(frozen=True)
class SentenceExample:
    """One sentence of a reviewed revision: its candidates' features and whether a submitted
    claim highlight covers part of it."""

    article_id: int
    features: tuple[dict[str, float], ...]
    positive: bool


@dataclass(frozen=True)
class Highlight:
    article_id: int
    revision_id: int | None
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class RevisionText:
    pk: int
    article_id: int
    number: int
    text: str
    language: str


def _submitted_highlights() -> list[Highlight]:
    """Every highlight of a submitted review, with where it lies (one query)."""
    submitted = Review.objects.filter(
        article_id=OuterRef("article_id"),
        reviewer_id=OuterRef("reviewer_id"),
        status=Review.Status.SUBMITTED,
    )
    rows = Annotation.objects.filter(Exists(submitted)).values_list(
        "article_id", "revision_id", "kind", "start", "end"
    )
    return [Highlight(*row) for row in rows]


def _revisions(highlights: list[Highlight]) -> list[RevisionText]:
    """The revisions the highlights were made on, with their texts and languages (one query).
    A highlight without a revision predates revisions: it was made on the first."""
    ids = {h.revision_id for h in highlights if h.revision_id is not None}
    first_of = {h.article_id for h in highlights if h.revision_id is None}
    if not ids and not first_of:
        return []
    rows = (
        ArticleRevision.objects.filter(Q(pk__in=ids) | Q(article_id__in=first_of, number=1))
        .order_by("article_id", "number")
        .values_list("pk", "article_id", "number", "text", "article__language")
    )
    return [RevisionText(*row) for row in rows]


def sentence_examples() -> list[SentenceExample]:
    """The labelled sentences of every revision with submitted highlights, in text order; two
    queries whatever the number of articles."""
    highlights = _submitted_highlights()
    revisions = _revisions(highlights)
    first = {r.article_id: r.pk for r in revisions if r.number == 1}
    claims: dict[int, list[tuple[int, int]]] = defaultdict(list)
    wanted: set[int] = set()
    for h in highlights:
        revision_id = h.revision_id if h.revision_id is not None else first.get(h.article_id)
        if revision_id is None:
            continue
        wanted.add(revision_id)
        if h.kind == Annotation.Kind.CLAIM:
            claims[revision_id].append((h.start, h.end))
    examples = []
    for revision in revisions:
        if revision.pk not in wanted:
            continue
        by_sentence: dict[int, list[tuple[int, dict[str, float]]]] = defaultdict(list)
        for candidate in candidates_split(revision.text, language=revision.language or "en"):
            by_sentence[candidate.sentence_start].append((candidate.end, candidate.features))
        spans = claims[revision.pk]
        for start, parts in sorted(by_sentence.items()):
            end = max(part_end for part_end, _ in parts)
            examples.append(
                SentenceExample(
                    revision.article_id,
                    tuple(features for _, features in parts),
                    any(s < end and e > start for s, e in spans),
                )
            )
    return examples


def _rank_inputs(
    examples: Sequence[SentenceExample], score: Callable[[dict[str, float]], float]
) -> list[list[tuple[float, bool]]]:
    """Per article, each sentence's score (its best candidate's) and label, in text order."""
    by_article: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for example in examples:
        best = max((float(score(f)) for f in example.features), default=0.0)
        by_article[example.article_id].append((best, example.positive))
    return [by_article[key] for key in sorted(by_article)]


def _too_little(articles: int, positives: int, min_articles: int, min_positives: int) -> str:
    reasons = []
    if articles < min_articles:
        reasons.append(f"{articles} articles with submitted highlights (at least {min_articles})")
    if positives < min_positives:
        reasons.append(f"{positives} highlighted sentences (at least {min_positives})")
    return (
        f"{SuggestionModelRun.TOO_LITTLE_DATA}: "
        + " and ".join(reasons)
        + ". The rules stay in use."
    )


def _run_name(day: datetime.date) -> str:
    """desk-model-<date> for the day's first run, then desk-model-<date>-2, -3 ... (one
    query, whatever the number of runs that day): suggestions name the model that scored them,
    so two runs of one day must not share a name. The highest suffix taken plus one, so a
    deleted run's name is not given again. Two runs started in the same instant could still
    take the same name (there is no unique constraint on it): the task is not run concurrently."""
    base = f"desk-model-{day:%Y-%m-%d}"
    taken = SuggestionModelRun.objects.filter(name__regex=rf"^{base}(-[0-9]+)?$").values_list(
        "name", flat=True
    )
    numbers = [int(name[len(base) + 1 :] or 1) for name in taken]
    return base if not numbers else f"{base}-{max(numbers) + 1}"


def suggestion_model_train(
    *,
    min_articles: int = MIN_ARTICLES,
    min_positives: int = MIN_POSITIVES,
    seed: int = SPLIT_SEED,
    now: datetime.datetime | None = None,
) -> SuggestionModelRun:
    """Train the desk's model on its submitted reviews, compare it with the rules on held-out
    articles, and store the run (used when it beats the rules with enough data). Logs the
    comparison (`training_summary`). Four queries whatever the number of articles and of the
    day's earlier runs."""
    now = now or timezone.now()
    name = _run_name(now.date())
    examples = sentence_examples()
    article_ids = sorted({e.article_id for e in examples})
    positives = sum(1 for e in examples if e.positive)
    run = SuggestionModelRun(
        created=now,
        name=name,
        articles=len(article_ids),
        sentences=len(examples),
        positives=positives,
    )
    enough = len(article_ids) >= min_articles and positives >= min_positives
    train_ids, test_ids = articles_split(article_ids, test_share=0.5, seed=seed)
    train_set, test_set = set(train_ids), set(test_ids)
    training = [
        (features, e.positive)
        for e in examples
        if e.article_id in train_set
        for features in e.features
    ]
    # A logistic regression needs both kinds of sentence in the training half.
    if len(article_ids) >= 2 and len({positive for _, positive in training}) == 2:
        model = model_train(training, name=name)
        held_out = [e for e in examples if e.article_id in test_set]
        rules = ranking_figures(
            _rank_inputs(held_out, rules_score), top_share=TOP_SHARE, k=PRECISION_AT
        )
        trained = ranking_figures(
            _rank_inputs(held_out, lambda f: model_score(model, f)),
            top_share=TOP_SHARE,
            k=PRECISION_AT,
        )
        run.weights = model.to_json()
        run.figures = {"rules": asdict(rules), "model": asdict(trained)}
        beats = trained.recall_top > rules.recall_top
        run.is_used = enough and beats
        if not enough:
            run.report = _too_little(len(article_ids), positives, min_articles, min_positives)
        elif not beats:
            run.report = (
                "The model did not beat the rules on the held-out articles "
                f"(recall in the top 30%: model {trained.recall_top:.2f}, "
                f"rules {rules.recall_top:.2f}). The rules stay in use."
            )
    else:
        run.report = _too_little(len(article_ids), positives, min_articles, min_positives)
    run.save()
    logger.info("%s", training_summary(run))
    return run


def _figures_line(figures: object) -> str:
    if not isinstance(figures, dict) or not figures:
        return "n/a"
    return (
        f"recall in the top 30% {figures.get('recall_top', 0):.2f}, "
        f"precision@10 {figures.get('precision_at_k', 0):.2f}"
    )


def training_summary(run: SuggestionModelRun) -> str:
    """One line: both held-out figures and whether the model is used (what the command prints
    and the task logs)."""
    figures = run.figures if isinstance(run.figures, dict) else {}
    held_out = figures.get("rules", {}).get("articles", 0) if figures else 0
    if run.had_too_little_data:
        used = run.report  # nothing was decided: no "used" or "not used"
    else:
        used = f"used: {run.name}" if run.is_used else f"not used ({run.report})"
    return (
        f"Suggestion model trained on {run.articles} articles, {run.sentences} sentences, "
        f"{run.positives} highlighted; held out {held_out} articles: "
        f"rules {_figures_line(figures.get('rules'))}; "
        f"model {_figures_line(figures.get('model'))}; {used}"
    )


def suggestion_model_train_request(*, editor: User) -> None:
    """An editor asks for a training run now: the task is sent after the commit (in-process
    when the desk runs embedded)."""
    require(editor, Permission.Suggestion.TRAIN)
    from annotations.tasks import suggestion_model_train_task  # the task imports services

    task_send_after_commit(suggestion_model_train_task.delay, what="the suggestion model training")
