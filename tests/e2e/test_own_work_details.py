"""A reviewer reads back what they saved, in full and read-only, before and after submitting
(issue 15: the sources' URL, title and stance were out of sight once saved, and everything
once the review was submitted and Edit had gone)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import fill_claim, panel, passage_annotated
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLAIM = "Crime fell by 30% last year, the lowest figure the city has recorded in a decade."
TEXT = f"Town hall\n\nThe mayor said: {CLAIM} Nobody checked."
RATIONALE = (
    "Police statistics for the year show a fall of 3%, not 30%; the mayor's office later said "
    "the figure was a typing error. The decade's lowest was in 2019, not last year."
)


def test_a_reviewer_reads_their_sources_and_rationale_in_full_before_and_after_submitting(
    page: Page,
) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=TEXT)
    login(page, "alice")
    open_article(page, article.pk)
    passage_annotated(page, article.text, CLAIM)
    fill_claim(
        page,
        verdict="False",
        rationale=RATIONALE,
        source_url="https://police.example.org/statistics",
        source_title="Police statistics",
        stance="refutes",
    )
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()

    details_read_with_the_keyboard(page)
    page.get_by_role("button", name="Submit review").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Submit review").click()
    expect(page.locator("#review-status")).to_have_text("Submitted")

    expect(page.locator(".annotation-item").first.get_by_role("button", name="Edit")).to_have_count(
        0
    )
    details_read_with_the_keyboard(page)


def details_read_with_the_keyboard(page: Page) -> None:
    details = page.locator(".annotation-item").first.locator(".annotation-details")
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details).to_contain_text(RATIONALE)
    expect(details).to_contain_text(CLAIM)
    expect(details.get_by_role("link", name="Police statistics")).to_have_attribute(
        "href", "https://police.example.org/statistics"
    )
    expect(details).to_contain_text("https://police.example.org/statistics")
    expect(details).to_contain_text("Refutes the claim")
    assert axe_violations(page) == []
