"""The small stumbles of issue 15's walk, each fixed where it showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from annotations.core.text import quote_marks_added
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


def test_the_published_tab_shows_each_units_final_verdict(editor, disputed):
    unit = unit_of(disputed, CRIME)
    unit_decided_and_published(unit, editor)

    html = logged_in(editor).get("/review/?status=published").content.decode()

    assert "Final: False" in html


def test_the_queue_adds_no_quote_marks_around_a_passage_that_has_its_own():
    assert quote_marks_added("“We will win,” the mayor said") == "“We will win,” the mayor said"
    assert quote_marks_added("Crime fell by 30%.") == "“Crime fell by 30%.”"
    assert quote_marks_added("He called it 'a fiasco'") == "He called it 'a fiasco'"


def test_an_article_not_yet_computed_says_so_once(editor, article):
    html = logged_in(editor).get(f"/articles/{article.pk}/").content.decode()

    card = html.split('id="agreement"', 1)[1].split("</section>\n</section>", 1)[0]
    assert card.lower().count("not computed yet") == 1


def test_no_template_comment_shows_on_a_page(editor):
    # Django's {# … #} comment is one line only: one spread over two lines was printed at the
    # foot of every desk page. Every template is checked, and a page that extends the base.
    templates = Path(settings.BASE_DIR) / "templates"
    spread = [
        f"{path.relative_to(templates)}:{number}"
        for path in sorted(templates.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.count("{#") != line.count("#}")
    ]
    html = logged_in(editor).get("/").content.decode()

    assert spread == []
    assert "{#" not in html and "#}" not in html
