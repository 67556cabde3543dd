"""A quotation's span keeps the comma before its attribution (“We will win,” she said); the
claim it becomes, and the claim the pages show, do not (walk 19, finding 11): the unit page's
pre-filled "claim reviewed", the Ready lane's published verdict, a claim kept as new, the queue
and "The claim" on the readers' page."""

from __future__ import annotations

import pytest

from annotations.core.fast_lane import FastConfirmItem
from annotations.core.text import passage_as_claim
from annotations.models import ClaimUnit, Verdict
from annotations.services.claims import claim_create_from_unit
from annotations.services.fast_lane import units_fast_confirm
from tests.factories import ArticleFactory, claims_reviewed
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

QUOTE = "We will hire 300 teachers by June,"
CLAIM = "We will hire 300 teachers by June"
TEXT = f'Mayor on schools\n\n"{QUOTE}" the mayor said on Monday. Parents welcomed the plan.'


@pytest.mark.parametrize(
    ("passage", "claim"),
    [
        ("We will win,", "We will win"),
        (" We will win ; ", "We will win"),
        ("We will win: ", "We will win"),
        ("We will win —", "We will win"),
        ("We will win -", "We will win"),
        ("“We will win,”", "“We will win”"),
        ("لقد تعاملنا مع الأزمة،", "لقد تعاملنا مع الأزمة"),
        ("Crime fell by 30%.", "Crime fell by 30%."),
        ("Is it true?", "Is it true?"),
        ("and we will hire more…", "and we will hire more…"),
        ("the nurses'", "the nurses'"),
        (",", ","),
    ],
)
def test_a_passage_as_a_claim_drops_the_punctuation_a_quotation_ends_with(passage, claim):
    assert passage_as_claim(passage) == claim


@pytest.fixture
def quoted(db, django_capture_on_commit_callbacks) -> ClaimUnit:
    """Two reviewers who highlighted the quotation, comma included (as a suggestion's span
    is), and rated it Mostly false: a unit ready for the Ready lane."""
    article = ArticleFactory(title="Mayor on schools", text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {QUOTE: "mostly-false"})
        claims_reviewed(article, {QUOTE: "mostly-false"})
    unit = ClaimUnit.objects.get(article=article)
    assert article.text[unit.start : unit.end] == QUOTE
    return unit


def test_the_unit_page_shows_and_prefills_the_claim_without_the_comma(editor, quoted):
    html = logged_in(editor).get(f"/review/units/{quoted.pk}/").content.decode()

    assert f"“{CLAIM}”</h1>" in html
    assert f'name="claim_reviewed" value="{CLAIM}"' in html


def test_the_queue_shows_the_claim_without_the_comma(editor, quoted):
    html = logged_in(editor).get("/review/").content.decode()

    assert f"“{CLAIM}”" in html
    assert f"“{QUOTE}”" not in html


def test_the_ready_lane_publishes_the_claim_without_the_comma_and_the_public_page_shows_it(
    editor, client, quoted
):
    units_fast_confirm(
        editor=editor, items=[FastConfirmItem(quoted.pk, quoted.version)], publish=True
    )

    published = Verdict.objects.get(unit=quoted)
    assert published.is_published
    assert published.claim_reviewed == CLAIM
    html = client.get(f"/verdicts/{published.pk}/").content.decode()
    assert f"“{CLAIM}”</blockquote>" in html
    assert QUOTE not in html


def test_a_claim_kept_as_new_from_a_quotation_is_worded_without_the_comma(editor, quoted):
    claim = claim_create_from_unit(unit=quoted, editor=editor)

    assert claim.text == CLAIM
