"""A claim the desk already published a fact check of, in the Ready lane (walk 19, finding 2):
the lane marks it "Checked before", as the queue does, and publishing from the lane (page, API,
service) leaves it out with the reason, rather than publishing a second public fact check of
the same claim with the raw passage as its wording and no claimant. Confirming it without
publishing still goes through: nothing public changes."""

from __future__ import annotations

import re
from html import unescape

import pytest

from annotations.core.fast_lane import FastConfirmItem, Outcome
from annotations.models import Claim, ClaimUnit, Verdict
from annotations.selectors.public import verdicts_published
from annotations.services.claims import claim_link
from annotations.services.fast_lane import units_fast_confirm
from tests.factories import unit_decided_and_published, unit_on_new_article
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, TAXES, unit_of

pytestmark = pytest.mark.django_db

REASON = "Checked before: the desk's published fact check of this claim already lists"


@pytest.fixture
def checked_before(editor, agreed) -> Verdict:
    """The crime claim, published False on another article; the agreed crime unit is linked to
    it as the same claim. The taxes unit is ready and new."""
    claim = Claim.objects.create(text=CRIME, created_by=editor)
    elsewhere = unit_on_new_article()
    published = unit_decided_and_published(elsewhere, editor, claim_reviewed="Crime fell 30%")
    claim_link(unit=elsewhere, claim=claim, relation="same", editor=editor)
    claim_link(unit=unit_of(agreed, CRIME), claim=claim, relation="same", editor=editor)
    return published


def row_of(html: str, unit: ClaimUnit) -> str:
    return html.split(f'data-unit-id="{unit.pk}"')[1].split("</tr>")[0]


def seen(unit: ClaimUnit) -> str:
    return f"{unit.pk}:{unit.version}"


def test_the_lane_marks_a_claim_checked_before_with_the_published_verdict(
    editor, agreed, checked_before
):
    html = logged_in(editor).get("/review/ready/").content.decode()

    crime = row_of(html, unit_of(agreed, CRIME))
    mark = re.search(r'queue-claim__checked" href="([^"]+)".*?</svg>([^<]+)</a>', crime, re.S)
    assert mark is not None
    assert (mark.group(1), mark.group(2).strip()) == (
        f"/verdicts/{checked_before.pk}/",
        "Checked before: False",
    )
    assert "Publishing from here leaves it out" in crime
    assert "Checked before" not in row_of(html, unit_of(agreed, TAXES))


def test_publishing_from_the_lane_leaves_a_claim_checked_before_out_and_says_why(
    editor, agreed, checked_before
):
    crime, taxes = unit_of(agreed, CRIME), unit_of(agreed, TAXES)

    response = logged_in(editor).post(
        "/review/ready/confirm/", {"action": "publish", "unit": [seen(crime), seen(taxes)]}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 claim confirmed and published; 1 not." in html
    problem = html.split(f'data-unit-id="{crime.pk}" data-outcome="checked_before"')[1]
    assert REASON in unescape(problem.split("</tr>")[0])
    assert not Verdict.objects.filter(unit=crime).exists()
    assert unit_of(agreed, CRIME).version == crime.version  # nothing written for it
    assert list(verdicts_published().values_list("pk", flat=True).order_by("pk")) == [
        checked_before.pk,
        Verdict.objects.get(unit=taxes).pk,
    ]


def test_confirming_a_claim_checked_before_without_publishing_still_decides_it(
    editor, agreed, checked_before
):
    crime = unit_of(agreed, CRIME)

    report = units_fast_confirm(
        editor=editor, items=[FastConfirmItem(crime.pk, crime.version)], publish=False
    )

    assert [r.outcome for r in report.results] == [Outcome.CONFIRMED]
    assert not Verdict.objects.get(unit=crime).is_published


def test_the_api_names_the_claim_checked_before_and_refuses_to_publish_it(
    api_as, editor, agreed, checked_before
):
    crime = unit_of(agreed, CRIME)
    client = api_as(editor)

    ready = {row["id"]: row for row in client.get("/api/v1/units/ready/").json()["results"]}
    response = client.post(
        "/api/v1/units/fast-confirm/",
        {"items": [{"unit": crime.pk, "version": crime.version}], "publish": True},
        format="json",
    )

    assert ready[crime.pk]["checked_before"] == checked_before.pk
    assert ready[unit_of(agreed, TAXES).pk]["checked_before"] is None
    assert response.status_code == 200
    (result,) = response.json()["results"]
    assert (result["outcome"], result["verdict"]) == ("checked_before", None)
    assert result["message"].startswith(REASON)
    assert not Verdict.objects.filter(unit=crime).exists()
