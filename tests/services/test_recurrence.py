"""Recurrence: an article's sentences that repeat a checked claim become appearances to review;
editors confirm (the article becomes one of the claim's appearances) or dismiss them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from annotations.errors import DomainError
from annotations.models import (
    ArticleRevision,
    ClaimLink,
    ClaimUnit,
    DeskSettings,
    ExternalFactCheck,
    SuggestedAppearance,
)
from annotations.selectors import claim_appearances
from annotations.selectors.appearances import appearances_visible_to
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.claims import claim_link
from annotations.services.recurrence import (
    appearance_confirm,
    appearance_dismiss,
    revision_claims_scan,
    unscanned_revisions_sweep,
)
from annotations.services.revisions import article_revise
from tests.factories import ReviewerFactory, verdict
from tests.services.recurrence_scenario import (
    CHANGED_FACT_TEXT,
    REPEATED_SENTENCE,
    REPEATING_TEXT,
    article_repeating,
    claim_checked_and_published,
)

pytestmark = pytest.mark.django_db

Status = SuggestedAppearance.Status


def scanned(editor, text: str = REPEATING_TEXT):
    article = article_repeating(editor, text)
    revision = article.revisions.get()
    revision_claims_scan(revision_id=revision.pk)
    return article, revision


def test_a_sentence_repeating_a_published_verdicts_claim_is_suggested(editor):
    checked = claim_checked_and_published(editor)

    article, revision = scanned(editor)

    appearance = SuggestedAppearance.objects.get()
    assert (appearance.article, appearance.revision, appearance.claim) == (
        article,
        revision,
        checked.claim,
    )
    assert appearance.status == Status.PENDING
    assert appearance.sentence == REPEATED_SENTENCE
    assert revision.text[appearance.start : appearance.end] == REPEATED_SENTENCE
    assert appearance.score >= DeskSettings.load().match_same_threshold
    revision.refresh_from_db()
    assert revision.claims_scanned_at is not None


def test_scanning_twice_adds_nothing(editor):
    claim_checked_and_published(editor)
    _, revision = scanned(editor)

    assert revision_claims_scan(revision_id=revision.pk) == 0

    assert SuggestedAppearance.objects.count() == 1
    assert SuggestedAppearance.history.count() == 1


def test_a_dismissed_appearance_stays_dismissed_on_a_rescan(editor):
    claim_checked_and_published(editor)
    _, revision = scanned(editor)
    appearance_dismiss(appearance=SuggestedAppearance.objects.get(), editor=editor)

    revision_claims_scan(revision_id=revision.pk)

    assert list(SuggestedAppearance.objects.values_list("status", flat=True)) == [Status.DISMISSED]


# The checked claim as one clause of a long sentence that, as a whole, is about something else.
CLAUSE_SENTENCE = (
    "The opposition leader, who spoke for almost an hour in a packed hall in Leeds on Monday "
    "evening, attacked the budget line by line; since 2020, unemployment has doubled, she told "
    "the crowd."
)
CLAUSE = "since 2020, unemployment has doubled, she told the crowd."


def test_a_claim_stated_in_one_clause_of_a_long_sentence_is_suggested_on_that_clause(editor):
    checked = claim_checked_and_published(editor)

    article, revision = scanned(editor, f"Budget day\n\n{CLAUSE_SENTENCE}")

    appearance = SuggestedAppearance.objects.get()
    assert appearance.claim == checked.claim
    assert appearance.sentence == CLAUSE
    assert revision.text[appearance.start : appearance.end] == CLAUSE


def test_a_claim_two_clauses_state_is_suggested_once_per_sentence(editor):
    claim_checked_and_published(editor)
    sentence = (
        "Since 2020, unemployment has doubled, she told the crowd; "
        "unemployment has doubled since 2020, she told the crowd again."
    )

    article, revision = scanned(editor, f"Jobs\n\n{sentence}")

    # Both clauses restate it (the whole sentence, twice over, reads as something else).
    appearance = SuggestedAppearance.objects.get()
    assert appearance.sentence in sentence.split("; ")
    assert revision.text[appearance.start : appearance.end] == appearance.sentence


def test_a_new_revision_is_scanned_and_a_dismissed_sentence_is_not_suggested_again(editor):
    claim_checked_and_published(editor)
    article, _ = scanned(editor)
    appearance_dismiss(appearance=SuggestedAppearance.objects.get(), editor=editor)

    revision, _ = article_revise(
        article=article, text="Update: new figures.\n\n" + REPEATING_TEXT, created_by=editor
    )
    revision_claims_scan(revision_id=revision.pk)

    assert SuggestedAppearance.objects.filter(revision=revision).count() == 0


def test_a_new_revision_moves_a_pending_appearance_to_the_sentence_where_it_now_lies(editor):
    claim_checked_and_published(editor)
    article, first = scanned(editor)

    revision, _ = article_revise(
        article=article, text="Update: new figures.\n\n" + REPEATING_TEXT, created_by=editor
    )
    revision_claims_scan(revision_id=revision.pk)

    listed = list(appearances_visible_to(editor, status=Status.PENDING))
    assert [a.revision_id for a in listed] == [revision.pk]
    assert revision.text[listed[0].start : listed[0].end] == REPEATED_SENTENCE
    assert SuggestedAppearance.objects.filter(revision=first).exists()  # kept, not listed


def test_an_older_revision_is_marked_scanned_without_matching(editor):
    claim_checked_and_published(editor)
    article = article_repeating(editor)
    first = article.revisions.get()
    article_revise(article=article, text=REPEATING_TEXT + "\n\nMore.", created_by=editor)

    assert revision_claims_scan(revision_id=first.pk) == 0

    first.refresh_from_db()
    assert first.claims_scanned_at is not None
    assert not SuggestedAppearance.objects.filter(revision=first).exists()


def test_an_unpublished_verdict_is_not_a_check_to_repeat(editor):
    # Decided but not published: blind review and the desk's drafts stay in the desk.
    checked = claim_checked_and_published(editor, publish=False)
    unit_decide(
        unit=checked.unit,
        editor=editor,
        seen_version=ClaimUnit.objects.get(pk=checked.unit.pk).version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed="Unemployment doubled"),
    )

    scanned(editor)

    assert not SuggestedAppearance.objects.exists()


def test_a_claim_without_any_verdict_is_not_suggested(editor):
    claim_checked_and_published(editor, publish=False)

    scanned(editor)

    assert not SuggestedAppearance.objects.exists()


def test_another_fact_checkers_review_counts_as_a_check(editor):
    checked = claim_checked_and_published(editor, publish=False)
    ExternalFactCheck.objects.create(
        publisher_name="Other Checks",
        url="https://checks.example.org/unemployment",
        claim_text=checked.claim.text,
        rating_text="False",
        claim=checked.claim,
    )

    scanned(editor)

    assert SuggestedAppearance.objects.get().claim == checked.claim


def test_a_sentence_with_another_fact_is_never_suggested(editor):
    claim_checked_and_published(editor)

    scanned(editor, CHANGED_FACT_TEXT)

    assert not SuggestedAppearance.objects.exists()


def test_the_desks_same_claim_threshold_decides(editor):
    claim_checked_and_published(editor)
    DeskSettings.objects.update_or_create(
        pk=1, defaults={"match_same_threshold": 0.99, "match_related_threshold": 0.6}
    )

    scanned(editor)

    assert not SuggestedAppearance.objects.exists()


def test_a_sentence_whose_unit_is_already_linked_to_the_claim_is_skipped(editor):
    checked = claim_checked_and_published(editor)
    article = article_repeating(editor)
    revision = article.revisions.get()
    start = revision.text.index(REPEATED_SENTENCE)
    unit = ClaimUnit.objects.create(
        article=article, revision=revision, kind="claim", start=start + 12, end=start + 30
    )
    claim_link(unit=unit, claim=checked.claim, relation="related", editor=editor)

    assert revision_claims_scan(revision_id=revision.pk) == 0


def test_confirming_links_a_new_unit_on_the_sentence_as_the_same_claim(editor):
    checked = claim_checked_and_published(editor)
    article, _ = scanned(editor)

    confirmed = appearance_confirm(appearance=SuggestedAppearance.objects.get(), editor=editor)

    unit = confirmed.unit
    assert unit is not None and unit.is_manual
    assert article.text[unit.start : unit.end] == REPEATED_SENTENCE
    assert ClaimLink.objects.get(unit=unit).relation == "same"
    assert {a.article for a in claim_appearances(editor, checked.claim)} == {
        checked.unit.article_id,
        article.pk,
    }
    assert (confirmed.status, confirmed.resolved_by) == (Status.CONFIRMED, editor)
    last = confirmed.history.first()
    assert (last.status, last.history_user) == (Status.CONFIRMED, editor)


def test_confirming_links_the_unit_reviewers_made_on_the_sentence(editor):
    checked = claim_checked_and_published(editor)
    article, revision = scanned(editor)
    start = revision.text.index("unemployment has doubled")
    unit = ClaimUnit.objects.create(
        article=article, revision=revision, kind="claim", start=start, end=start + 24
    )

    confirmed = appearance_confirm(appearance=SuggestedAppearance.objects.get(), editor=editor)

    assert confirmed.unit == unit
    assert ClaimLink.objects.get(unit=unit).claim == checked.claim
    assert ClaimUnit.objects.filter(article=article).count() == 1


def test_confirming_is_refused_when_the_sentences_unit_states_another_claim(editor):
    claim_checked_and_published(editor)
    other = claim_checked_and_published(editor, publish=False)
    article, revision = scanned(editor)
    start = revision.text.index(REPEATED_SENTENCE)
    unit = ClaimUnit.objects.create(
        article=article, revision=revision, kind="claim", start=start, end=start + 20
    )
    claim_link(unit=unit, claim=other.claim, relation="same", editor=editor)

    with pytest.raises(DomainError) as refused:
        appearance_confirm(appearance=SuggestedAppearance.objects.get(), editor=editor)

    assert (refused.value.status, refused.value.code) == (409, "unit_linked_elsewhere")
    assert SuggestedAppearance.objects.get().status == Status.PENDING


@pytest.mark.parametrize("first", [appearance_confirm, appearance_dismiss])
@pytest.mark.parametrize("second", [appearance_confirm, appearance_dismiss])
def test_a_resolved_appearance_cannot_be_resolved_again(editor, first, second):
    claim_checked_and_published(editor)
    scanned(editor)
    appearance = SuggestedAppearance.objects.get()
    first(appearance=appearance, editor=editor)

    with pytest.raises(DomainError) as refused:
        second(appearance=appearance, editor=editor)

    assert (refused.value.status, refused.value.code) == (409, "appearance_resolved")


def test_an_appearance_on_a_superseded_revision_cannot_be_confirmed(editor):
    claim_checked_and_published(editor)
    article, _ = scanned(editor)
    article_revise(article=article, text=REPEATING_TEXT + "\n\nMore.", created_by=editor)

    with pytest.raises(DomainError) as refused:
        appearance_confirm(appearance=SuggestedAppearance.objects.get(), editor=editor)

    assert (refused.value.status, refused.value.code) == (409, "appearance_outdated")


@pytest.mark.parametrize("action", [appearance_confirm, appearance_dismiss])
def test_reviewers_neither_confirm_nor_dismiss(editor, action):
    claim_checked_and_published(editor)
    scanned(editor)

    with pytest.raises(DomainError) as refused:
        action(appearance=SuggestedAppearance.objects.get(), editor=ReviewerFactory())

    assert refused.value.status == 403
    assert SuggestedAppearance.objects.get().status == Status.PENDING


def test_reviewers_see_no_appearances(editor):
    claim_checked_and_published(editor)
    scanned(editor)

    assert list(appearances_visible_to(ReviewerFactory())) == []
    assert appearances_visible_to(editor).count() == 1


def test_importing_an_article_scans_it_after_the_commit(editor, django_capture_on_commit_callbacks):
    claim_checked_and_published(editor)

    with django_capture_on_commit_callbacks(execute=True):
        article = article_repeating(editor)

    assert SuggestedAppearance.objects.get().article == article


def test_a_new_revision_is_scanned_after_the_commit(editor, django_capture_on_commit_callbacks):
    claim_checked_and_published(editor)
    article = article_repeating(editor, "Jobs\n\nNothing checked here yet, they say.")

    with django_capture_on_commit_callbacks(execute=True):
        revision, _ = article_revise(article=article, text=REPEATING_TEXT, created_by=editor)

    assert SuggestedAppearance.objects.get().revision == revision


def test_the_sweep_scans_revisions_whose_scan_was_lost(editor):
    claim_checked_and_published(editor)
    article = article_repeating(editor)  # outside a commit: no scan was sent
    ArticleRevision.objects.update(created=timezone.now() - datetime.timedelta(minutes=5))
    lost = article.revisions.get()

    swept = unscanned_revisions_sweep()

    assert lost.pk in swept
    assert SuggestedAppearance.objects.get().revision == lost
    assert unscanned_revisions_sweep() == []
