"""The desk's refusals as a person sees them: the 403 and 404 pages in the site's layout, and the
conflict banner styled on a page outside the review area."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.services.tokens import MAX_TOKENS_PER_USER, personal_token_create
from tests.e2e.conftest import login
from tests.e2e.test_screenshots import SCREENSHOTS
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_refused_page_is_the_desks_403_page_and_leads_home(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 403")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ReviewerFactory(username="alice")
    ArticleFactory(title="City council approves new budget")
    login(page, "alice")

    response = page.goto("/articles/import/")

    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You may not do this", level=1)).to_be_visible()
    expect(page.get_by_text("Only editors import articles.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    # Styled by the site's stylesheet, not the browser's defaults.
    card = page.locator(".error-page")
    assert card.evaluate("node => getComputedStyle(node).borderTopLeftRadius") == "12px"
    page.screenshot(path=str(SCREENSHOTS / "page-403.png"))

    page.get_by_role("link", name="Back to the articles").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="City council approves new budget")).to_be_visible()


def test_a_missing_page_is_the_desks_404_page(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 404")
    ReviewerFactory(username="alice")
    login(page, "alice")

    response = page.goto("/articles/999999/")

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Nothing here", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Back to the articles")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "page-404.png"))


def test_the_conflict_banner_is_styled_on_the_account_page(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 409")
    alice = ReviewerFactory(username="alice")
    for number in range(MAX_TOKENS_PER_USER):
        personal_token_create(user=alice, name=f"script {number}")
    login(page, "alice")
    page.goto("/account/")

    page.get_by_label("Name").fill("newsroom dashboard")
    page.get_by_role("button", name="Create token").click()

    banner = page.locator("#conflict")
    expect(banner).to_contain_text("revoke one first")
    expect(page.get_by_label("Name")).to_have_value("newsroom dashboard")
    assert banner.evaluate("node => getComputedStyle(node).display") == "flex"
    page.screenshot(path=str(SCREENSHOTS / "account-conflict.png"))
