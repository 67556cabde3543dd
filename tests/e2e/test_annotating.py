from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation, Source
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, fill_claim, highlight_text, marks, panel, sidebar_item
from tests.factories import AnnotationFactory, ArticleFactory, ReviewerFactory, SourceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SENTENCE = (
    "The city council approved a budget of 12 million euros on Tuesday, "
    "the largest in the city's history."
)


def test_reviewer_drags_over_a_sentence_saves_a_claim_and_finds_it_after_reload(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    start = article.text.index(SENTENCE)
    end = start + len(SENTENCE)
    login(page, "alice")
    open_article(page, article.pk)

    drag_select(page, article.text, start, end)
    page.get_by_role("button", name="Annotate").click()
    expect(panel(page)).to_be_visible()
    expect(panel(page).locator("#panel-quote")).to_have_text(SENTENCE)
    fill_claim(
        page,
        verdict="Mostly false",
        rationale="The budget of 2009 was larger.",
        source_url="https://stats.example.org/budgets",
        source_title="City budgets since 1990",
    )
    panel(page).get_by_role("button", name="Save").click()

    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    expect(marks(page, annotation.pk).first).to_be_visible()
    assert (annotation.start, annotation.end) == (start, end)
    assert annotation.exact == SENTENCE
    assert annotation.verdict.slug == "mostly-false"
    assert list(annotation.sources.values_list("url", "stance")) == [
        ("https://stats.example.org/budgets", "refutes")
    ]

    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")
    assert highlight_text(page, annotation.pk) == SENTENCE
    item = sidebar_item(page, annotation.pk)
    expect(item).to_contain_text("Mostly false")
    expect(item).to_contain_text("1 source")


def test_a_selection_across_two_paragraphs_counts_the_paragraph_break(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    start = article.text.index("said the mayor")
    end = article.text.index(" has doubled")
    login(page, "alice")
    open_article(page, article.pk)

    drag_select(page, article.text, start, end)
    page.keyboard.press("a")
    fill_claim(page, verdict="Mixed")
    panel(page).get_by_role("button", name="Save").click()

    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end) == (start, end)
    assert annotation.exact == article.text[start:end]
    assert highlight_text(page, annotation.pk) == article.text[start:end]


def test_reviewer_changes_the_verdict_of_a_highlight(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    annotation = AnnotationFactory(reviewer=alice)
    SourceFactory(annotation=annotation)
    login(page, "alice")
    open_article(page, annotation.article_id)

    item = sidebar_item(page, annotation.pk)
    item.get_by_role("button", name="Edit").click()
    expect(panel(page).get_by_label("Rationale")).to_have_value(annotation.rationale)
    panel(page).get_by_role("radio", name="False", exact=True).check()
    panel(page).get_by_role("button", name="Save").click()

    expect(panel(page)).to_be_hidden()
    expect(item).to_contain_text("False")
    annotation.refresh_from_db()
    assert annotation.verdict.slug == "false"
    # The sources were not touched, so they are kept as they were.
    assert Source.objects.filter(annotation=annotation).count() == 1
    colour = marks(page, annotation.pk).first.evaluate(
        "(mark) => mark.style.getPropertyValue('--verdict-colour')"
    )
    assert colour == "#d73027"


def test_reviewer_deletes_a_highlight_after_confirming(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    annotation = AnnotationFactory(reviewer=alice)
    login(page, "alice")
    open_article(page, annotation.article_id)
    highlight = marks(page, annotation.pk)
    expect(highlight.first).to_be_visible()

    sidebar_item(page, annotation.pk).get_by_role("button", name="Delete").click()
    confirm = page.locator("#confirm-dialog")
    expect(confirm).to_contain_text("Delete this highlight?")
    confirm.get_by_role("button", name="Delete").click()

    expect(highlight).to_have_count(0)
    expect(page.locator(".annotation-item")).to_have_count(0)
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_an_invalid_source_url_shows_the_field_error_and_keeps_what_was_typed(
    page: Page, browser_problems
) -> None:
    # The browser logs the 400 response as a console error; that one is expected.
    browser_problems.expect(r"status of 400")
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    start = article.text.index(SENTENCE)
    login(page, "alice")
    open_article(page, article.pk)

    drag_select(page, article.text, start, start + len(SENTENCE))
    page.get_by_role("button", name="Annotate").click()
    fill_claim(
        page,
        verdict="False",
        rationale="Records show otherwise.",
        source_url="ftp://stats.example.org/budgets",
        source_title="Budget records",
    )
    panel(page).get_by_role("button", name="Save").click()

    url_input = panel(page).locator(".source-row").get_by_label("URL")
    expect(url_input).to_have_attribute("aria-invalid", "true")
    expect(panel(page).locator('[data-source-field="url"] .field__errors')).to_contain_text("http")
    expect(panel(page)).to_be_visible()
    expect(url_input).to_have_value("ftp://stats.example.org/budgets")
    expect(panel(page).get_by_label("Title")).to_have_value("Budget records")
    expect(panel(page).get_by_label("Rationale")).to_have_value("Records show otherwise.")
    expect(panel(page).get_by_role("radio", name="False", exact=True)).to_be_checked()
    assert not Annotation.objects.exists()

    url_input.fill("https://stats.example.org/budgets")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()
    assert Annotation.objects.get().sources.get().url == "https://stats.example.org/budgets"


def test_a_quote_needs_its_speaker(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 400")
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    quote = "We have never invested this much in schools,"
    start = article.text.index(quote)
    login(page, "alice")
    open_article(page, article.pk)

    drag_select(page, article.text, start, start + len(quote))
    page.get_by_role("button", name="Annotate").click()
    panel(page).get_by_role("radio", name="Quote").check()
    expect(panel(page).get_by_label("Speaker")).to_be_visible()
    fill_claim(page, verdict="Mostly true")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page).get_by_label("Speaker")).to_have_attribute("aria-invalid", "true")

    panel(page).get_by_label("Speaker").fill("Ana Ruiz")
    panel(page).get_by_role("button", name="Save").click()

    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.kind, annotation.speaker) == ("quote", "Ana Ruiz")
    expect(page.locator(".annotation-item")).to_contain_text("Ana Ruiz")
