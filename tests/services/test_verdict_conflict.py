"""A correction that would make two "same" appearances of one claim disagree is refused (409
verdict_conflict naming the claim), unless the unit is first unlinked or relinked "related"."""

from __future__ import annotations

import pytest

from annotations.errors import DomainError
from annotations.models import Claim, ClaimUnit, Verdict
from annotations.services.adjudication import VerdictInput, verdict_correct
from annotations.services.claims import claim_link, claim_unlink
from tests.factories import unit_decided_and_published, unit_on_new_article, verdict
from tests.pages import logged_in

pytestmark = pytest.mark.django_db


def two_appearances(editor) -> tuple[Claim, ClaimUnit, ClaimUnit]:
    """Two units on two articles, both published "false", linked "same" to one claim."""
    claim = Claim.objects.create(text="Critics say unemployment has doubled since 2020.")
    units = []
    for title in ("Jobs", "Jobs again"):
        unit = unit_on_new_article(title=title)
        unit_decided_and_published(unit, editor)
        claim_link(unit=unit, claim=claim, relation="same", editor=editor)
        unit.refresh_from_db()
        units.append(unit)
    return claim, units[0], units[1]


def correct(unit: ClaimUnit, editor, slug: str) -> None:
    unit.refresh_from_db()
    verdict_correct(
        verdict=Verdict.objects.get(unit=unit),
        editor=editor,
        seen_version=unit.version,
        note="We misread the figures.",
        changes=VerdictInput(label=verdict(slug), claim_reviewed="Unemployment doubled"),
    )


def test_a_correction_to_another_label_than_the_claims_other_appearance_is_refused(editor):
    claim, first, _ = two_appearances(editor)

    with pytest.raises(DomainError) as refused:
        correct(first, editor, "true")

    error = refused.value
    assert (error.code, error.status, error.field) == ("verdict_conflict", 409, "label")
    assert f"claim {claim.pk}" in error.message and "unemployment" in error.message
    assert Verdict.objects.get(unit=first).label.slug == "false"
    first.refresh_from_db()
    assert not first.verdict.corrections.exists()


def test_a_correction_keeping_the_label_is_allowed(editor):
    _, first, _ = two_appearances(editor)

    correct(first, editor, "false")

    assert Verdict.objects.get(unit=first).corrections.count() == 1


@pytest.mark.parametrize("first_move", ["unlink", "relink related"])
def test_once_the_unit_is_unlinked_or_related_the_correction_goes_through(editor, first_move):
    claim, first, _ = two_appearances(editor)
    if first_move == "unlink":
        claim_unlink(unit=first, editor=editor)
    else:
        claim_link(unit=first, claim=claim, relation="related", editor=editor)

    correct(first, editor, "true")

    assert Verdict.objects.get(unit=first).label.slug == "true"


def test_the_api_answers_409_verdict_conflict(api_as, editor):
    _, first, _ = two_appearances(editor)
    first.refresh_from_db()
    published = Verdict.objects.get(unit=first)

    answer = api_as(editor).post(
        f"/api/v1/verdicts/{published.pk}/correct/",
        {
            "version": first.version,
            "note": "Wrong figures.",
            "label": "true",
            "claim_reviewed": "Unemployment doubled",
        },
        format="json",
    )

    assert answer.status_code == 409
    assert answer.json()["code"] == "verdict_conflict"


def test_the_correction_page_shows_the_conflict_and_keeps_the_verdict(editor):
    _, first, _ = two_appearances(editor)
    first.refresh_from_db()

    response = logged_in(editor).post(
        f"/review/units/{first.pk}/correct/",
        {
            "version": first.version,
            "note": "Wrong figures.",
            "label": "true",
            "claim_reviewed": "Unemployment doubled",
        },
    )

    assert response.status_code == 409
    assert "whose other appearances were published as False" in response.content.decode()
    assert Verdict.objects.get(unit=first).label.slug == "false"
