"""Article revisions: a new version keeps the old text, highlights are re-anchored on it by
the task, and what cannot be placed waits for a person."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from annotations import selectors
from annotations.errors import DomainError
from annotations.models import AnnotationAnchor, ArticleRevision, ClaimUnit
from annotations.selectors.revisions import orphans_visible_to, units_with_vanished_claims
from annotations.services.annotations import TargetInput
from annotations.services.articles import article_create
from annotations.services.revisions import (
    article_revise,
    orphan_confirm_gone,
    orphan_reattach,
    revision_reanchor,
    unplaced_revisions_sweep,
)
from tests.factories import (
    ARTICLE_TEXT,
    AnnotationFactory,
    ReviewerFactory,
    claims_reviewed,
    unit_decided_and_published,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Runs what follows a commit (the re-anchoring and agreement tasks, eager in tests):
    each test runs inside one transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


CLAIM = "Critics say unemployment has doubled since 2020."
BUDGET = "The city council approved a budget of 12 million euros on Tuesday"
INSERTED = "Update: this article was corrected on Wednesday.\n\n"


@pytest.fixture
def revise(committing):
    """revise(article, editor, text): a new revision, with its re-anchoring done."""

    def revise(article, editor, text: str) -> ArticleRevision:
        with committing():
            revision, created = article_revise(article=article, text=text, created_by=editor)
        assert created
        return revision

    return revise


def anchor_on(annotation, revision) -> AnnotationAnchor:
    return AnnotationAnchor.objects.get(annotation=annotation, revision=revision)


def test_a_new_version_keeps_the_old_text_as_the_previous_revision(article, editor, revise):
    revision = revise(article, editor, INSERTED + ARTICLE_TEXT)

    article.refresh_from_db()
    assert revision.number == 2
    assert article.text == INSERTED + ARTICLE_TEXT
    assert article.revisions.get(number=1).text == ARTICLE_TEXT


def test_an_imported_article_starts_with_revision_one(editor):
    article = article_create(title="T", text="Some text.", imported_by=editor)

    assert list(article.revisions.values_list("number", "text")) == [(1, "Some text.")]


def test_unchanged_text_is_not_a_new_revision(article, editor):
    revision, created = article_revise(article=article, text=ARTICLE_TEXT, created_by=editor)

    assert not created
    assert revision.number == 1
    assert article.revisions.count() == 1


def test_only_editors_import_new_versions(article, alice):
    with pytest.raises(DomainError) as refused:
        article_revise(article=article, text="New text.", created_by=alice)

    assert refused.value.status == 403
    assert article.revisions.count() == 1


def test_an_empty_new_version_is_refused_and_nothing_changes(article, editor):
    with pytest.raises(DomainError) as refused:
        article_revise(article=article, text="  \n ", created_by=editor)

    assert refused.value.field == "text"
    article.refresh_from_db()
    assert article.text == ARTICLE_TEXT


def test_highlights_keep_pointing_at_the_revision_they_were_made_on(article, alice, editor, revise):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    start = highlight.start

    revise(article, editor, INSERTED + ARTICLE_TEXT)

    highlight.refresh_from_db()
    assert highlight.revision.number == 1
    assert highlight.start == start


def test_the_task_carries_a_highlight_past_an_insertion_before_it(article, alice, editor, revise):
    highlight = AnnotationFactory(article=article, reviewer=alice)

    revision = revise(article, editor, INSERTED + ARTICLE_TEXT)  # the task runs on commit

    placed = anchor_on(highlight, revision)
    assert placed.status == "anchored"
    assert placed.method == "carried"
    assert (placed.start, placed.end) == (
        highlight.start + len(INSERTED),
        highlight.end + len(INSERTED),
    )
    assert revision.text[placed.start : placed.end] == CLAIM
    revision.refresh_from_db()
    assert revision.reanchored_at is not None


def test_a_corrected_figure_inside_the_quote_is_found_fuzzily(article, alice, editor, revise):
    highlight = AnnotationFactory(article=article, reviewer=alice, quote=BUDGET)
    corrected = ARTICLE_TEXT.replace("12 million euros", "12.5 million euros")

    revision = revise(article, editor, corrected)

    placed = anchor_on(highlight, revision)
    assert placed.status == "anchored"
    assert placed.exact == BUDGET.replace("12 million", "12.5 million")
    assert placed.confidence < 1.0


def test_a_deleted_quote_is_orphaned(article, alice, editor, revise):
    highlight = AnnotationFactory(article=article, reviewer=alice)

    revision = revise(article, editor, ARTICLE_TEXT.replace("\n\n" + CLAIM, ""))

    placed = anchor_on(highlight, revision)
    assert placed.status == "orphaned"
    assert placed.start is None


def test_highlights_travel_across_several_revisions(article, alice, editor, revise):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    revise(article, editor, INSERTED + ARTICLE_TEXT)

    third = revise(article, editor, "Breaking.\n\n" + INSERTED + ARTICLE_TEXT)

    placed = anchor_on(highlight, third)
    assert third.text[placed.start : placed.end] == CLAIM


def test_a_highlight_lost_in_one_revision_comes_back_when_the_passage_does(
    article, alice, editor, revise
):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    revise(article, editor, ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted."))

    restored = revise(article, editor, ARTICLE_TEXT)

    assert anchor_on(highlight, restored).status == "anchored"


def test_running_the_task_twice_gives_the_same_anchors(article, alice, editor, revise):
    AnnotationFactory(article=article, reviewer=alice)
    revision = revise(article, editor, INSERTED + ARTICLE_TEXT)
    first = list(AnnotationAnchor.objects.values_list("annotation", "status", "start", "end"))

    revision_reanchor(revision_id=revision.pk)

    again = list(AnnotationAnchor.objects.values_list("annotation", "status", "start", "end"))
    assert again == first
    assert AnnotationAnchor.objects.filter(revision=revision).count() == 1


def test_a_highlight_made_on_the_new_revision_is_not_re_anchored(article, alice, editor, revise):
    revision = revise(article, editor, INSERTED + ARTICLE_TEXT)
    start = revision.text.index(CLAIM)
    AnnotationFactory(article=article, reviewer=alice, start=start, end=start + len(CLAIM))

    revision_reanchor(revision_id=revision.pk)

    assert not AnnotationAnchor.objects.filter(revision=revision).exists()


def test_the_page_anchors_use_the_stored_place_on_the_latest_revision(
    article, alice, editor, revise
):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    revision = revise(article, editor, INSERTED + ARTICLE_TEXT)

    found = selectors.annotations_anchor([highlight]).of(highlight)

    assert (found.start, found.end, found.method) == (
        revision.text.index(CLAIM),
        revision.text.index(CLAIM) + len(CLAIM),
        "carried",
    )


def test_on_an_older_revision_a_highlight_shows_where_it_was_made(article, alice, editor, revise):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    revise(article, editor, INSERTED + ARTICLE_TEXT)
    first = article.revisions.get(number=1)

    found = selectors.annotations_anchor([highlight], revisions={article.pk: first}).of(highlight)

    assert (found.start, found.end) == (highlight.start, highlight.end)


@pytest.fixture
def orphaned(revise):
    """orphaned(article, reviewer, editor): the reviewer's highlight, lost in a new revision."""

    def orphaned(article, reviewer, editor) -> AnnotationAnchor:
        highlight = AnnotationFactory(article=article, reviewer=reviewer)
        lost = ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted.")
        return anchor_on(highlight, revise(article, editor, lost))

    return orphaned


