"""Layout details Chromium measures: the queue's "Checked before" pill is as wide as its text,
not its cell; a field error on the search page leaves the other filters their own height; an
article's right-to-left paragraphs read right to left beside left-to-right ones."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Claim
from annotations.services.claims import claim_link
from tests.e2e.conftest import login, open_article
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    unit_decided_and_published,
    unit_on_new_article,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FILTERS = ("kind", "label", "date_to", "publisher", "language", "source")


def test_the_queues_checked_before_pill_is_as_wide_as_its_text(page: Page) -> None:
    eddie = EditorFactory(username="eddie")
    checked = unit_on_new_article()
    unit_decided_and_published(checked, eddie)
    claim = Claim.objects.create(text="Unemployment doubled", created_by=eddie)
    claim_link(unit=checked, claim=claim, relation="same", editor=eddie)
    claim_link(unit=unit_on_new_article(), claim=claim, relation="same", editor=eddie)

    login(page, "eddie")
    page.goto("/review/")
    pill = page.locator(".queue-claim__checked").first
    expect(pill).to_contain_text("Checked before: False")
    cell = pill.locator("xpath=ancestor::div[contains(@class, 'queue-claim')][1]")

    assert pill.bounding_box()["width"] < cell.bounding_box()["width"] / 2


def test_a_field_error_on_the_search_page_leaves_the_other_filters_their_height(
    page: Page,
) -> None:
    ReviewerFactory(username="alice")
    login(page, "alice")
    page.goto("/search/?q=nurses")
    before = {name: page.locator(f"#id_{name}").bounding_box()["height"] for name in FILTERS}

    # A date the form refuses: the error stands under "From", in the same row as the others.
    page.goto("/search/?q=nurses&date_from=2026-13-01")
    expect(page.locator(".search-form__filters .field__errors")).to_contain_text("valid date")

    after = {name: page.locator(f"#id_{name}").bounding_box()["height"] for name in FILTERS}
    assert after == pytest.approx(before, abs=1)


def test_right_to_left_paragraphs_read_right_to_left_beside_left_to_right_ones(
    page: Page,
) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text="Title\n\nقال الوزير إن البطالة تضاعفت.\n\nThe minister spoke.")
    login(page, "alice")
    open_article(page, article.pk)

    paragraphs = page.locator("#article-text p.paragraph")
    directions = paragraphs.evaluate_all("(ps) => ps.map((p) => getComputedStyle(p).direction)")

    assert directions == ["ltr", "rtl", "ltr"]
