"""Claims across articles: an editor links a unit to a claim, relinks, unlinks and undoes,
and every change is in the history."""

from __future__ import annotations

import pytest

from annotations.errors import DomainError
from annotations.models import Claim, ClaimLink, ClaimUnit
from annotations.selectors import claim_appearances, claim_verdict
from annotations.services.adjudication import VerdictInput, unit_decide, verdict_publish
from annotations.services.claims import (
    claim_create_from_unit,
    claim_link,
    claim_link_undo,
    claim_unlink,
)
from tests.factories import (
    UNEMPLOYMENT_CLAIM,
    EditorFactory,
    unit_decided_and_published,
    unit_on_new_article,
    verdict,
)

pytestmark = pytest.mark.django_db

CLAIM = UNEMPLOYMENT_CLAIM


@pytest.fixture
def claim(editor) -> Claim:
    return Claim.objects.create(text="Unemployment has doubled since 2020", created_by=editor)


def test_a_unit_linked_as_the_same_claim_is_one_of_its_appearances(editor, claim):
    unit = unit_on_new_article()

    link = claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    assert (link.claim, link.relation, link.linked_by) == (claim, "same", editor)
    assert [a.unit for a in claim_appearances(editor, claim)] == [unit.pk]
    assert claim_appearances(editor, claim)[0].passage == CLAIM


def test_a_related_unit_is_not_an_appearance(editor, claim):
    claim_link(unit=unit_on_new_article(), claim=claim, relation="related", editor=editor)

    assert claim_appearances(editor, claim) == []


def test_linking_moves_the_unit_to_its_next_version(editor, claim):
    unit = unit_on_new_article()

    claim_link(unit=unit, claim=claim, relation="same", editor=editor, seen_version=1)

    unit.refresh_from_db()
    assert unit.version == 2


def test_relinking_changes_the_one_link_of_the_unit(editor, claim):
    unit = unit_on_new_article()
    other = Claim.objects.create(text="Unemployment has tripled since 2020")
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    claim_link(unit=unit, claim=other, relation="related", editor=editor)

    assert list(ClaimLink.objects.values_list("unit", "claim", "relation")) == [
        (unit.pk, other.pk, "related")
    ]


