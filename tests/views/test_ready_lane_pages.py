"""The review queue's Ready lane: who may open it, what it lists, and its bulk confirm as a
browser without JavaScript posts it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.management.commands.bench_queue import ready_units_build
from annotations.models import ClaimUnit, Verdict
from tests.factories import ReviewerFactory
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, TAXES, queue_ids, unit_of

pytestmark = pytest.mark.django_db


def seen(unit: ClaimUnit) -> str:
    return f"{unit.pk}:{unit.version}"


def confirm(client, action: str, units=(), page_units=()):
    return client.post(
        "/review/ready/confirm/",
        {"action": action, "unit": list(units), "page_unit": list(page_units)},
    )


def test_the_queue_shows_a_ready_tab_with_its_count(editor, agreed):
    page = logged_in(editor).get("/review/").content.decode()

    assert re.search(r'id="ready-tab"[^>]*>\s*Ready <span class="status-tab__count">2</span>', page)


def test_the_ready_lane_lists_the_agreed_claims_with_their_verdicts(editor, agreed):
    response = logged_in(editor).get("/review/ready/")

    assert response.status_code == 200
    assert set(queue_ids(response)) == {unit_of(agreed, CRIME).pk, unit_of(agreed, TAXES).pk}
    page = response.content.decode()
    assert f'value="{seen(unit_of(agreed, CRIME))}"' in page
    assert "Mostly false" in page and "At least 2 reviewers gave the same verdict" in page


def test_the_labels_never_fast_tracked_are_quoted_as_names(editor, agreed):
    english = logged_in(editor).get("/review/ready/").content.decode()
    french = logged_in(editor)
    french.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    in_french = french.get("/review/ready/").content.decode()

    assert "Never fast-tracked: “False”." in english
    assert "Jamais en voie rapide : « Faux »." in in_french


def test_reviewers_are_refused_the_lane_and_its_confirm(agreed):
    client = logged_in(ReviewerFactory())

    assert client.get("/review/ready/").status_code == 403
    assert confirm(client, "publish", [seen(unit_of(agreed, CRIME))]).status_code == 403
    assert not Verdict.objects.exists()


def test_confirming_the_selected_claims_publishes_them_and_reports(editor, agreed):
    crime = unit_of(agreed, CRIME)

    response = confirm(logged_in(editor), "publish", [seen(crime)])

    assert response.status_code == 200
    assert "1 claim confirmed and published" in response.content.decode()
    assert Verdict.objects.get(unit=crime).is_published
    assert unit_of(agreed, TAXES).status == ClaimUnit.Status.NEEDS_REVIEW


def test_confirming_without_publishing_leaves_the_verdicts_decided(editor, agreed):
    crime = unit_of(agreed, CRIME)

    confirm(logged_in(editor), "decide", [seen(crime)])

    assert not Verdict.objects.get(unit=crime).is_published
    assert unit_of(agreed, CRIME).status == ClaimUnit.Status.DECIDED


def test_confirming_all_on_the_page_takes_every_row_and_reports_the_stale_one(editor, agreed):
    crime, taxes = unit_of(agreed, CRIME), unit_of(agreed, TAXES)
    client = logged_in(editor)
    page_units = [seen(crime), seen(taxes)]
    confirm(client, "decide", [seen(taxes)])  # another editor, meanwhile

    response = confirm(client, "publish_page", page_units=page_units)

    page = response.content.decode()
    assert "1 claim confirmed and published; 1 not" in page
    assert re.search(rf'data-unit-id="{taxes.pk}" data-outcome="stale"', page)
    assert Verdict.objects.get(unit=crime).is_published


@pytest.mark.parametrize(
    "value", ["abc", "12", "1:", ":3", "-1:2", "1:2:3", "١:١", "9" * 19 + ":1", "1:" + "9" * 10]
)
def test_items_in_a_form_the_desk_does_not_read_are_a_400(editor, agreed, value):
    response = confirm(logged_in(editor), "publish", [value])

    assert response.status_code == 400
    assert "Reload the page" in response.content.decode()


def test_confirming_nothing_is_a_400_that_says_what_to_do(editor, agreed):
    response = confirm(logged_in(editor), "publish")

    assert response.status_code == 400
    assert "Choose at least one claim to confirm." in response.content.decode()


def test_an_unknown_action_is_a_400(editor, agreed):
    assert confirm(logged_in(editor), "delete", [seen(unit_of(agreed, CRIME))]).status_code == 400


def lane_queries(client, size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/review/ready/?size={size}").status_code == 200
    return len(queries)


def test_the_lane_costs_the_same_queries_for_a_few_rows_or_many(editor):
    client = logged_in(editor)
    ready_units_build(5, prefix="few", queued=False)
    few = lane_queries(client, 50)
    ready_units_build(195, prefix="many", queued=False)

    assert lane_queries(client, 200) == few


def test_the_report_isolates_the_claim_and_the_title_in_an_arabic_page(editor, agreed):
    agreed.title = "Town hall budget (2026)"
    agreed.save(update_fields=["title"])
    crime, taxes = unit_of(agreed, CRIME), unit_of(agreed, TAXES)
    client = logged_in(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    confirm(client, "decide", [seen(taxes)])  # another editor, meanwhile

    page = confirm(client, "publish_page", page_units=[seen(crime), seen(taxes)]).content.decode()

    assert 'dir="rtl"' in page
    row = page[page.index(f'data-unit-id="{taxes.pk}"') :]
    row = row[: row.index("</tr>")]
    assert f"“<bdi>{TAXES}</bdi>”" in row
    assert '<span class="queue-claim__article"><bdi>Town hall budget (2026)</bdi></span>' in row
