"""`claim_changed` on the units API, and confirming a changed claim (hardening issue, item 14)."""

from __future__ import annotations

import pytest

from tests.factories import CHANGED_CLAIM, claim_published_then_revised

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(editor, django_capture_on_commit_callbacks):
    return claim_published_then_revised(
        editor, lambda: django_capture_on_commit_callbacks(execute=True)
    )


EXPECTED = {
    "old": CHANGED_CLAIM,
    "new": CHANGED_CLAIM.replace("219", "224"),
    "revision": 2,
    "differences": [
        {"kind": "number", "old": "219", "new": "224", "old_value": "219", "new_value": "224"}
    ],
}


def test_the_unit_carries_its_claim_change(api_as, editor, changed):
    response = api_as(editor).get(f"/api/v1/units/{changed.pk}/")

    assert response.status_code == 200
    assert response.json()["claim_changed"] == EXPECTED


def test_the_queue_row_carries_it_too(api_as, editor, changed):
    response = api_as(editor).get("/api/v1/units/", {"status": "published"})

    [row] = response.json()["results"]
    assert row["claim_changed"] == EXPECTED


def test_confirming_clears_it(api_as, editor, changed):
    client = api_as(editor)

    response = client.post(
        f"/api/v1/units/{changed.pk}/confirm-claim/", {"version": changed.version}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["claim_changed"] is None
    assert client.get(f"/api/v1/units/{changed.pk}/").json()["claim_changed"] is None


def test_confirming_an_old_version_is_a_conflict(api_as, editor, changed):
    response = api_as(editor).post(
        f"/api/v1/units/{changed.pk}/confirm-claim/",
        {"version": changed.version - 1},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "version_conflict"


def test_confirming_a_unit_whose_claim_did_not_change_is_a_conflict(api_as, editor, changed):
    client = api_as(editor)
    client.post(
        f"/api/v1/units/{changed.pk}/confirm-claim/", {"version": changed.version}, format="json"
    )

    response = client.post(
        f"/api/v1/units/{changed.pk}/confirm-claim/",
        {"version": changed.version + 1},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "no_claim_change"


def test_a_unit_without_a_change_has_null(api_as, editor, changed):
    changed.claim_changes.all().delete()

    assert api_as(editor).get(f"/api/v1/units/{changed.pk}/").json()["claim_changed"] is None