def test_linking_again_as_it_is_changes_nothing(editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    unit.refresh_from_db()
    assert unit.version == 2
    assert ClaimLink.history.count() == 1


def test_unlinking_takes_the_unit_out_of_the_claim(editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    claim_unlink(unit=unit, editor=editor)

    assert not ClaimLink.objects.exists()
    assert claim_appearances(editor, claim) == []


def test_every_link_relink_and_unlink_is_in_the_history_with_its_editor(editor, claim):
    unit = unit_on_new_article()
    other_editor = EditorFactory()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    claim_link(unit=unit, claim=claim, relation="related", editor=other_editor)
    claim_unlink(unit=unit, editor=editor)

    rows = ClaimLink.history.filter(unit_id=unit.pk).order_by("history_id")

    assert [(r.history_type, r.relation, r.history_user) for r in rows] == [
        ("+", "same", editor),
        ("~", "related", other_editor),
        ("-", "related", editor),
    ]


def test_undo_links_an_unlinked_unit_again_as_it_was(editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="related", editor=editor)
    claim_unlink(unit=unit, editor=editor)

    link = claim_link_undo(unit=unit, editor=editor)

    assert link is not None
    assert (link.claim_id, link.relation) == (claim.pk, "related")


def test_undo_puts_a_relinked_unit_back_on_its_earlier_claim(editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    claim_link(
        unit=unit, claim=Claim.objects.create(text="Other"), relation="related", editor=editor
    )

    claim_link_undo(unit=unit, editor=editor)

    assert list(ClaimLink.objects.values_list("claim", "relation")) == [(claim.pk, "same")]


def test_undo_of_a_first_link_unlinks(editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    assert claim_link_undo(unit=unit, editor=editor) is None
    assert not ClaimLink.objects.exists()


def test_a_new_claim_from_a_decided_unit_takes_the_claim_as_checked(editor):
    unit = unit_on_new_article()
    unit_decided_and_published(unit, editor, claim_reviewed="Unemployment doubled")

    claim = claim_create_from_unit(unit=unit, editor=editor)

    assert claim.text == "Unemployment doubled"
    assert claim.created_by == editor
    assert claim_verdict(claim) == unit.verdict


@pytest.mark.parametrize(
    ("article_language", "wording", "language"),
    [
        # Too short to judge: its article's.
        ("fr", "Chômage : +12 %", "fr"),
        ("ar", "البطالة 12%", "ar"),
        # Its own words, in another language than its article's: theirs.
        ("fr", "", "en"),  # the passage: "Critics say unemployment has doubled since 2020."
        ("en", "El desempleo se duplicó desde 2020 según las cifras oficiales del gobierno", "es"),
    ],
)
def test_a_new_claim_takes_its_articles_language_unless_its_words_say_another(
    editor, article_language, wording, language
):
    unit = unit_on_new_article(language=article_language)

    claim = claim_create_from_unit(unit=unit, editor=editor, text=wording)

    assert claim.language == language
    assert Claim.objects.get(pk=claim.pk).language == language


def test_the_migration_gives_stored_claims_their_first_appearances_language(editor):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("annotations.migrations.0028_claim_language")
    short = claim_create_from_unit(
        unit=unit_on_new_article(language="fr"), editor=editor, text="Chômage : +12 %"
    )
    claim_link(unit=unit_on_new_article(language="es"), claim=short, relation="same", editor=editor)
    spanish = claim_create_from_unit(
        unit=unit_on_new_article(language="en"),
        editor=editor,
        text="El desempleo se duplicó desde 2020 según las cifras oficiales del gobierno",
    )
    alone = Claim.objects.create(text="A claim nobody linked")
    Claim.objects.update(language="")  # as they were before migration 0028

    migration.languages_fill(apps, None)

    assert Claim.objects.get(pk=short.pk).language == "fr"  # its first appearance's
    assert Claim.objects.get(pk=spanish.pk).language == "es"  # its own words'
    assert Claim.objects.get(pk=alone.pk).language == ""


def test_a_new_claim_from_an_undecided_unit_takes_its_passage(editor):
    claim = claim_create_from_unit(unit=unit_on_new_article(), editor=editor)

    assert claim.text == CLAIM


def test_a_unit_linked_same_shares_the_claims_published_verdict(editor):
    checked = unit_on_new_article()
    published = unit_decided_and_published(checked, editor)
    claim = claim_create_from_unit(unit=checked, editor=editor)
    repeat = unit_on_new_article()

    claim_link(unit=repeat, claim=claim, relation="same", editor=editor)

    assert claim_verdict(claim) == published
    assert [a.unit for a in claim_appearances(editor, claim)] == [checked.pk, repeat.pk]


def test_a_reviewer_may_not_link(alice, claim):
    with pytest.raises(DomainError) as refused:
        claim_link(unit=unit_on_new_article(), claim=claim, relation="same", editor=alice)

    assert (refused.value.status, refused.value.code) == (403, "not_editor")
    assert not ClaimLink.objects.exists()


def test_a_reviewer_may_not_unlink(alice, editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    with pytest.raises(DomainError) as refused:
        claim_unlink(unit=unit, editor=alice)

    assert refused.value.status == 403
    assert ClaimLink.objects.count() == 1


def test_an_unknown_claim_is_refused(editor, claim):
    gone = Claim.objects.create(text="Deleted")
    Claim.objects.filter(pk=gone.pk).delete()

    with pytest.raises(DomainError) as refused:
        claim_link(unit=unit_on_new_article(), claim=gone, relation="same", editor=editor)

    assert (refused.value.status, refused.value.code, refused.value.field) == (
        400,
        "claim_unknown",
        "claim",
    )


def test_a_relation_other_than_same_or_related_is_refused(editor, claim):
    with pytest.raises(DomainError) as refused:
        claim_link(unit=unit_on_new_article(), claim=claim, relation="similar", editor=editor)

    assert (refused.value.code, refused.value.field) == ("relation_invalid", "relation")
    assert not ClaimLink.objects.exists()


def test_a_unit_rejected_as_not_a_claim_is_not_linked(editor, claim):
    unit = unit_on_new_article()
    ClaimUnit.objects.filter(pk=unit.pk).update(status=ClaimUnit.Status.REJECTED)

    with pytest.raises(DomainError) as refused:
        claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    assert (refused.value.status, refused.value.code) == (409, "unit_status")
    assert not ClaimLink.objects.exists()


def test_a_link_sent_with_a_version_another_editor_moved_on_is_refused(editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="related", editor=EditorFactory())

    with pytest.raises(DomainError) as refused:
        claim_link(unit=unit, claim=claim, relation="same", editor=editor, seen_version=1)

    assert (refused.value.status, refused.value.code) == (409, "version_conflict")
    assert ClaimLink.objects.get().relation == "related"


def test_a_unit_whose_published_verdict_differs_is_not_the_same_claim(editor):
    checked = unit_on_new_article()
    unit_decided_and_published(checked, editor)  # "false"
    claim = claim_create_from_unit(unit=checked, editor=editor)
    other = unit_on_new_article()
    decided = unit_decide(
        unit=other,
        editor=editor,
        seen_version=1,
        verdict=VerdictInput(label=verdict("true"), claim_reviewed="Unemployment doubled"),
    )
    other.refresh_from_db()
    verdict_publish(verdict=decided, editor=editor, seen_version=other.version)

    with pytest.raises(DomainError) as refused:
        claim_link(unit=other, claim=claim, relation="same", editor=editor)
    related = claim_link(unit=other, claim=claim, relation="related", editor=editor)

    assert (refused.value.status, refused.value.code) == (409, "verdict_conflict")
    assert related.relation == "related"


def test_unlinking_a_unit_that_is_not_linked_is_refused(editor):
    with pytest.raises(DomainError) as refused:
        claim_unlink(unit=unit_on_new_article(), editor=editor)

    assert (refused.value.status, refused.value.code) == (409, "not_linked")
