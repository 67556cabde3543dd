"""The review queue marks a unit linked "same" to a claim the desk already published a verdict
on (in another article): "Checked before: False", with the label's colour and the readers'
page, in the same number of queries whatever the number of marked rows."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Claim, Verdict
from annotations.services.claims import claim_link
from tests.factories import unit_decided_and_published, unit_on_new_article
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, JOBS, TAXES, unit_of

pytestmark = pytest.mark.django_db


def claim_published(editor, text: str) -> tuple[Claim, Verdict]:
    claim = Claim.objects.create(text=text, created_by=editor)
    unit = unit_on_new_article()
    published = unit_decided_and_published(unit, editor, claim_reviewed=text)
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    return claim, published


def marks(html: str) -> dict[int, str]:
    """The queue's rows (by unit id) that carry a "Checked before" mark, with its text."""
    rows = re.findall(r'data-unit-id="(\d+)".*?</tr>', html, re.S)
    found = {}
    for unit_id, row in zip(rows, re.split(r'data-unit-id="\d+"', html)[1:], strict=True):
        mark = re.search(r'queue-claim__checked" href="([^"]+)".*?</svg>([^<]+)</a>', row, re.S)
        if mark:
            found[int(unit_id)] = f"{mark.group(2).strip()} {mark.group(1)}"
    return found


def test_a_unit_linked_to_a_claim_with_a_published_verdict_is_marked(editor, disputed):
    claim, published = claim_published(editor, CRIME)
    crime = unit_of(disputed, CRIME)
    claim_link(unit=crime, claim=claim, relation="same", editor=editor)

    html = logged_in(editor).get("/review/").content.decode()

    assert marks(html) == {crime.pk: f"Checked before: False /verdicts/{published.pk}/"}
    assert 'fill="#' in html.split(f'data-unit-id="{crime.pk}"')[1].split("</tr>")[0]


def test_related_links_and_claims_without_a_published_verdict_are_not_marked(editor, disputed):
    claim, _ = claim_published(editor, CRIME)
    unpublished = Claim.objects.create(text=TAXES, created_by=editor)
    claim_link(unit=unit_on_new_article(), claim=unpublished, relation="same", editor=editor)
    claim_link(unit=unit_of(disputed, CRIME), claim=claim, relation="related", editor=editor)
    claim_link(unit=unit_of(disputed, TAXES), claim=unpublished, relation="same", editor=editor)

    html = logged_in(editor).get("/review/").content.decode()

    assert marks(html) == {}


def test_the_marks_cost_no_query_per_row(editor, disputed):
    client = logged_in(editor)
    client.get("/review/")
    with CaptureQueriesContext(connection) as none_marked:
        assert marks(client.get("/review/").content.decode()) == {}

    for claim_text in (CRIME, TAXES, JOBS):
        claim, _ = claim_published(editor, claim_text)
        claim_link(unit=unit_of(disputed, claim_text), claim=claim, relation="same", editor=editor)
    with CaptureQueriesContext(connection) as three_marked:
        assert len(marks(client.get("/review/").content.decode())) == 3

    assert len(three_marked) == len(none_marked)
