"""Where an imported review lands (services/fact_checks.py): the desk's claim of the same
wording, else the matcher's "same claim" at the desk's threshold, else a new claim; and an
editor's link of a review to a differently worded claim (`fact_check_link`, `fact_check_unlink`,
`POST /api/v1/fact-checks/{id}/link/` and `.../unlink/`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.errors import DomainError
from annotations.models import Claim, DeskSettings, ExternalFactCheck
from annotations.services.fact_checks import (
    fact_check_link,
    fact_check_unlink,
    fact_checks_import_document,
)

pytestmark = pytest.mark.django_db

SINGLE = Path(__file__).parent.parent / "data" / "claimreview-import" / "single.json"
REWORDED = "Since 2024 the price of a bus ticket in Eastford has doubled."  # semantic, 0.81


def imported(editor, document: object | None = None):
    return fact_checks_import_document(
        document=document or json.loads(SINGLE.read_text()), importer=editor
    )


def test_an_import_attaches_a_review_to_the_claim_the_matcher_finds_the_same(editor):
    desk_claim = Claim.objects.create(text=REWORDED, created_by=editor)

    result = imported(editor)

    (line,) = result.imported
    assert ExternalFactCheck.objects.get().claim == desk_claim
    assert Claim.objects.count() == 1
    assert (line.claim_id, line.stage) == (desk_claim.pk, line.stage)
    assert line.stage in {"lexical", "semantic"}
    assert line.score is not None and line.score >= DeskSettings.load().match_same_threshold


def test_a_claim_with_another_fact_is_not_the_same_and_the_review_gets_a_new_claim(editor):
    Claim.objects.create(text="Bus fares in Westford have doubled since 2024.", created_by=editor)

    (line,) = imported(editor).imported

    assert (line.stage, line.score) == ("new", None)
    assert ExternalFactCheck.objects.get().claim.text == (
        "Bus fares in Eastford have doubled since 2024."
    )


def test_the_desks_own_same_claim_threshold_decides(editor):
    Claim.objects.create(text=REWORDED, created_by=editor)
    DeskSettings.objects.update_or_create(pk=1, defaults={"match_same_threshold": 0.9})

    (line,) = imported(editor).imported

    assert line.stage == "new"
    assert Claim.objects.count() == 2


def test_an_exact_wording_is_reported_as_the_exact_stage(editor):
    claim = Claim.objects.create(
        text="bus fares in Eastford have DOUBLED since 2024", created_by=editor
    )

    (line,) = imported(editor).imported

    assert (line.claim_id, line.stage, line.score) == (claim.pk, "exact", 1.0)


def test_an_editor_links_a_review_to_another_claim_and_its_own_claim_stays(editor):
    imported(editor)
    check = ExternalFactCheck.objects.get()
    own = check.claim
    desk_claim = Claim.objects.create(text="Fares for buses in Eastford are twice 2024's.")

    # The matcher reads "2024's" as another number: the editor has checked it is the same.
    linked = fact_check_link(
        fact_check=check, claim=desk_claim, editor=editor, differences_confirmed=True
    )
    again = fact_check_link(fact_check=check, claim=desk_claim, editor=editor)

    assert linked.claim_id == again.claim_id == desk_claim.pk
    assert ExternalFactCheck.objects.get().claim_id == desk_claim.pk
    assert Claim.objects.filter(pk=own.pk).exists()  # never deleted, even with nothing on it


def test_unlinking_puts_the_review_back_under_a_claim_of_its_own_wording(editor):
    desk_claim = Claim.objects.create(text=REWORDED, created_by=editor)
    imported(editor)  # the matcher puts it under the desk's claim
    check = ExternalFactCheck.objects.get()
    assert check.claim_id == desk_claim.pk

    back = fact_check_unlink(fact_check=check, editor=editor)

    assert back.claim.text == check.claim_text
    assert back.claim.history.get().history_user == editor
    with pytest.raises(DomainError) as refused:
        fact_check_unlink(fact_check=back, editor=editor)
    assert (refused.value.code, refused.value.status) == ("not_linked", 409)
    # Linked away and back again, the claim of its own wording is reused, not made twice.
    fact_check_link(fact_check=back, claim=desk_claim, editor=editor)
    assert fact_check_unlink(fact_check=back, editor=editor).claim_id == back.claim_id
    assert Claim.objects.count() == 2


def test_a_claim_whose_facts_differ_is_linked_only_once_the_editor_confirms(editor):
    imported(editor)
    check = ExternalFactCheck.objects.get()
    other = Claim.objects.create(text="Bus fares in Eastford have tripled since 2024.")

    with pytest.raises(DomainError) as refused:
        fact_check_link(fact_check=check, claim=other, editor=editor)
    assert ExternalFactCheck.objects.get().claim_id != other.pk
    linked = fact_check_link(
        fact_check=check, claim=other, editor=editor, differences_confirmed=True
    )

    assert (refused.value.status, refused.value.code, refused.value.field) == (
        400,
        "differences_unconfirmed",
        "differences_confirmed",
    )
    assert "direction" in refused.value.message or "term" in refused.value.message
    assert linked.claim_id == other.pk


def test_only_editors_link_reviews(editor, alice):
    imported(editor)
    check = ExternalFactCheck.objects.get()
    other = Claim.objects.create(text="Another claim.")

    for write in (
        lambda: fact_check_link(fact_check=check, claim=other, editor=alice),
        lambda: fact_check_unlink(fact_check=check, editor=alice),
    ):
        with pytest.raises(DomainError) as refused:
            write()
        assert refused.value.status == 403
    assert ExternalFactCheck.objects.get().claim_id != other.pk


def test_the_api_links_and_unlinks_a_review(api_as, editor, alice):
    imported(editor)
    check = ExternalFactCheck.objects.get()
    own = check.claim_id
    desk_claim = Claim.objects.create(text=REWORDED)
    url = f"/api/v1/fact-checks/{check.pk}/"

    linked = api_as(editor).post(url + "link/", {"claim": desk_claim.pk}, format="json")
    by_reviewer = api_as(alice).post(url + "link/", {"claim": own}, format="json")
    unknown = api_as(editor).post(url + "link/", {"claim": 999_999}, format="json")
    wrong_type = api_as(editor).post(url + "link/", {"claim": "one"}, format="json")
    missing = api_as(editor).post("/api/v1/fact-checks/999999/link/", {"claim": own}, format="json")
    unlinked = api_as(editor).post(url + "unlink/", {}, format="json")
    twice = api_as(editor).post(url + "unlink/", {}, format="json")

    assert (linked.status_code, linked.json()["claim"]) == (200, desk_claim.pk)
    assert by_reviewer.status_code == 403
    assert (unknown.status_code, wrong_type.status_code, missing.status_code) == (400, 400, 404)
    assert (unlinked.status_code, unlinked.json()["claim"]) == (200, own)
    assert (twice.status_code, twice.json()["code"]) == (409, "not_linked")


def test_the_api_import_reports_each_review_with_its_claim(api_as, editor):
    desk_claim = Claim.objects.create(text=REWORDED)

    answer = api_as(editor).post(
        "/api/v1/fact-checks/import/", json.loads(SINGLE.read_text()), format="json"
    )

    (line,) = answer.json()["imported"]
    assert line["claim"] == desk_claim.pk
    assert line["stage"] in {"lexical", "semantic"}
    assert line["url"] == "https://checkpoint.example/2026/11/bus-fares-doubled"
