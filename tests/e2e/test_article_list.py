"""The article list in the browser: searched and filtered through its form with the keyboard,
paged through, and clean for axe."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from annotations.models import Article, Assignment
from annotations.selectors.article_list import ARTICLE_LIST_PAGE_SIZE
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import BrowserProblems, login
from tests.factories import EditorFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEWEST = timezone.make_aware(dt.datetime(2026, 11, 30, 12, 0))


def _desk(count: int) -> None:
    """`count` articles of the Daily Example, one minute apart ("Report 0" the newest), and
    three of the Coast Times."""
    Article.objects.bulk_create(
        Article(
            title=f"Report {n}",
            publisher="The Daily Example",
            text=f"Text {n}.",
            created=NEWEST - dt.timedelta(minutes=n),
            published_on=dt.date(2026, 11, 1 + n % 28),
        )
        for n in range(count)
    )
    Article.objects.bulk_create(
        Article(
            title=f"Harbour budget {n}",
            publisher="Coast Times",
            text=f"Harbour {n}.",
            created=NEWEST + dt.timedelta(minutes=n + 1),
        )
        for n in range(3)
    )


def _cards(page: Page) -> list[str]:
    return page.locator(".article-card__link").all_inner_texts()


def test_a_reviewer_searches_filters_and_pages_through_the_list_by_keyboard(
    page: Page, browser_problems: BrowserProblems
) -> None:
    alice = ReviewerFactory(username="alice")
    _desk(ARTICLE_LIST_PAGE_SIZE + 20)
    assigned = Article.objects.get(title="Report 60")
    Assignment.objects.create(article=assigned, reviewer=alice)
    login(page, "alice")

    expect(page.locator(".article-card")).to_have_count(ARTICLE_LIST_PAGE_SIZE)
    assert _cards(page)[:4] == [
        "Harbour budget 2",
        "Harbour budget 1",
        "Harbour budget 0",
        "Report 0",
    ]
    assert axe_violations(page) == []

    # Older, then back to newer: the pages join without a gap or a repeat.
    page.get_by_role("link", name="Older").click()
    expect(page).to_have_url(re.compile(r"after="))
    older = _cards(page)
    assert older[0] == f"Report {ARTICLE_LIST_PAGE_SIZE - 3}"
    assert older[-1] == f"Report {ARTICLE_LIST_PAGE_SIZE + 19}"
    expect(page.locator(".pagination .is-disabled")).to_have_text("Older →")
    page.get_by_role("link", name="Newer").click()
    expect(page).to_have_url(re.compile(r"before="))
    expect(page.locator(".article-card")).to_have_count(ARTICLE_LIST_PAGE_SIZE)
    assert _cards(page)[0] == "Harbour budget 2"

    # The search box, typed and sent with Enter.
    search = page.get_by_label("Search titles and publishers")
    search.fill("harbour COAST")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"q=harbour\+COAST"))
    assert sorted(_cards(page)) == ["Harbour budget 0", "Harbour budget 1", "Harbour budget 2"]
    expect(page.get_by_role("navigation", name="Pages")).to_have_count(0)

    # Clear, then "Assigned to me" ticked with the keyboard and the form sent from its button.
    page.get_by_role("link", name="Clear").click()
    page.get_by_label("Assigned to me").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Filter").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"assigned=on"))
    assert _cards(page) == ["Report 60"]
    expect(page.locator(".article-card .status")).to_have_text("Not started")

    # A date range that cannot be: a 400 whose field says so, and nothing is listed.
    browser_problems.expect("status of 400")
    page.goto("/?date_from=2026-11-20&date_to=2026-11-02")
    expect(page.get_by_text("Must not be before the start date.")).to_be_visible()
    expect(page.locator(".article-card")).to_have_count(0)
    assert axe_violations(page) == []


def test_an_editor_sees_their_imports_and_the_filter_form_is_clean_for_axe(
    page: Page,
) -> None:
    editor = EditorFactory(username="eddie")
    _desk(5)
    Article.objects.filter(title="Report 3").update(imported_by=editor)
    login(page, "eddie")

    page.get_by_label("Imported by me").check()
    page.get_by_label("Publisher", exact=True).fill("the daily example")
    page.get_by_role("button", name="Filter").click()

    expect(page.locator(".article-card")).to_have_count(1)
    assert _cards(page) == ["Report 3"]
    expect(page.get_by_label("My progress")).to_have_count(0)  # editors do not review
    assert axe_violations(page) == []
