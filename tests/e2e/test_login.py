from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reviewer_logs_in_through_the_login_form_and_sees_the_articles(page: Page) -> None:
    ReviewerFactory(username="alice")
    ArticleFactory(title="City council approves new budget")

    login(page, "alice")

    expect(page.get_by_role("heading", name="Articles", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="City council approves new budget")).to_be_visible()
    articles = page.get_by_role("list", name="Articles")
    expect(articles.get_by_text("Not started")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_wrong_password_shows_an_error_on_the_login_form(page: Page, browser_problems) -> None:
    ReviewerFactory(username="alice")

    login_page = page.goto("/login/")
    assert login_page is not None and login_page.ok
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("alert")).to_contain_text("enter a correct username and password")
    expect(page).to_have_url(re.compile(r"/login/"))


def test_reviewer_logs_out_with_the_log_out_button(page: Page) -> None:
    ReviewerFactory(username="alice")
    login(page, "alice")

    page.get_by_role("button", name="Log out").click()

    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
