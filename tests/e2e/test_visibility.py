from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.services.reviews import review_submit
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, marks, sidebar_item
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    verdict,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_second_reviewer_sees_the_first_reviewers_highlight_only_after_both_submitted(
    page: Page,
) -> None:
    alice = ReviewerFactory(username="alice")
    ReviewerFactory(username="bob")
    annotation = AnnotationFactory(reviewer=alice)
    review_submit(article=annotation.article, reviewer=alice)
    login(page, "bob")
    open_article(page, annotation.article_id)

    expect(page.locator("mark.highlight")).to_have_count(0)
    expect(page.locator(".annotation-item")).to_have_count(0)
    expect(page.get_by_text("No highlights yet.")).to_be_visible()

    page.get_by_role("button", name="Submit review").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Submit review").click()

    item = sidebar_item(page, annotation.pk)
    expect(item).to_contain_text("by alice")
    expect(page.locator("#review-status")).to_have_text("Submitted")
    expect(marks(page, annotation.pk).first).to_be_visible()
    # Read-only: no Edit or Delete on someone else's highlight, and no more submitting.
    expect(item.get_by_role("button", name="Edit")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit review")).to_be_hidden()


def test_reviewer_does_not_see_highlights_of_a_reviewer_who_has_not_submitted(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    bob = ReviewerFactory(username="bob")
    annotation = AnnotationFactory(reviewer=alice)
    review_submit(article=annotation.article, reviewer=bob)
    login(page, "bob")
    open_article(page, annotation.article_id)

    expect(page.locator("#review-status")).to_have_text("Submitted")
    expect(page.locator("mark.highlight")).to_have_count(0)
    expect(page.locator(".annotation-item")).to_have_count(0)


def test_editor_sees_every_reviewers_highlights_read_only(page: Page) -> None:
    article = ArticleFactory()
    alice = ReviewerFactory(username="alice")
    bob = ReviewerFactory(username="bob")
    EditorFactory(username="eddie")
    mine = AnnotationFactory(article=article, reviewer=alice, verdict=verdict("false"))
    theirs = AnnotationFactory(
        article=article,
        reviewer=bob,
        quote="the largest in the city's history",
        verdict=verdict("mostly-true"),
    )
    login(page, "eddie")
    open_article(page, article.pk)

    expect(page.locator("#review-heading")).to_have_text("Editor view")
    for annotation, reviewer in ((mine, "alice"), (theirs, "bob")):
        item = sidebar_item(page, annotation.pk)
        expect(item).to_contain_text(f"by {reviewer}")
        expect(item.get_by_role("button", name="Edit")).to_have_count(0)
        expect(item.get_by_role("button", name="Delete")).to_have_count(0)
        expect(marks(page, annotation.pk).first).to_be_visible()
    expect(page.get_by_role("button", name="Submit review")).to_be_hidden()

    # Selecting text offers nothing to an editor.
    start = article.text.index("Critics")
    drag_select(page, article.text, start, start + len("Critics say"))
    page.keyboard.press("a")
    expect(page.locator("#annotate-button")).to_be_hidden()
    expect(page.locator("#annotation-panel")).to_be_hidden()


def test_clicking_a_highlight_selects_its_entry_and_the_entry_flashes_the_highlight(
    page: Page,
) -> None:
    alice = ReviewerFactory(username="alice")
    annotation = AnnotationFactory(reviewer=alice)
    login(page, "alice")
    open_article(page, annotation.article_id)
    mark = marks(page, annotation.pk).first
    item = sidebar_item(page, annotation.pk)

    mark.click()
    expect(item).to_have_class("annotation-item annotation-item--mine is-selected")

    item.locator(".annotation-item__main").focus()
    page.keyboard.press("Enter")
    expect(mark).to_have_class("highlight highlight--mine is-selected is-flashing")


def test_a_highlight_that_cannot_be_placed_is_listed_without_a_highlight(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    article = ArticleFactory()
    lost = AnnotationFactory(
        article=article,
        reviewer=alice,
        quote="Zebras migrate across the Serengeti every spring.",
        exact="Zebras migrate across the Serengeti every spring.",
        start=5,
        end=54,
        prefix="",
        suffix="",
    )
    login(page, "alice")
    open_article(page, article.pk)

    expect(page.locator("#unplaced")).to_be_visible()
    expect(page.locator("#unplaced")).to_contain_text("Could not be placed")
    expect(page.locator("#unplaced-list").locator(".annotation-item")).to_contain_text("Zebras")
    expect(marks(page, lost.pk)).to_have_count(0)