def test_the_re_attach_list_shows_reviewers_their_own_orphans_and_editors_all(
    article, alice, bob, editor, orphaned
):
    mine = orphaned(article, alice, editor)

    assert list(orphans_visible_to(alice)) == [mine]
    assert list(orphans_visible_to(bob)) == []
    assert list(orphans_visible_to(editor)) == [mine]


def test_an_orphan_of_an_older_revision_leaves_the_list(article, alice, editor, revise, orphaned):
    orphaned(article, alice, editor)

    revise(article, editor, ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted.") + " More.")

    # Carried forward: it is orphaned on the new latest revision, listed once.
    assert [o.revision.number for o in orphans_visible_to(editor)] == [3]


def test_a_reviewer_re_attaches_an_orphan_to_the_passage_they_choose(
    article, alice, editor, orphaned
):
    orphan = orphaned(article, alice, editor)
    text = orphan.revision.text
    start = text.index("Critics were not quoted.")

    reattached = orphan_reattach(
        anchor=orphan,
        actor=alice,
        target=TargetInput(exact="Critics were not quoted.", start=start, end=start + 24),
    )

    assert (reattached.status, reattached.start, reattached.resolved_by) == (
        "reattached",
        start,
        alice,
    )
    assert list(orphans_visible_to(alice)) == []


def test_a_re_attached_passage_must_be_in_the_text(article, alice, editor, orphaned):
    orphan = orphaned(article, alice, editor)

    with pytest.raises(DomainError):
        orphan_reattach(
            anchor=orphan, actor=alice, target=TargetInput(exact="Not there", start=0, end=9)
        )

    orphan.refresh_from_db()
    assert orphan.status == "orphaned"


def test_a_person_confirms_a_passage_is_gone(article, alice, editor, orphaned):
    orphan = orphaned(article, alice, editor)

    gone = orphan_confirm_gone(anchor=orphan, actor=editor)

    assert (gone.status, gone.resolved_by) == ("gone", editor)


def test_another_reviewer_cannot_resolve_someone_elses_orphan(
    article, alice, bob, editor, orphaned
):
    orphan = orphaned(article, alice, editor)

    with pytest.raises(DomainError) as refused:
        orphan_confirm_gone(anchor=orphan, actor=bob)

    assert refused.value.status == 403


def test_an_orphan_cannot_be_resolved_twice(article, alice, editor, orphaned):
    orphan = orphaned(article, alice, editor)
    orphan_confirm_gone(anchor=orphan, actor=alice)

    with pytest.raises(DomainError) as refused:
        orphan_confirm_gone(anchor=AnnotationAnchor.objects.get(pk=orphan.pk), actor=editor)

    assert refused.value.status == 409


def test_a_person_s_decision_survives_a_rerun_of_the_task(article, alice, editor, orphaned):
    orphan = orphaned(article, alice, editor)
    orphan_confirm_gone(anchor=orphan, actor=alice)

    revision_reanchor(revision_id=orphan.revision_id)

    assert AnnotationAnchor.objects.get(pk=orphan.pk).status == "gone"


@pytest.fixture
def published_unit(committing):
    """published_unit(article, editor): two reviews of CLAIM, decided and published."""

    def published_unit(article, editor) -> ClaimUnit:
        for slug in ("false", "mostly-false"):
            with committing():
                claims_reviewed(article, {CLAIM: slug})
        unit = ClaimUnit.objects.get(article=article)
        unit_decided_and_published(unit, editor, claim_reviewed=CLAIM)
        return unit

    return published_unit


def test_a_published_verdict_whose_claim_vanished_is_flagged(
    article, editor, revise, published_unit
):
    unit = published_unit(article, editor)

    revise(article, editor, ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted."))

    assert list(units_with_vanished_claims()) == [unit]


def test_a_published_verdict_whose_claim_moved_is_not_flagged(
    article, editor, revise, published_unit
):
    published_unit(article, editor)

    revise(article, editor, INSERTED + ARTICLE_TEXT)

    assert list(units_with_vanished_claims()) == []


def test_a_unit_keeps_its_passage_from_the_revision_it_was_made_on(
    article, editor, revise, published_unit
):
    unit = published_unit(article, editor)
    revise(article, editor, INSERTED + ARTICLE_TEXT)

    passage = selectors.with_passage(ClaimUnit.objects.filter(pk=unit.pk)).get().passage

    assert passage == CLAIM
    assert selectors.unit_text(unit)[unit.start : unit.end] == CLAIM


def test_a_new_reviewer_s_highlight_on_the_new_revision_points_at_it(article, editor, revise):
    revise(article, editor, INSERTED + ARTICLE_TEXT)
    article.refresh_from_db()

    claims_reviewed(article, {CLAIM: "false"}, reviewer=ReviewerFactory(), submit=False)

    highlight = article.annotations.get()
    assert highlight.revision.number == 2
    assert article.text[highlight.start : highlight.end] == CLAIM


def test_the_sweep_skips_recent_and_finished_revisions(article, editor, revise):
    finished = revise(article, editor, INSERTED + ARTICLE_TEXT)
    fresh = ArticleRevision.objects.create(
        article=article, number=3, title=article.title, text="Just saved."
    )

    finished.refresh_from_db()
    assert finished.reanchored_at is not None and fresh.reanchored_at is None
    assert unplaced_revisions_sweep() == []


def test_the_sweep_places_a_revision_left_unplaced_for_long(article, alice):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    lost = ArticleRevision.objects.create(
        article=article, number=2, title=article.title, text=INSERTED + ARTICLE_TEXT
    )
    ArticleRevision.objects.filter(pk=lost.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=10)
    )

    assert unplaced_revisions_sweep() == [lost.pk]  # tasks run in-process in these tests

    assert anchor_on(highlight, lost).status == "anchored"


def test_highlights_from_two_revisions_of_the_same_claim_share_a_unit(
    article, editor, revise, committing
):
    with committing():
        claims_reviewed(article, {CLAIM: "false"})
    revise(article, editor, INSERTED + ARTICLE_TEXT)
    article.refresh_from_db()

    with committing():
        claims_reviewed(article, {CLAIM: "mostly-false"})

    unit = ClaimUnit.objects.get(article=article)
    assert unit.annotations.count() == 2
    assert unit.revision.number == 2
    assert selectors.unit_text(unit)[unit.start : unit.end] == CLAIM


def test_a_lost_highlight_keeps_its_published_unit_when_units_are_regrouped(
    article, editor, revise, published_unit, committing
):
    unit = published_unit(article, editor)
    revise(article, editor, ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted."))
    article.refresh_from_db()

    with committing():  # a new review triggers a regrouping of the article's units
        claims_reviewed(article, {"The city council approved a budget": "true"})

    unit.refresh_from_db()
    assert unit.annotations.count() == 2
    assert unit.status == "published"


def test_an_article_saved_without_revisions_still_places_its_highlights(alice):
    from annotations.models import Article

    article = Article.objects.create(title="Bare", text=ARTICLE_TEXT)  # no service, no revision
    highlight = AnnotationFactory(article=article, reviewer=alice)

    found = selectors.annotations_anchor([highlight]).of(highlight)

    assert (found.start, found.end) == (highlight.start, highlight.end)


def test_units_move_to_the_new_revision_once_its_highlights_are_placed(
    article, editor, revise, committing
):
    for slug in ("false", "mostly-false"):
        with committing():
            claims_reviewed(article, {CLAIM: slug})

    revision = revise(article, editor, INSERTED + ARTICLE_TEXT)

    unit = ClaimUnit.objects.get(article=article)
    assert unit.revision == revision
    assert revision.text[unit.start : unit.end] == CLAIM
