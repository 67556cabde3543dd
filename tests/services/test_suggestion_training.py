"""Training the desk's model on its submitted reviews: used only when it beats the rules on
held-out articles with enough data, reported either way, in a constant number of queries."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from annotations.models import Review, SuggestionModelRun
from annotations.services.suggestion_training import (
    sentence_examples,
    suggestion_model_train,
    training_summary,
)
from tests.factories import AnnotationFactory, ArticleFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

# Sentences without a figure, which this desk's reviewers highlight, and sentences full of
# figures, which they leave: a desk whose taste the rules (figures first) get wrong and a
# model learns.
PLAIN = [
    "The minister promised that every school would get a new library.",
    "The company denied that it had ever polluted the river.",
    "Police said the suspect was never arrested before.",
    "The mayor claimed the bridge was safe for heavy trucks.",
]
FIGURES = [
    "Turnout reached 54% in 2024, up from 48% in 2019.",
    "The budget grew by 12 million euros to 340 million euros.",
    "About 3,200 people attended on 12 May, 15% more than last year.",
    "Prices rose 7.5% in March and 6.1% in April.",
    "The plant employs 1,450 people and exports 80% of its output.",
    "In 2023, 41% of the 9,000 respondents said they had moved.",
]


def desk_reviewed(articles: int, *, highlighted: list[str], submit: bool = True) -> None:
    """`articles` articles of PLAIN and FIGURES sentences, each with a submitted review
    highlighting the `highlighted` sentences."""
    for n in range(articles):
        sentences = [f"{s[:-1]} (report {n})." for s in PLAIN + FIGURES]
        article = ArticleFactory(text=f"Report {n}\n\n" + " ".join(sentences))
        reviewer = ReviewerFactory()
        for sentence in highlighted:
            AnnotationFactory(
                article=article, reviewer=reviewer, quote=f"{sentence[:-1]} (report {n})."
            )
        if submit:
            Review.objects.filter(article=article, reviewer=reviewer).update(
                status=Review.Status.SUBMITTED, submitted_at=timezone.now()
            )


def test_sentences_of_submitted_reviews_are_labelled_by_their_highlights():
    desk_reviewed(1, highlighted=PLAIN[:2])

    examples = sentence_examples()

    assert len(examples) >= len(PLAIN + FIGURES)
    assert sum(e.positive for e in examples) == 2


def test_highlights_of_reviews_in_progress_teach_nothing():
    desk_reviewed(2, highlighted=PLAIN, submit=False)

    assert sentence_examples() == []


def test_a_learnable_desk_trains_a_model_that_beats_the_rules_and_is_used():
    desk_reviewed(8, highlighted=PLAIN)

    run = suggestion_model_train()

    assert (run.articles, run.positives) == (8, 32)
    model, rules = run.figures["model"], run.figures["rules"]
    assert model["recall_top"] > rules["recall_top"]
    assert model["articles"] == rules["articles"] == 4  # half held out
    assert run.is_used
    assert run.report == ""
    assert run.weights["weights"]


def test_a_desk_the_rules_already_serve_keeps_the_rules():
    # Every sentence with figures highlighted: what the rules put first already.
    desk_reviewed(8, highlighted=FIGURES)

    run = suggestion_model_train(min_positives=10)

    assert run.figures["rules"]["recall_top"] >= run.figures["model"]["recall_top"]
    assert not run.is_used
    assert "did not beat the rules" in run.report


def test_a_desk_with_too_few_reviews_stores_a_run_saying_why():
    desk_reviewed(3, highlighted=PLAIN)

    run = suggestion_model_train()

    assert not run.is_used
    assert "3 articles with submitted highlights (at least 6)" in run.report
    assert "12 highlighted sentences (at least 20)" in run.report
    assert SuggestionModelRun.objects.get() == run


def test_a_run_with_too_few_reviews_says_it_had_too_little_data():
    desk_reviewed(3, highlighted=PLAIN)

    run = suggestion_model_train()

    assert run.had_too_little_data
    assert run.report.startswith(SuggestionModelRun.TOO_LITTLE_DATA)


def test_a_run_with_enough_reviews_did_not_have_too_little_data():
    desk_reviewed(8, highlighted=PLAIN)

    run = suggestion_model_train()

    assert not run.had_too_little_data


def test_the_summary_of_a_run_with_too_little_data_gives_its_report_only():
    run = suggestion_model_train()

    line = training_summary(run)

    assert line.endswith(run.report)
    assert "not used" not in line and "used:" not in line


def test_a_new_desk_stores_a_run_with_no_figures():
    run = suggestion_model_train()

    assert (run.articles, run.sentences, run.is_used, run.figures) == (0, 0, False, {})
    assert "Not enough reviews yet" in run.report


@pytest.mark.parametrize(("articles", "earlier_runs"), [(2, 0), (8, 0), (8, 5)])
def test_training_reads_in_a_constant_number_of_queries(
    articles, earlier_runs, django_assert_num_queries
):
    desk_reviewed(articles, highlighted=PLAIN)
    now = timezone.now()
    for _ in range(earlier_runs):
        suggestion_model_train(now=now)

    # The highlights, their revisions, the day's run names, the new run.
    with django_assert_num_queries(4):
        suggestion_model_train(now=now)


def test_runs_of_the_same_day_get_numbered_names():
    morning = timezone.now().replace(year=2025, month=3, day=1, hour=8)
    SuggestionModelRun.objects.create(name="desk-model-2025-02-28")  # another day's

    names = [suggestion_model_train(now=morning.replace(hour=h)).name for h in (8, 12, 18)]
    next_day = suggestion_model_train(now=morning.replace(day=2)).name

    assert names == ["desk-model-2025-03-01", "desk-model-2025-03-01-2", "desk-model-2025-03-01-3"]
    assert next_day == "desk-model-2025-03-02"


def test_a_deleted_run_name_is_not_given_again():
    day = timezone.now().replace(year=2025, month=3, day=1)
    SuggestionModelRun.objects.create(name="desk-model-2025-03-01")
    SuggestionModelRun.objects.create(name="desk-model-2025-03-01-3")

    assert suggestion_model_train(now=day).name == "desk-model-2025-03-01-4"


def test_the_summary_gives_both_figures_and_whether_the_model_is_used():
    desk_reviewed(8, highlighted=PLAIN)
    run = suggestion_model_train()

    line = training_summary(run)

    assert f"rules recall in the top 30% {run.figures['rules']['recall_top']:.2f}" in line
    assert f"model recall in the top 30% {run.figures['model']['recall_top']:.2f}" in line
    assert f"used: {run.name}" in line


def test_the_command_trains_and_prints_both_figures():
    desk_reviewed(3, highlighted=PLAIN)
    out = StringIO()

    call_command("train_suggestions", stdout=out)

    printed = out.getvalue()
    assert "rules recall in the top 30%" in printed
    assert "model recall in the top 30%" in printed
    # Too few reviews: the report alone, no "used" / "not used" verdict.
    assert "Not enough reviews yet: 3 articles" in printed
    assert "used" not in printed.replace("stay in use", "")
    assert SuggestionModelRun.objects.count() == 1


def test_the_task_trains_and_logs_the_same_line(caplog):
    from annotations.tasks import suggestion_model_train_task

    caplog.set_level("INFO", logger="annotations.services.suggestion_training")
    suggestion_model_train_task.delay()

    run = SuggestionModelRun.objects.get()
    assert training_summary(run) in caplog.text
