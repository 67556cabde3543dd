"""The decision form says what to do rather than Django's stock wording (issue 15)."""

from __future__ import annotations

import pytest

from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db


def test_a_decision_without_a_verdict_says_choose_a_verdict(editor, disputed):
    unit = unit_of(disputed, CRIME)

    response = logged_in(editor).post(action_url(unit, "decide"), decision(unit, label=""))

    html = response.content.decode()
    assert "Choose a verdict." in html
    assert "This field is required" not in html


def test_a_decision_without_the_claim_says_what_to_write(editor, disputed):
    unit = unit_of(disputed, CRIME)

    html = (
        logged_in(editor)
        .post(action_url(unit, "decide"), decision(unit, claim_reviewed=""))
        .content.decode()
    )

    assert "Write the claim as checked, in one short sentence." in html


def test_a_too_long_explanation_is_told_how_long_it_may_be(editor, disputed):
    unit = unit_of(disputed, CRIME)

    html = (
        logged_in(editor)
        .post(action_url(unit, "decide"), decision(unit, explanation="x" * 20_001))
        .content.decode()
    )

    assert "Too long: shorten it to 20000 characters or fewer (it has 20001)." in html
    assert "Ensure this value" not in html


def test_the_long_fields_carry_their_limit_for_the_counter(editor, disputed):
    html = logged_in(editor).get(f"/review/units/{unit_of(disputed, CRIME).pk}/").content.decode()

    assert 'data-max-characters="20000"' in html
