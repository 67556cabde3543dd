"""Screenshots of the main pages, for a person to look at (saved under /tmp)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from annotations.services.reviews import review_submit
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, panel
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    SourceFactory,
    verdict,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(
    os.environ.get("FACTCHECK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "factcheck-screenshots"
)

LONG_TEXT = (
    "City council approves record budget amid questions over school spending\n\n"
    "The city council approved a budget of 12 million euros on Tuesday, the largest in the "
    'city\'s history. "We have never invested this much in schools," said the mayor, Ana Ruiz, '
    "after the vote.\n\n"
    "Critics say unemployment has doubled since 2020. The opposition leader, Marc Dubois, "
    'claimed that "half of the new money goes to consultants", a figure the council disputes.\n\n'
    "According to the council's own documents, spending on schools rises by 8 percent, while "
    "the budget for road repairs falls for the third year in a row.\n"
    "A public hearing is scheduled for next month.\n\n"
    "Residents interviewed outside the town hall were divided. Some welcomed the investment; "
    "others said the city should first pay down its debt, which the council puts at 40 million "
    "euros."
)


def test_screenshots_of_the_desk(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 400")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    alice = ReviewerFactory(username="alice")
    article = ArticleFactory(
        title="City council approves record budget amid questions over school spending",
        byline="By Jane Miller",
        publisher="The Daily Example",
        published_on=timezone.localdate(),
        text=LONG_TEXT,
    )
    ArticleFactory(title="Regional train fares to rise by 5% in January", byline="Tom Berg")
    first = AnnotationFactory(
        article=article,
        reviewer=alice,
        quote="Critics say unemployment has doubled since 2020.",
        verdict=verdict("false"),
        rationale="Unemployment rose from 6.1% to 6.8% (national statistics office).",
    )
    SourceFactory(annotation=first)
    AnnotationFactory(
        article=article,
        reviewer=alice,
        quote="the largest in the city's history",
        verdict=verdict("mostly-true"),
        rationale="Largest in nominal terms; the 2009 budget was larger after inflation.",
    )
    AnnotationFactory(
        article=article,
        reviewer=alice,
        kind="quote",
        speaker="Marc Dubois",
        quote="half of the new money goes to consultants",
        verdict=verdict("unverifiable"),
        rationale="The council has not published the contracts.",
    )
    AnnotationFactory(
        article=article,
        reviewer=alice,
        quote="spending on schools rises by 8 percent",
        verdict=verdict("true"),
        rationale="Budget annex B, line 14.",
    )

    login(page, "alice")
    page.screenshot(path=str(SCREENSHOTS / "article-list.png"), full_page=True)

    open_article(page, article.pk)
    page.screenshot(path=str(SCREENSHOTS / "article.png"))

    phrase = "the budget for road repairs falls for the third year in a row"
    start = LONG_TEXT.index(phrase)
    drag_select(page, LONG_TEXT, start, start + len(phrase))
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "article-selection.png"))
    page.keyboard.press("a")
    expect(panel(page)).to_be_visible()
    panel(page).get_by_role("radio", name="Mixed", exact=True).check()
    panel(page).get_by_label("Rationale").fill("Road repairs fell in two of the last three years.")
    panel(page).locator(".panel__body").evaluate("(body) => { body.scrollTop = 0; }")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "article-panel.png"))
    panel(page).get_by_label("URL").fill("ftp://example.org/roads")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page).get_by_label("URL")).to_have_attribute("aria-invalid", "true")
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOTS / "article-panel-error.png"))
    page.keyboard.press("Escape")

    page.locator(".annotation-item__main").nth(1).click()
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOTS / "article-flash.png"))

    # Bob submitted too; after alice submits she sees his highlights, read-only.
    bob = ReviewerFactory(username="bob")
    AnnotationFactory(
        article=article,
        reviewer=bob,
        verdict=verdict("mostly-false"),
        rationale="Up 11%, not doubled.",
    )
    review_submit(article=article, reviewer=bob)
    page.get_by_role("button", name="Submit review").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Submit review").click()
    expect(page.locator("#review-status")).to_have_text("Submitted")
    page.wait_for_selector(".annotation-item >> text=by bob")
    page.screenshot(path=str(SCREENSHOTS / "article-submitted.png"))

    EditorFactory(username="eddie", is_staff=True)
    page.get_by_role("button", name="Log out").click()
    login(page, "eddie")
    page.screenshot(path=str(SCREENSHOTS / "article-list-editor.png"), full_page=True)
    open_article(page, article.pk)
    page.screenshot(path=str(SCREENSHOTS / "article-editor.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "article-mobile.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/articles/import/")
    page.screenshot(path=str(SCREENSHOTS / "import.png"), full_page=True)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "login.png"))
