"""Issue 17: every review page, message and chart names rating labels in the reader's language
(selectors.labels), not only the decision form: the queue's verdict spreads and filter, the unit
page's reviewer cards, split choices and history, the flash after a decision, the Ready lane's
rules, the feedback page, the agreement dashboard's charts and the search results."""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.conf import settings

from annotations.models import DeskSettings, VerdictLabel
from annotations.services.adjudication import VerdictInput, unit_decide
from tests.factories import EditorFactory
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = ("Mostly false", "Mostly true", ">False<", ">True<")


def _in(language: str, user):
    client = logged_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _text(response) -> str:
    return html_module.unescape(response.content.decode())


def _no_english_names(page: str) -> None:
    for english in ENGLISH_ONLY:
        assert english not in page, english


def test_the_queue_names_the_reviewers_verdicts_and_its_filter_in_french(disputed):
    page = _text(_in("fr", EditorFactory()).get("/review/"))
    # Crime: True vs False; taxes: False vs Mostly false (conftest's disputed article).
    assert "1 Vrai, 1 Faux" in page and "1 Plutôt faux, 1 Faux" in page
    assert '<option value="mostly-false">Plutôt faux</option>' in page
    _no_english_names(page)


def test_the_unit_page_names_reviewer_cards_split_choices_and_history_in_spanish(disputed):
    page = _text(_in("es", EditorFactory()).get(f"/review/units/{unit_of(disputed, CRIME).pk}/"))
    cards = re.findall(r'verdict-chip verdict-chip--large">.*?</svg>([^<]+)</span>', page, re.S)
    assert sorted(name.strip() for name in cards) == ["Falso", "Verdadero"]
    assert "· Falso</span>" in page and "· Verdadero</span>" in page  # the split choices
    _no_english_names(page)


def test_the_history_tells_a_units_kind_in_the_readers_language(disputed):
    unit = unit_of(disputed, CRIME)
    unit.kind = "quote"
    unit.save()  # the unit's first history record: it tells the kind it was created with
    page = _text(_in("fr", EditorFactory()).get(f"/review/units/{unit.pk}/"))
    history = page.split('id="history"', 1)[1]
    assert re.search(r'<dt>Type</dt>\s*<dd><ins dir="auto">Citation</ins></dd>', history)
    assert ">quote<" not in history


def test_the_message_after_a_decision_names_the_label_in_arabic(disputed):
    unit = unit_of(disputed, CRIME)
    client = _in("ar", EditorFactory())
    response = client.post(action_url(unit, "decide"), decision(unit), follow=True)
    page = _text(response)
    assert "خطأ" in page.split('class="messages', 1)[1].split("</div>", 1)[0]
    assert ": False" not in page


def test_the_ready_lane_names_the_labels_it_never_fast_tracks_in_french(disputed):
    DeskSettings.load().fast_lane_excluded_labels.set([VerdictLabel.objects.get(slug="false")])
    page = _text(_in("fr", EditorFactory()).get("/review/ready/"))
    assert re.search(r"«\s*Faux\s*»\s*\.", page)  # quoted as a name (walk 18)
    assert "False." not in page


def test_the_feedback_page_names_both_verdicts_in_french(disputed, reviewers):
    editor = EditorFactory()
    unit = unit_of(disputed, CRIME)
    unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(label=VerdictLabel.objects.get(slug="false"), claim_reviewed="x"),
    )
    rosalind = reviewers[0]  # said True
    page = _text(_in("fr", rosalind).get("/review/feedback/"))
    assert "Vrai" in page and "Faux" in page
    _no_english_names(page)


def test_the_search_page_names_a_verdicts_label_in_spanish(disputed):
    editor = EditorFactory()
    unit = unit_of(disputed, CRIME)
    unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(
            label=VerdictLabel.objects.get(slug="mostly-false"), claim_reviewed="Crime fell"
        ),
    )
    page = _text(_in("es", editor).get("/search/?q=crime"))
    assert "Mayormente falso" in page
    _no_english_names(page)
