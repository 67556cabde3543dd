"""Units and stored agreement statistics, recomputed through the services (embedded mode)."""

from __future__ import annotations

import pytest
from django.db import transaction

from annotations.core.agreement import krippendorff_alpha
from annotations.models import Annotation, ArticleAgreement, ClaimUnit, DeskAgreement
from annotations.services.agreement import (
    article_agreement_enqueue,
    article_agreement_mark_changed,
    article_agreement_recompute,
    desk_agreement_recompute,
    stale_agreements_sweep,
)
from annotations.services.annotations import TargetInput, annotation_create
from annotations.services.reviews import review_submit
from annotations.services.units import article_units_regroup
from tests.factories import ArticleFactory, ReviewerFactory, verdict

pytestmark = pytest.mark.django_db

TEXT = (
    "The mayor said crime fell by 30 percent last year. "
    "She also claimed the city has the lowest taxes in the region. "
    "Unemployment stands at 4 percent, the lowest in a decade."
)
CLAIMS = [
    "crime fell by 30 percent last year",
    "the city has the lowest taxes in the region",
    "Unemployment stands at 4 percent",
]


def highlight(reviewer, article, exact, slug, *, shift=0):
    start = article.text.index(exact) + shift
    return annotation_create(
        reviewer=reviewer,
        article=article,
        target=TargetInput(
            exact=article.text[start : start + len(exact)], start=start, end=start + len(exact)
        ),
        verdict=verdict(slug),
    )


