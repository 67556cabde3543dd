"""POST /api/v1/units/{id}/new-claim/: "keep it new", the unit becomes the first appearance of
a claim of its own; the answer is the unit's link state, as /link/ answers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Claim, ClaimLink, ClaimUnit
from annotations.services.claims import claim_link
from tests.factories import UNEMPLOYMENT_CLAIM, unit_decided_and_published, unit_on_new_article

pytestmark = pytest.mark.django_db


def new_claim(client, unit: ClaimUnit, body: dict[str, object] | None = None):
    return client.post(f"/api/v1/units/{unit.pk}/new-claim/", body or {}, format="json")


def test_an_editor_keeps_a_units_claim_new_worded_as_its_passage(api_as, editor):
    unit = unit_on_new_article()

    response = new_claim(api_as(editor), unit)

    assert response.status_code == 201
    claim = Claim.objects.get()
    assert claim.text == UNEMPLOYMENT_CLAIM
    assert response.json() | {"linked_at": None} == {
        "unit": unit.pk,
        "version": 2,
        "claim": claim.pk,
        "relation": "same",
        "linked_by": editor.username,
        "linked_at": None,
        "claim_verdict": None,
    }


def test_the_new_claim_takes_the_wording_given_and_shares_the_units_published_verdict(
    api_as, editor
):
    unit = unit_on_new_article()
    unit_decided_and_published(unit, editor, claim_reviewed="Unemployment doubled")

    response = new_claim(
        api_as(editor), unit, {"text": "Unemployment has doubled since 2020", "version": 3}
    )

    assert response.status_code == 201, response.json()
    assert Claim.objects.get().text == "Unemployment has doubled since 2020"
    assert response.json()["claim_verdict"]["label"] == "false"
    assert response.json()["version"] == 4


def test_a_linked_unit_is_relinked_to_the_new_claim(api_as, editor):
    unit = unit_on_new_article()
    old = Claim.objects.create(text="Jobless figures doubled", created_by=editor)
    claim_link(unit=unit, claim=old, relation="related", editor=editor)

    response = new_claim(api_as(editor), unit)

    assert response.status_code == 201
    link = ClaimLink.objects.get(unit=unit)
    assert (link.claim_id, link.relation) == (response.json()["claim"], "same")
    assert link.claim_id != old.pk


@pytest.mark.parametrize("who", ["alice", None])
def test_only_editors_keep_a_claim_new(api_as, request, who):
    unit = unit_on_new_article()
    user = request.getfixturevalue(who) if who else None

    response = new_claim(api_as(user), unit)

    assert response.status_code in ((403,) if who else (401, 403))
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": 12}, "text"),
        ({"version": 0}, "version"),
        ({"version": "2"}, "version"),
    ],
)
def test_bad_input_is_refused_by_field_and_makes_no_claim(api_as, editor, body, field):
    unit = unit_on_new_article()

    response = new_claim(api_as(editor), unit, body)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Claim.objects.exists()


def test_an_unknown_unit_is_a_404(api_as, editor):
    response = api_as(editor).post("/api/v1/units/999999/new-claim/", {}, format="json")

    assert response.status_code == 404


def test_a_stale_version_is_a_conflict_and_leaves_no_claim_behind(api_as, editor):
    unit = unit_on_new_article()
    other = Claim.objects.create(text="Jobless figures doubled", created_by=editor)
    claim_link(unit=unit, claim=other, relation="related", editor=editor)  # version 2

    response = new_claim(api_as(editor), unit, {"version": 1})

    assert response.status_code == 409
    assert response.json()["code"] == "version_conflict"
    assert list(Claim.objects.values_list("pk", flat=True)) == [other.pk]
    assert ClaimLink.objects.get(unit=unit).relation == "related"


def test_a_rejected_unit_states_no_claim_to_keep(api_as, editor):
    unit = unit_on_new_article()
    ClaimUnit.objects.filter(pk=unit.pk).update(status=ClaimUnit.Status.REJECTED)

    response = new_claim(api_as(editor), unit)

    assert response.status_code == 409
    assert not Claim.objects.exists()


def test_the_queries_do_not_depend_on_the_claims_already_known(api_as, editor):
    client = api_as(editor)
    new_claim(client, unit_on_new_article())  # the session and permissions warmed up
    first = unit_on_new_article()
    with CaptureQueriesContext(connection) as few:
        assert new_claim(client, first).status_code == 201
    for number in range(5):
        claim_link(
            unit=unit_on_new_article(),
            claim=Claim.objects.create(text=f"Claim {number}", created_by=editor),
            relation="same",
            editor=editor,
        )
    second = unit_on_new_article()
    with CaptureQueriesContext(connection) as many:
        assert new_claim(client, second).status_code == 201

    assert len(many) == len(few)
