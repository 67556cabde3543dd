"""The small stumbles of issue 15's walk, each fixed where it showed."""

from __future__ import annotations

import pytest

from tests.factories import unit_decided_and_published
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db


def test_the_corrections_card_names_the_label_replaced(editor, disputed):
    unit = unit_of(disputed, CRIME)
    unit_decided_and_published(unit, editor)
    client = logged_in(editor)

    client.post(
        action_url(unit, "correct"),
        decision(unit, label="mostly-false", note="We misread the police figures."),
    )

    html = client.get(f"/review/units/{unit.pk}/").content.decode()
    assert "Before: <strong>False</strong>" in html
