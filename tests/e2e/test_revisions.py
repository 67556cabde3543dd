"""Article revisions in the browser: highlights carried to a new revision, re-attaching one that
was lost, and the diff between two revisions.

The new revisions are made server side with article_revise, as an editor's import would. These
tests commit (live server), so the re-anchoring task enqueued on commit runs right away: tasks
run eagerly in tests (tests/conftest.py). Each test checks that it did before loading the page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.core.anchoring.similarity import passage_similarity
from annotations.models import Annotation, AnnotationAnchor, Article, ArticleRevision
from annotations.services.revisions import article_revise, orphan_confirm_gone
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import (
    drag_select,
    fill_claim,
    highlight_text,
    marks,
    panel,
    sidebar_item,
)
from tests.e2e.test_keyboard import tab_to
from tests.factories import (
    ARTICLE_TEXT,
    AnnotationFactory,
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SENTENCE = (
    "The city council approved a budget of 12 million euros on Tuesday, "
    "the largest in the city's history."
)
CLAIM = "Critics say unemployment has doubled since 2020."
REWORDED = "Opposition figures dispute the official jobless figures entirely."
# Astral characters before the highlight: code points and UTF-16 units part ways from here on.
INSERTED = "Correction 📌: an earlier version misstated the date of the vote.\n\n"


# The code-point offset in the article text at which a <mark> starts.
MARK_OFFSET = """
(mark) => {
  const paragraph = mark.closest("p.paragraph");
  const before = document.createRange();
  before.setStart(paragraph, 0);
  before.setEndBefore(mark);
  return Number(paragraph.dataset.start) + Array.from(before.toString()).length;
}
"""


def revise(article: Article, text: str) -> ArticleRevision:
    """A new revision by an editor, with its highlights re-anchored (on commit, eagerly)."""
    revision, created = article_revise(
        article=article, text=text, created_by=EditorFactory(username="eddie")
    )
    assert created
    revision.refresh_from_db()
    assert revision.reanchored_at is not None, "the re-anchoring task did not run on commit"
    return revision


def open_page(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector("#article-page[data-ready='true']")


def orphan_of(article: Article, reviewer_name: str, *, quote: str, replacement: str):
    """A reviewer's highlight of `quote`, lost in revision 2 where `quote` became `replacement`."""
    highlight = AnnotationFactory(
        article=article, reviewer=ReviewerFactory(username=reviewer_name), quote=quote
    )
    revision = revise(article, article.text.replace(quote, replacement))
    anchor = AnnotationAnchor.objects.get(annotation=highlight, revision=revision)
    assert anchor.status == AnnotationAnchor.Status.ORPHANED
    return highlight, anchor


def test_a_highlight_made_before_an_edit_shows_on_the_new_revision_at_the_right_place(
    page: Page,
) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    start = article.text.index(SENTENCE)
    login(page, "alice")
    open_article(page, article.pk)
    drag_select(page, article.text, start, start + len(SENTENCE))
    page.get_by_role("button", name="Annotate").click()
    fill_claim(page, verdict="Mostly false", rationale="The 2009 budget was larger.")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()
    highlight = Annotation.objects.get()

    # A paragraph inserted before it, and the mayor's quote in curly quotes and a dash.
    new_text = INSERTED + ARTICLE_TEXT.replace(
        '"We have never invested this much in schools," said',
        "“We have never invested this much in schools” — said",
    )
    revision = revise(article, new_text)
    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")

    new_start = new_text.index(SENTENCE)
    anchor = AnnotationAnchor.objects.get(annotation=highlight, revision=revision)
    assert (anchor.status, anchor.start, anchor.end) == (
        "anchored",
        new_start,
        new_start + len(SENTENCE),
    )
    expect(page.locator("#article-text")).to_contain_text("Correction 📌")
    assert highlight_text(page, highlight.pk) == SENTENCE
    # One mark, starting at the sentence's new offset in code points (the emoji counts once).
    expect(marks(page, highlight.pk)).to_have_count(1)
    assert marks(page, highlight.pk).evaluate(MARK_OFFSET) == new_start
    expect(sidebar_item(page, highlight.pk)).to_be_visible()
    # Carried to the new revision character for character: no mark.
    expect(sidebar_item(page, highlight.pk).locator(".annotation-item__moved")).to_have_count(0)

    open_page(page, f"/articles/{article.pk}/?revision=1")
    expect(page.locator(".revision-notice")).to_contain_text("revision 1 of 2")
    expect(page.locator("#article-text")).not_to_contain_text("Correction")
    assert highlight_text(page, highlight.pk) == SENTENCE


def test_a_highlight_whose_passage_changed_says_what_changed(page: Page) -> None:
    article = ArticleFactory()
    highlight = AnnotationFactory(
        article=article, reviewer=ReviewerFactory(username="alice"), quote=SENTENCE
    )
    revise(article, article.text.replace("12 million", "14 million"))

    login(page, "alice")
    open_article(page, article.pk)

    expect(sidebar_item(page, highlight.pk).locator(".annotation-item__moved")).to_have_text(
        "Passage changed: 12 million euros → 14 million euros"
    )