@pytest.fixture
def reviewed_article(django_capture_on_commit_callbacks):
    """Three reviewers rate three claims; one reviewer skips the last claim.

    Tests run inside a transaction that never commits, so the after-commit recomputation is
    run explicitly (it runs in-process, as in the embedded default).
    """
    article = ArticleFactory(text=TEXT)
    reviewers = [ReviewerFactory() for _ in range(3)]
    verdicts = [
        ["false", "mostly-false", "true"],
        ["false", "mixed", "true"],
        ["mostly-false", "mostly-false", None],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for reviewer, row in zip(reviewers, verdicts, strict=True):
            for claim, slug in zip(CLAIMS, row, strict=True):
                if slug:
                    highlight(reviewer, article, claim, slug)
            review_submit(article=article, reviewer=reviewer)
    return article, reviewers, verdicts


def test_highlights_of_the_same_claim_form_one_unit_per_claim(reviewed_article):
    article, _reviewers, _verdicts = reviewed_article

    units = list(ClaimUnit.objects.filter(article=article))

    assert len(units) == 3
    assert [article.text[u.start : u.end] for u in units] == CLAIMS
    assert [u.annotations.count() for u in units] == [3, 3, 2]


def test_highlights_overlapping_by_half_join_and_by_less_do_not():
    # Units only: the after-commit recomputation never runs in this test's transaction.
    article = ArticleFactory(text=TEXT)
    a, b, c = (ReviewerFactory() for _ in range(3))
    claim = CLAIMS[0]
    highlight(a, article, claim, "false")
    # b's highlight drops the first word: still well over half of the shorter span.
    start = article.text.index(claim) + len("crime ")
    annotation_create(
        reviewer=b,
        article=article,
        target=TargetInput(exact=article.text[start : start + 20], start=start, end=start + 20),
        verdict=verdict("false"),
    )
    # c's highlight only touches the end of the claim.
    tail = article.text.index("last year. She also")
    annotation_create(
        reviewer=c,
        article=article,
        target=TargetInput(exact=article.text[tail : tail + 30], start=tail, end=tail + 30),
        verdict=verdict("false"),
    )
    for reviewer in (a, b, c):
        review_submit(article=article, reviewer=reviewer)

    units = article_units_regroup(article=article).units

    assert [u.annotations.count() for u in units] == [2, 1]


def test_unit_ids_survive_a_regrouping(reviewed_article):
    article, _reviewers, _verdicts = reviewed_article
    before = list(ClaimUnit.objects.filter(article=article).values_list("pk", flat=True))

    article_units_regroup(article=article)

    assert list(ClaimUnit.objects.filter(article=article).values_list("pk", flat=True)) == before


def test_a_manual_unit_keeps_its_members(reviewed_article):
    article, _reviewers, _verdicts = reviewed_article
    first, second, _third = ClaimUnit.objects.filter(article=article)
    # An editor merges the first two claims into one unit.
    Annotation.objects.filter(unit=second).update(unit=first)
    ClaimUnit.objects.filter(pk=first.pk).update(is_manual=True)

    units = article_units_regroup(article=article).units

    assert units[0].pk == first.pk
    assert first.annotations.count() == 6


def test_statistics_are_stored_after_reviews_are_submitted(reviewed_article):
    article, _reviewers, verdicts = reviewed_article

    agreement = ArticleAgreement.objects.get(article=article)

    assert not agreement.stale
    expected = krippendorff_alpha(
        verdicts,
        "nominal",
        values=[
            "true",
            "mostly-true",
            "mixed",
            "mostly-false",
            "false",
            "unverifiable",
        ],
    )
    assert agreement.statistics["alpha_nominal"]["value"] == pytest.approx(expected.value)
    assert agreement.statistics["alpha_nominal"]["units"] == 3
    assert agreement.statistics["alpha_nominal"]["reviewers"] == 3
    assert agreement.statistics["alpha_nominal"]["pairable"] == 8
    assert [s["ratings"] for s in agreement.unit_spreads] == [3, 3, 2]
    # false vs mostly-false: one step apart on the ordered scale.
    assert agreement.unit_spreads[0]["ordinal_spread"] == 1
    assert agreement.unit_spreads[2]["ordinal_spread"] == 0
    assert len(agreement.pairwise) == 3


def test_in_progress_reviews_do_not_count(django_capture_on_commit_callbacks):
    article = ArticleFactory(text=TEXT)
    done, busy = ReviewerFactory(), ReviewerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        highlight(done, article, CLAIMS[0], "false")
        highlight(busy, article, CLAIMS[0], "true")
        review_submit(article=article, reviewer=done)

    agreement = ArticleAgreement.objects.get(article=article)

    assert agreement.statistics["alpha_nominal"]["value"] is None
    assert "reason" in agreement.statistics["alpha_nominal"]
    assert agreement.statistics["alpha_nominal"]["reason"]
    assert agreement.matrix["reviewers"] == [done.pk]


def test_a_draft_highlight_marks_nothing_and_its_submission_marks_the_article_changed(
    reviewed_article,
):
    article, _reviewers, _verdicts = reviewed_article
    reviewer = ReviewerFactory()
    before = ArticleAgreement.objects.get(article=article).changes

    highlight(reviewer, article, CLAIMS[0], "true")
    after_draft = ArticleAgreement.objects.get(article=article).changes
    review_submit(article=article, reviewer=reviewer)

    assert after_draft == before
    assert ArticleAgreement.objects.get(article=article).changes == before + 1


def test_a_burst_of_writes_enqueues_once(django_capture_on_commit_callbacks):
    article = ArticleFactory(text=TEXT)
    enqueued: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(1000):
            article_agreement_mark_changed(article_id=article.pk, enqueue=enqueued.append)

    assert enqueued == [article.pk]
    assert ArticleAgreement.objects.get(article=article).changes == 1000


def test_nothing_is_enqueued_while_a_recomputation_is_queued(django_capture_on_commit_callbacks):
    article = ArticleFactory(text=TEXT)
    enqueued: list[int] = []
    for _ in range(50):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            article_agreement_mark_changed(article_id=article.pk, enqueue=enqueued.append)

    assert enqueued == [article.pk]


def test_running_the_recomputation_twice_leaves_one_result(reviewed_article):
    article, _reviewers, _verdicts = reviewed_article
    first = ArticleAgreement.objects.get(article=article)
    ArticleAgreement.objects.filter(pk=first.pk).update(changes=first.changes + 1)

    article_agreement_recompute(article_id=article.pk)
    article_agreement_recompute(article_id=article.pk)

    again = ArticleAgreement.objects.get(article=article)
    assert again.statistics == first.statistics
    assert again.computations == first.computations + 1
    assert not again.stale


def test_the_sweep_re_enqueues_a_lost_request(reviewed_article, settings):
    article, _reviewers, _verdicts = reviewed_article
    # A request whose message was lost: queued long ago, still stale.
    agreement = ArticleAgreement.objects.get(article=article)
    ArticleAgreement.objects.filter(pk=agreement.pk).update(
        changes=agreement.changes + 1, queued=True, requested_at="2000-01-01T00:00:00Z"
    )
    enqueued: list[int] = []

    assert stale_agreements_sweep(enqueue=enqueued.append) == 1
    assert enqueued == [article.pk]


def test_the_sweep_leaves_a_fresh_request_alone(reviewed_article):
    article, _reviewers, _verdicts = reviewed_article
    agreement = ArticleAgreement.objects.get(article=article)
    ArticleAgreement.objects.filter(pk=agreement.pk).update(changes=agreement.changes + 1)
    assert article_agreement_enqueue(article_id=article.pk, enqueue=lambda _id: None)

    assert stale_agreements_sweep(enqueue=lambda _id: None) == 0


def test_desk_statistics_pool_every_article(reviewed_article):
    article, _reviewers, verdicts = reviewed_article

    desk = desk_agreement_recompute(bootstrap_samples=200)

    assert desk == DeskAgreement.objects.get(pk=1)
    assert desk.articles == 1
    alpha = desk.statistics["alpha_ordinal"]
    assert alpha["value"] is not None
    assert alpha["ci_low"] <= alpha["value"] <= alpha["ci_high"]
    assert {w["code"] for w in desk.warnings} >= {"too_few_units"}
    assert [row["label"] for row in desk.per_label][0] == "true"
    assert sum(row["ratings"] for row in desk.per_label) == 8
