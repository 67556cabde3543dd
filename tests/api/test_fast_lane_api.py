"""The fast lane in the API: the Ready lane's list and the bulk confirm, with its 400s."""

from __future__ import annotations

import pytest

from annotations.models import ClaimUnit, Verdict
from tests.factories import ReviewerFactory
from tests.views.review_scenario import CRIME, JOBS, TAXES, unit_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/units/fast-confirm/"


def item(unit: ClaimUnit, version: int | None = None) -> dict[str, int]:
    return {"unit": unit.pk, "version": unit.version if version is None else version}


def test_the_ready_list_gives_each_unit_its_agreed_verdict_and_version(api_as, editor, agreed):
    response = api_as(editor).get("/api/v1/units/ready/")

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    crime = unit_of(agreed, CRIME)
    assert set(rows) == {crime.pk, unit_of(agreed, TAXES).pk}
    assert rows[crime.pk]["agreed_label"] == "true"
    assert rows[crime.pk]["version"] == crime.version
    assert rows[crime.pk]["agreed_claim"] == CRIME


def test_the_ready_list_takes_the_queues_filters_and_pages(api_as, editor, agreed):
    client = api_as(editor)

    assert client.get("/api/v1/units/ready/", {"label": "true"}).json()["count"] == 1
    assert client.get("/api/v1/units/ready/", {"article": agreed.pk + 1}).json()["count"] == 0
    assert client.get("/api/v1/units/ready/", {"limit": 1}).json()["results"][0]["id"] > 0
    assert client.get("/api/v1/units/ready/", {"size": 5}).status_code == 400


def test_an_editor_confirms_and_publishes_and_gets_each_units_outcome(api_as, editor, agreed):
    crime, taxes, jobs = (unit_of(agreed, claim) for claim in (CRIME, TAXES, JOBS))

    response = api_as(editor).post(
        URL,
        {"items": [item(crime), item(taxes, version=99), item(jobs)], "publish": True},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["published"], body["confirmed"]) == (True, 1)
    assert [(r["unit"], r["outcome"]) for r in body["results"]] == [
        (crime.pk, "confirmed"),
        (taxes.pk, "stale"),
        (jobs.pk, "not_ready"),
    ]
    assert body["results"][0]["verdict"] == Verdict.objects.get(unit=crime).pk
    assert body["results"][1]["verdict"] is None
    assert Verdict.objects.get(unit=crime).is_published


def test_units_of_no_one_are_reported_not_found(api_as, editor, agreed):
    response = api_as(editor).post(
        URL, {"items": [{"unit": 10**12, "version": 1}], "publish": False}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["results"][0]["outcome"] == "not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": [], "publish": True}, "items"),
        ({"items": [{"unit": 1, "version": 1}] * 2, "publish": True}, "items"),
        ({"items": [{"unit": n, "version": 1} for n in range(1, 1002)], "publish": True}, "items"),
        ({"items": [{"unit": "1", "version": 1}], "publish": True}, "items"),
        ({"items": [{"unit": 1}], "publish": True}, "items"),
        ({"items": [{"unit": 0, "version": 1}], "publish": True}, "items"),
        ({"items": [{"unit": 2**63, "version": 1}], "publish": True}, "items"),
        ({"items": [{"unit": 1, "version": 2**31}], "publish": True}, "items"),
        ({"items": [1, 2], "publish": True}, "items"),
        ({"items": "all", "publish": True}, "items"),
        ({"items": [{"unit": 1, "version": 1}]}, "publish"),
        ({"items": [{"unit": 1, "version": 1}], "publish": 0}, "publish"),
        ({"items": [{"unit": 1, "version": 1}], "publish": "yes"}, "publish"),
    ],
)
def test_bad_items_are_a_clear_400(api_as, editor, body, field):
    response = api_as(editor).post(URL, body, format="json")

    assert response.status_code == 400
    assert field in str(response.json())


def test_reviewers_are_refused(api_as, agreed):
    client = api_as(ReviewerFactory())
    crime = unit_of(agreed, CRIME)

    assert client.get("/api/v1/units/ready/").status_code == 403
    refused = client.post(URL, {"items": [item(crime)], "publish": True}, format="json")
    assert refused.status_code == 403
    assert not Verdict.objects.exists()
