"""The public site in Chromium: a reader with no account finds a verdict from the index by
searching, opens it, and follows its badge to the rating scale; no script runs inline (the
CSP listener would report it) and no login is asked for. axe-core finds no serious or critical
WCAG 2.1 A/AA violation on the index, a verdict, an article's page and the scale."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Correction
from tests.e2e.accessibility import axe_violations
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.e2e


def test_a_reader_finds_a_verdict_by_searching_the_index_and_opens_it(page: Page) -> None:
    article = ArticleFactory(title="Harbour plans", publisher="The Weekly Echo")
    wanted = published_verdict(
        article,
        claim_reviewed="The harbour budget tripled last year",
        claimant="Minister Ruiz",
        explanation="The budget rose by a third, not threefold.",
        label="false",
    )
    published_verdict(claim_reviewed="Ferries run on time every day")

    page.goto("/verdicts/")
    expect(page.get_by_role("heading", name="Fact checks", exact=True)).to_be_visible()
    expect(page.locator("[data-verdict]")).to_have_count(2)
    page.get_by_label("Search fact checks").fill("harbour budget")
    page.get_by_role("button", name="Search").click()

    expect(page.locator("[data-verdict]")).to_have_count(1)
    expect(page.locator(".public-row__snippet mark").first).to_be_visible()
    page.get_by_role("link", name="The harbour budget tripled last year").click()

    expect(page).to_have_url(re.compile(rf"/verdicts/{wanted.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The harbour budget tripled last year"
    )
    expect(page.locator(".rating-badge--large")).to_contain_text("False")
    expect(page.get_by_text("The budget rose by a third, not threefold.")).to_be_visible()
    expect(page.get_by_text("Minister Ruiz")).to_be_visible()
    assert "/login/" not in page.url

    page.locator(".rating-badge--large").click()
    expect(page).to_have_url(re.compile(r"/scale/#false$"))
    expect(page.locator("#false")).to_contain_text("False")


def test_a_reader_narrows_the_index_by_rating_and_claimant(page: Page) -> None:
    published_verdict(claim_reviewed="Wages fell", claimant="Minister Lind", label="false")
    published_verdict(claim_reviewed="Rents rose", claimant="Minister Ruiz", label="true")

    page.goto("/verdicts/")
    page.get_by_label("Rating").select_option(label="True")
    page.get_by_label("Claimant").fill("minister ruiz")
    page.get_by_role("button", name="Search").click()

    expect(page.locator("[data-verdict]")).to_have_count(1)
    expect(page.locator("[data-verdict]")).to_contain_text("Rents rose")


def test_the_public_pages_have_no_serious_accessibility_violation(page: Page) -> None:
    article = ArticleFactory(title="Harbour plans", publisher="The Weekly Echo")
    checked = published_verdict(
        article,
        claim_reviewed="The harbour budget tripled last year",
        explanation="The budget rose by a third, not threefold.",
        label="false",
    )
    Correction.objects.create(verdict=checked, note="We gave the wrong year.", previous={})
    published_verdict(claim_reviewed="Ferries run on time every day", label="unverifiable")
    problems = {}

    for path in [
        "/verdicts/",
        "/verdicts/?q=harbour",
        f"/verdicts/{checked.pk}/",
        f"/verdicts/articles/{article.pk}/",
        "/scale/",
    ]:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        violations = axe_violations(page)
        if violations:
            problems[path] = [
                f"{v['id']} ({v['impact']}): {v['targets'][:3]} {v['summary']}" for v in violations
            ]

    assert problems == {}
