"""A figure changed under a verdict: the unit is flagged "claim changed" until an editor
confirms, corrects or unpublishes the verdict (hardening issue, item 14)."""

from __future__ import annotations

import pytest

from annotations import selectors
from annotations.errors import DomainError
from annotations.models import ClaimChange, ClaimUnit
from annotations.services.adjudication import (
    VerdictInput,
    claim_change_confirm,
    unit_decide,
    verdict_correct,
    verdict_publish,
    verdict_unpublish,
)
from annotations.services.articles import article_create
from annotations.services.revisions import article_revise, revision_reanchor
from tests.factories import claims_reviewed, unit_decided_and_published, verdict

pytestmark = pytest.mark.django_db

CLAIM = "Shelling killed 219 civilians in Aleppo on 13 November, the observatory said."
TEXT = f"Strikes on the city\n\nThe war went on.\n\n{CLAIM}\n\nTalks resume next week."
CORRECTED = TEXT.replace("219 civilians", "224 civilians")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Runs what follows a commit: the re-anchoring and agreement tasks (eager in tests)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def claim_article(editor, committing):
    with committing():
        return article_create(title="Strikes", text=TEXT, imported_by=editor)


@pytest.fixture
def revise(committing):
    def revise(article, editor, text: str):
        with committing():
            revision, created = article_revise(article=article, text=text, created_by=editor)
        assert created
        return revision

    return revise


def _published(article, editor, committing, claim_reviewed: str) -> ClaimUnit:
    """Two reviewers highlight the claim; the editor decides and publishes its verdict."""
    for slug in ("false", "mostly-false"):
        with committing():
            claims_reviewed(article, {CLAIM: slug})
    unit = ClaimUnit.objects.get(article=article)
    unit_decided_and_published(unit, editor, claim_reviewed=claim_reviewed)
    return unit


@pytest.fixture
def published(claim_article, editor, committing) -> ClaimUnit:
    """A verdict whose claim states the figure, as most do."""
    return _published(claim_article, editor, committing, "219 civilians were killed")


@pytest.fixture
def published_without_the_figure(claim_article, editor, committing) -> ClaimUnit:
    """A verdict whose claim does not state the figure: a correction of it can still hold."""
    return _published(claim_article, editor, committing, "Shelling killed civilians in Aleppo")


def claim_changed(unit: ClaimUnit):
    return selectors.claim_changed(selectors.unit_for_adjudication(unit.pk))


def test_a_corrected_figure_under_a_published_verdict_flags_the_unit(
    claim_article, editor, published, revise
):
    revision = revise(claim_article, editor, CORRECTED)

    assert claim_changed(published) == {
        "old": CLAIM,
        "new": CLAIM.replace("219", "224"),
        "revision": revision.number,
        "differences": [
            {"kind": "number", "old": "219", "new": "224", "old_value": "219", "new_value": "224"}
        ],
    }
    published.refresh_from_db()
    assert published.revision_id == revision.pk
    assert published.verdict.claim_reviewed == "219 civilians were killed"


def test_the_flag_moves_the_unit_version_on(claim_article, editor, published, revise):
    seen = published.version

    revise(claim_article, editor, CORRECTED)

    published.refresh_from_db()
    assert published.version == seen + 1


def test_a_revision_that_leaves_the_passage_alone_flags_nothing(
    claim_article, editor, published, revise
):
    revise(claim_article, editor, TEXT.replace("Talks resume", "Talks will resume"))

    assert claim_changed(published) is None
    assert not ClaimChange.objects.exists()


def test_a_typography_only_change_flags_nothing(claim_article, editor, published, revise):
    revise(claim_article, editor, TEXT.replace("13 November", "13\u00a0November"))

    assert claim_changed(published) is None


def test_rewording_that_keeps_the_facts_flags_nothing(claim_article, editor, published, revise):
    revise(claim_article, editor, TEXT.replace("Shelling killed", "Shelling has killed"))

    assert claim_changed(published) is None


def test_an_undecided_unit_is_not_flagged(claim_article, editor, revise, committing):
    for slug in ("false", "mostly-false"):
        with committing():
            claims_reviewed(claim_article, {CLAIM: slug})

    revise(claim_article, editor, CORRECTED)

    assert not ClaimChange.objects.exists()


