"""Suggestions on the article page, in Chromium: the switch, the underlines and the ranked list,
`]` / `[` between them, and accepting a suggested quote into a highlight with its speaker in two
actions (Accept, then "Save as <label>")."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from annotations.models import Annotation, Article, Claim, Suggestion
from annotations.services.claims import claim_link
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, panel, sidebar_item
from tests.factories import (
    UNEMPLOYMENT_CLAIM,
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    SuggestionFactory,
    unit_decided_and_published,
    unit_on_new_article,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUOTE = "We have never invested this much in schools,"
BUDGET = "The city council approved a budget of 12 million euros on Tuesday"


def suggestion_marks(page: Page, suggestion: Suggestion):
    return page.locator(f'#article-text .suggestion-mark[data-suggestion-id="{suggestion.pk}"]')


def suggestion_item(page: Page, suggestion: Suggestion):
    return page.locator(f'.suggestion-item[data-suggestion-id="{suggestion.pk}"]')


def switch(page: Page):
    return page.get_by_role("switch", name="Suggestions")


def save_as(page: Page, label: str):
    """The "Save as <label>" button (its name goes on with the label's description)."""
    return panel(page).get_by_role("button", name=re.compile(rf"^Save as {label}\b"))


def save_as_group(page: Page):
    return panel(page).get_by_role("group", name="Save as", exact=True)


def annotation_posted(request) -> bool:
    return request.method == "POST" and request.url.endswith("/api/v1/annotations/")


def suggestions_stored(article: Article, claim: Claim | None = None) -> dict[str, Suggestion]:
    """A quote (best), a claim about the budget, and the unemployment claim (matching `claim`)."""
    found = {
        "quote": SuggestionFactory(
            article=article,
            kind=Suggestion.Kind.QUOTE,
            quote=QUOTE,
            speaker="Ana Ruiz",
            speaker_confidence=0.9,
            score=0.9,
            features=["attribution"],
        ),
        "budget": SuggestionFactory(
            article=article, quote=BUDGET, score=0.7, features=["number", "money"]
        ),
        "unemployment": SuggestionFactory(
            article=article,
            quote=UNEMPLOYMENT_CLAIM,
            score=0.6,
            features=["number", "date"],
            matches=[{"claim": claim.pk, "score": 0.93, "relation": "same"}] if claim else [],
        ),
    }
    article.revisions.update(suggested_at=timezone.now())
    return found


def suggestions_shown(page: Page, username: str) -> tuple[Article, dict[str, Suggestion]]:
    """A new article with its suggestions stored, open as `username` with suggestions on."""
    article = ArticleFactory()
    found = suggestions_stored(article)
    login(page, username)
    open_article(page, article.pk)
    switch(page).check()
    return article, found


def published_claim() -> Claim:
    editor = EditorFactory(username="desk-editor")
    unit = unit_on_new_article()
    unit_decided_and_published(unit, editor)
    claim = Claim.objects.create(text="Unemployment doubled since 2020", created_by=editor)
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    return claim


def test_reviewer_switches_suggestions_on_and_walks_them_with_the_keyboard(page: Page) -> None:
    ReviewerFactory(username="alice")
    claim = published_claim()
    article = ArticleFactory()
    found = suggestions_stored(article, claim)
    login(page, "alice")
    open_article(page, article.pk)

    expect(switch(page)).not_to_be_checked()
    expect(page.locator("#article-text .suggestion-mark")).to_have_count(0)
    switch(page).check()

    # Never highlights: no marks, no count.
    expect(page.locator("#article-text mark.highlight")).to_have_count(0)
    expect(page.locator("#annotation-count")).to_have_text("0")
    # Underlines: one per suggestion, claim and quote told apart by their class (line style).
    assert suggestion_marks(page, found["quote"]).inner_text() == QUOTE
    expect(suggestion_marks(page, found["quote"])).to_have_class(
        "suggestion-mark suggestion-mark--quote"
    )
    assert suggestion_marks(page, found["budget"]).inner_text() == BUDGET
    expect(suggestion_marks(page, found["budget"])).to_have_class(
        "suggestion-mark suggestion-mark--claim"
    )
    # The list, best first, with what each item says.
    items = page.locator(".suggestion-item")
    expect(items).to_have_count(3)
    ids = [item.get_attribute("data-suggestion-id") for item in items.all()]
    assert ids == [str(found[name].pk) for name in ("quote", "budget", "unemployment")]
    expect(suggestion_item(page, found["quote"])).to_contain_text("— Ana Ruiz")
    expect(suggestion_item(page, found["budget"])).to_contain_text("money")
    checked = suggestion_item(page, found["unemployment"]).get_by_role("link")
    expect(checked).to_have_text("False (desk)")
    expect(checked).to_have_attribute("href", f"/claims/{claim.pk}/")
    expect(suggestion_item(page, found["unemployment"])).to_contain_text("Checked before:")

    # ] and [ move in text order (budget, quote, unemployment) and focus the item.
    page.keyboard.press("]")
    expect(suggestion_item(page, found["budget"]).locator(".suggestion-item__main")).to_be_focused()
    expect(suggestion_marks(page, found["budget"])).to_have_class(
        "suggestion-mark suggestion-mark--claim is-selected"
    )
    page.keyboard.press("]")
    page.keyboard.press("]")
    main = suggestion_item(page, found["unemployment"]).locator(".suggestion-item__main")
    expect(main).to_be_focused()
    page.keyboard.press("[")
    main = suggestion_item(page, found["quote"]).locator(".suggestion-item__main")
    expect(main).to_be_focused()

    # Enter accepts: the panel opens pre-filled, focus on the "Save as" buttons' group (the
    # verdict is left to choose: pressing Enter did not choose it).
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    expect(panel(page).locator("#panel-quote")).to_have_text(QUOTE)
    expect(panel(page).get_by_role("radio", name="Quote")).to_be_checked()
    expect(panel(page).get_by_label("Speaker")).to_have_value("Ana Ruiz")
    expect(save_as_group(page)).to_be_focused()
    expect(panel(page).locator('input[name="verdict"]:checked')).to_have_count(0)
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    expect(main).to_be_focused()
    assert not Annotation.objects.exists()


def test_reviewer_accepts_a_suggested_quote_and_saves_it_with_its_speaker(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    found = suggestions_stored(article)
    quote = found["quote"]
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    # Action 1: Accept. Action 2: "Save as Mostly true". Nothing else.
    expect(suggestion_item(page, quote).locator(".suggestion-tag--unsure")).to_have_count(0)
    suggestion_item(page, quote).get_by_role("button", name="Accept").click()
    expect(panel(page).locator("#panel-speaker-unsure")).to_be_hidden()
    with page.expect_request(annotation_posted) as sent:
        save_as(page, "Mostly true").click()
    expect(panel(page)).to_be_hidden()

    assert sent.value.post_data_json["suggestion"] == quote.pk
    annotation = Annotation.objects.get()
    assert annotation.kind == "quote"
    assert annotation.speaker == "Ana Ruiz"
    assert annotation.verdict.slug == "mostly-true"
    assert (annotation.start, annotation.end, annotation.exact) == (
        quote.start,
        quote.end,
        quote.exact,
    )
    assert annotation.suggestion_id == quote.pk
    # Now a highlight, no longer offered.
    expect(sidebar_item(page, annotation.pk)).to_contain_text("— Ana Ruiz")
    expect(suggestion_item(page, quote)).to_have_count(0)
    expect(suggestion_marks(page, quote)).to_have_count(0)
    expect(page.locator(".suggestion-item")).to_have_count(2)

    # After a reload: the switch is still on, the accepted suggestion still gone.
    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")
    expect(switch(page)).to_be_checked()
    expect(page.locator(".suggestion-item")).to_have_count(2)
    expect(suggestion_marks(page, quote)).to_have_count(0)
    expect(page.locator("#suggestions-accepted")).to_have_text(
        "1 accepted: now among your highlights."
    )
    expect(page.locator("#annotation-count")).to_have_text("1")


def test_a_suggested_quote_with_no_speaker_saves_only_once_the_speaker_is_typed(
    page: Page, browser_problems
) -> None:
    browser_problems.expect(r"status of 400")
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    quote = SuggestionFactory(
        article=article, kind=Suggestion.Kind.QUOTE, quote=QUOTE, speaker="", score=0.9
    )
    article.revisions.update(suggested_at=timezone.now())
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()
    speaker = panel(page).get_by_label("Speaker")

    # Enter on the item: the speaker is what is missing, so focus starts there.
    suggestion_item(page, quote).locator(".suggestion-item__main").focus()
    page.keyboard.press("Enter")
    expect(speaker).to_be_focused()
    expect(speaker).to_have_value("")

    # "Save as" with no speaker: the field's error, the panel stays, nothing saved.
    save_as(page, "Mostly true").click()
    expect(speaker).to_have_attribute("aria-invalid", "true")
    expect(panel(page).locator("#panel-speaker-errors")).to_have_text("A quote names its speaker.")
    expect(speaker).to_be_focused()
    expect(panel(page)).to_be_visible()
    assert not Annotation.objects.exists()

    # Enter in the speaker field never picks a verdict: it moves to the "Save as" buttons.
    speaker.fill("Ana Ruiz")
    page.keyboard.press("Enter")
    expect(save_as_group(page)).to_be_focused()
    assert not Annotation.objects.exists()

    rationale = "The mayor's own budget figures say otherwise."
    panel(page).get_by_label("Rationale").fill(rationale)
    with page.expect_request(annotation_posted):
        save_as(page, "Mostly true").click()
    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.kind, annotation.speaker) == ("quote", "Ana Ruiz")
    assert annotation.verdict.slug == "mostly-true"
    assert annotation.rationale == rationale
    assert annotation.suggestion_id == quote.pk


def test_a_speaker_the_desk_is_unsure_of_is_marked_and_checked_before_saving(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    quote = SuggestionFactory(
        article=article,
        kind=Suggestion.Kind.QUOTE,
        quote=QUOTE,
        speaker="Ana Ruiz",
        speaker_confidence=0.42,
        score=0.9,
    )
    article.revisions.update(suggested_at=timezone.now())
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()
    speaker = panel(page).get_by_label("Speaker")
    hint = panel(page).locator("#panel-speaker-unsure")

    # In the list: the name, marked as one to check.
    item = suggestion_item(page, quote)
    expect(item.locator(".suggestion-item__speaker")).to_contain_text("— Ana Ruiz")
    expect(item.locator(".suggestion-tag--unsure")).to_have_text("unsure")
    expect(suggestion_marks(page, quote).first).to_have_attribute(
        "title", "Suggested quote · Ana Ruiz? (speaker unsure)"
    )

    # Accept: the name is filled in, but the speaker box comes first, its text selected, and
    # the panel says why; typing replaces the name.
    item.get_by_role("button", name="Accept").click()
    expect(speaker).to_be_focused()
    expect(speaker).to_have_value("Ana Ruiz")
    expect(hint).to_be_visible()
    expect(speaker).to_have_attribute("aria-describedby", re.compile("panel-speaker-unsure"))
    page.keyboard.type("Luis Gómez")
    page.keyboard.press("Enter")
    expect(save_as_group(page)).to_be_focused()
    with page.expect_request(annotation_posted):
        save_as(page, "Mostly true").click()
    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.speaker, annotation.suggestion_id) == ("Luis Gómez", quote.pk)

    # A panel opened from a selection afterwards says nothing of it.
    start = article.text.index(BUDGET)
    drag_select(page, article.text, start, start + len(BUDGET))
    page.get_by_role("button", name="Annotate").click()
    expect(panel(page)).to_be_visible()
    expect(hint).to_be_hidden()


def test_the_panel_from_a_selection_still_has_the_radios_and_save(page: Page) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")
    # Opened from a suggestion first, then closed: the next ordinary panel is ordinary again.
    suggestion_item(page, found["quote"]).get_by_role("button", name="Accept").click()
    expect(save_as(page, "True")).to_be_visible()
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()

    start = article.text.index(BUDGET)
    drag_select(page, article.text, start, start + len(BUDGET))
    page.get_by_role("button", name="Annotate").click()

    expect(panel(page).get_by_role("radio", name="Claim")).to_be_focused()
    expect(save_as(page, "True")).to_have_count(0)
    expect(panel(page).get_by_role("radio", name="Mostly false", exact=True)).to_be_visible()
    panel(page).get_by_role("radio", name="Mostly false", exact=True).check()
    with page.expect_request(annotation_posted) as sent:
        panel(page).get_by_role("button", name="Save", exact=True).click()
    expect(panel(page)).to_be_hidden()

    assert "suggestion" not in sent.value.post_data_json
    annotation = Annotation.objects.get()
    assert (annotation.kind, annotation.exact) == ("claim", BUDGET)
    assert annotation.verdict.slug == "mostly-false"
    assert annotation.suggestion_id is None


def test_the_switch_off_is_remembered_and_hides_the_underlines(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    suggestions_stored(article)
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()
    expect(page.locator("#article-text .suggestion-mark")).to_have_count(3)

    switch(page).uncheck()
    expect(page.locator("#article-text .suggestion-mark")).to_have_count(0)
    expect(page.locator("#suggestion-list")).to_be_hidden()
    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")

    expect(switch(page)).not_to_be_checked()
    expect(page.locator("#article-text .suggestion-mark")).to_have_count(0)
    # `]` does nothing while they are off.
    page.keyboard.press("]")
    expect(page.locator(".suggestion-item")).to_have_count(0)


def test_an_editor_sees_suggestions_but_no_accept_button(page: Page) -> None:
    EditorFactory(username="edith")
    article, found = suggestions_shown(page, "edith")

    expect(page.locator(".suggestion-item")).to_have_count(3)
    expect(page.get_by_role("button", name="Accept")).to_have_count(0)
    page.keyboard.press("]")
    main = suggestion_item(page, found["budget"]).locator(".suggestion-item__main")
    expect(main).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_hidden()


def test_suggestions_not_computed_yet_say_so(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    expect(page.locator("#suggestions-status")).to_contain_text("Computing suggestions…")
    expect(page.locator(".suggestion-item")).to_have_count(0)


def test_no_suggestions_say_so(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    article.revisions.update(suggested_at=timezone.now())
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    expect(page.locator("#suggestions-status")).to_have_text("No suggestions.")