def test_an_orphan_is_reattached_by_selecting_its_new_passage(page: Page) -> None:
    article = ArticleFactory()
    highlight, orphan = orphan_of(article, "alice", quote=CLAIM, replacement=REWORDED)
    text = article.revisions.get(number=2).text
    start = text.index(REWORDED)
    login(page, "alice")

    open_page(page, f"/articles/{article.pk}/?reattach={orphan.pk}")
    banner = page.locator("#reattach-banner")
    expect(banner).to_contain_text(f"Re-attach your highlight “{CLAIM}” (verdict Mostly false)")
    expect(banner.get_by_role("link", name="Cancel")).to_have_attribute("href", "/reattach/")
    expect(page.locator("#reattach-bar")).to_be_hidden()

    drag_select(page, text, start, start + len(REWORDED))
    bar = page.locator("#reattach-bar")
    expect(bar).to_be_visible()
    expect(bar.locator("#reattach-choice")).to_have_text(REWORDED)
    # Selecting re-attaches here: the new-highlight button stays away.
    expect(page.locator("#annotate-button")).to_be_hidden()
    # No word in common with the highlight: re-attaching asks first.
    expect(bar.locator("#reattach-similarity")).to_have_text(
        "Words in common with the highlight: 0%"
    )
    bar.get_by_role("button", name="Re-attach here").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Re-attach here").click()

    expect(banner.get_by_role("link", name="Back to the re-attach list")).to_be_focused()
    expect(banner).to_contain_text("Re-attached")
    expect(bar).to_be_hidden()
    orphan.refresh_from_db()
    assert (orphan.status, orphan.start, orphan.end, orphan.exact) == (
        "reattached",
        start,
        start + len(REWORDED),
        REWORDED,
    )
    assert orphan.resolved_by.username == "alice"
    assert highlight_text(page, highlight.pk) == REWORDED

    # The mode is over: the address no longer asks for it, and a reload shows the highlight.
    assert "reattach" not in page.url
    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")
    expect(page.locator("#reattach-banner")).to_have_count(0)
    assert highlight_text(page, highlight.pk) == REWORDED
    expect(sidebar_item(page, highlight.pk)).to_contain_text("Re-attached")
    expect(page.locator("#unplaced")).to_be_hidden()


def test_an_orphan_is_reattached_with_the_keyboard_alone(page: Page) -> None:
    article = ArticleFactory()
    headline = "City council approves new budget"
    replacement = "Council passes a record budget"
    highlight, orphan = orphan_of(article, "alice", quote=headline, replacement=replacement)
    login(page, "alice")
    open_page(page, f"/articles/{article.pk}/?reattach={orphan.pk}")

    tab_to(page, "article-text")
    page.keyboard.press("Shift+End")
    expect(page.locator("#reattach-choice")).to_have_text(replacement)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Re-attach here")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("link", name="Back to the re-attach list")).to_be_focused()
    orphan.refresh_from_db()
    assert (orphan.status, orphan.start, orphan.end) == ("reattached", 0, len(replacement))
    assert highlight_text(page, highlight.pk) == replacement


def test_a_refused_re_attach_shows_the_servers_message_and_keeps_the_selection(
    page: Page, browser_problems
) -> None:
    # The browser logs the 409 response as a console error; that one is expected.
    browser_problems.expect(r"status of 409")
    article = ArticleFactory()
    _, orphan = orphan_of(article, "alice", quote=CLAIM, replacement=REWORDED)
    text = article.revisions.get(number=2).text
    start = text.index(REWORDED)
    login(page, "alice")
    open_page(page, f"/articles/{article.pk}/?reattach={orphan.pk}")
    drag_select(page, text, start, start + len(REWORDED))
    expect(page.locator("#reattach-bar")).to_be_visible()

    # Meanwhile, in another tab, the reviewer confirmed the passage is gone.
    orphan_confirm_gone(anchor=orphan, actor=orphan.annotation.reviewer)
    page.locator("#reattach-bar").get_by_role("button", name="Re-attach here").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Re-attach here").click()

    error = page.locator("#reattach-error")
    expect(error).to_have_text("This highlight is not waiting to be re-attached.")
    expect(page.locator("#reattach-bar")).to_be_visible()
    assert page.evaluate("() => window.getSelection().toString()") == REWORDED
    orphan.refresh_from_db()
    assert orphan.status == "gone"


def test_re_attaching_to_unrelated_text_shows_the_similarity_and_asks_first(page: Page) -> None:
    article = ArticleFactory()
    _, orphan = orphan_of(article, "alice", quote=CLAIM, replacement=REWORDED)
    text = article.revisions.get(number=2).text
    unrelated = "City council approves new budget"
    login(page, "alice")
    open_page(page, f"/articles/{article.pk}/?reattach={orphan.pk}")
    drag_select(page, text, 0, len(unrelated))
    bar = page.locator("#reattach-bar")
    # The page's figure is core's (annotations/core/anchoring/similarity.py).
    share = round(100 * passage_similarity(CLAIM, unrelated))
    expect(bar.locator("#reattach-similarity")).to_have_text(
        f"Words in common with the highlight: {share}%"
    )

    bar.get_by_role("button", name="Re-attach here").click()
    dialog = page.get_by_role("dialog", name="Re-attach it to this passage?")
    expect(dialog).to_contain_text(f"It has {share}% of its words in common with the highlight")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")

    expect(bar.get_by_role("button", name="Re-attach here")).to_be_focused()
    orphan.refresh_from_db()
    assert orphan.status == "orphaned"


def test_the_diff_view_marks_an_inserted_paragraph(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    revise(article, INSERTED + ARTICLE_TEXT)
    login(page, "alice")

    page.goto(f"/articles/{article.pk}/revisions/2/diff/")

    inserted = page.locator("#diff-text ins")
    expect(inserted.first).to_be_visible()
    expect(inserted.filter(has_text="misstated the date of the vote")).to_have_count(1)
    expect(page.locator("#diff-text del")).to_have_count(0)