def test_a_decided_unpublished_unit_is_flagged_and_cannot_be_published_unconfirmed(
    claim_article, editor, revise, committing
):
    for slug in ("false", "mostly-false"):
        with committing():
            claims_reviewed(claim_article, {CLAIM: slug})
    unit = ClaimUnit.objects.get(article=claim_article)
    decided = unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed="219 civilians"),
    )
    revise(claim_article, editor, CORRECTED)
    unit.refresh_from_db()

    assert claim_changed(unit) is not None
    with pytest.raises(DomainError) as refused:
        verdict_publish(verdict=decided, editor=editor, seen_version=unit.version)
    assert refused.value.code == "claim_changed"


def test_re_anchoring_twice_makes_one_flag(claim_article, editor, published, revise, committing):
    revision = revise(claim_article, editor, CORRECTED)

    with committing():
        revision_reanchor(revision_id=revision.pk)

    assert ClaimChange.objects.filter(unit=published).count() == 1


def test_a_second_revision_is_compared_with_the_passage_the_verdict_was_given_on(
    claim_article, editor, published, revise
):
    revise(claim_article, editor, CORRECTED)
    latest = revise(claim_article, editor, CORRECTED.replace("Aleppo", "Idlib"))

    changed = claim_changed(published)
    assert changed["old"] == CLAIM
    assert changed["revision"] == latest.number
    assert [(d["old"], d["new"]) for d in changed["differences"]] == [
        ("219", "224"),
        ("Aleppo", "Idlib"),
    ]
    assert ClaimChange.objects.filter(unit=published, resolved_at__isnull=True).count() == 1


def test_a_revision_that_puts_the_figure_back_clears_the_flag(
    claim_article, editor, published, revise
):
    revise(claim_article, editor, CORRECTED)
    revise(claim_article, editor, TEXT)

    assert claim_changed(published) is None
    assert ClaimChange.objects.get(unit=published).resolution == "superseded"


def test_an_editor_confirms_the_verdict_still_holds(
    claim_article, editor, published_without_the_figure, revise
):
    published = published_without_the_figure
    revise(claim_article, editor, CORRECTED)
    published.refresh_from_db()

    claim_change_confirm(unit=published, editor=editor, seen_version=published.version)

    assert claim_changed(published) is None
    change = ClaimChange.objects.get(unit=published)
    assert (change.resolution, change.resolved_by) == ("confirmed", editor)
    assert change.history.latest().history_user == editor
    published.refresh_from_db()
    assert published.status == ClaimUnit.Status.PUBLISHED


def test_a_verdict_whose_claim_still_states_the_old_figure_cannot_be_confirmed(
    claim_article, editor, published, revise
):
    revise(claim_article, editor, CORRECTED)
    published.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        claim_change_confirm(unit=published, editor=editor, seen_version=published.version)

    assert (refused.value.status, refused.value.code) == (409, "claim_text_outdated")
    assert "“219” (now “224”)" in refused.value.message
    assert claim_changed(published) is not None


def test_confirming_with_a_stale_version_is_refused(claim_article, editor, published, revise):
    seen = published.version
    revise(claim_article, editor, CORRECTED)

    with pytest.raises(DomainError) as refused:
        claim_change_confirm(unit=published, editor=editor, seen_version=seen)

    assert refused.value.status == 409
    assert claim_changed(published) is not None


def test_there_is_nothing_to_confirm_without_a_change(editor, published):
    with pytest.raises(DomainError) as refused:
        claim_change_confirm(unit=published, editor=editor, seen_version=published.version)

    assert refused.value.code == "no_claim_change"
    published.refresh_from_db()
    assert published.version == published.history.latest().version


def test_correcting_the_verdict_resolves_the_flag(claim_article, editor, published, revise):
    revise(claim_article, editor, CORRECTED)
    published.refresh_from_db()

    verdict_correct(
        verdict=published.verdict,
        editor=editor,
        seen_version=published.version,
        note="The observatory revised its count to 224.",
        changes=VerdictInput(label=verdict("false"), claim_reviewed="224 civilians were killed"),
    )

    assert claim_changed(published) is None
    assert ClaimChange.objects.get(unit=published).resolution == "corrected"


def test_unpublishing_the_verdict_resolves_the_flag(claim_article, editor, published, revise):
    revise(claim_article, editor, CORRECTED)
    published.refresh_from_db()

    verdict_unpublish(verdict=published.verdict, editor=editor, seen_version=published.version)

    assert claim_changed(published) is None
    assert ClaimChange.objects.get(unit=published).resolution == "unpublished"
