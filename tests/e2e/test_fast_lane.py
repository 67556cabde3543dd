"""The fast lane in a real browser: an editor opens the Ready lane from the queue, ticks claims
(one, then all with the header's box), confirms and publishes them, and reads the report,
including the claim another editor decided meanwhile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.core.fast_lane import FastConfirmItem
from annotations.models import ClaimUnit, DeskSettings, Verdict, VerdictLabel
from annotations.services.fast_lane import units_fast_confirm
from annotations.services.reviews import review_submit
from tests.e2e.conftest import login
from tests.e2e.test_review_walkthrough import CRIME, JOBS, SCHOOLS, TAXES, TEXT, highlight
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def unit_of(article, claim: str) -> ClaimUnit:
    return ClaimUnit.objects.get(article=article, start=article.text.index(claim))


def test_an_editor_confirms_and_publishes_agreed_claims_from_the_ready_lane(page: Page) -> None:
    # The desk's rule, set here: other browser tests flush the tables the migration filled.
    DeskSettings.load().fast_lane_excluded_labels.set([VerdictLabel.objects.get(slug="false")])
    article = ArticleFactory(title="Mayor defends record budget", text=TEXT)
    ratings = {CRIME: "mostly-true", TAXES: "mostly-false", SCHOOLS: "true"}
    for name, disagreeing in (("alice", "true"), ("bob", "mixed")):
        reviewer = ReviewerFactory(username=name)
        for claim, slug in {**ratings, JOBS: disagreeing}.items():
            highlight(article, reviewer, claim, slug, f"{name} checked it.")
        review_submit(article=article, reviewer=reviewer)
    EditorFactory(username="editor")
    other_editor = EditorFactory(username="other")

    login(page, "editor")
    page.goto("/review/")
    ready_tab = page.locator("#ready-tab")
    expect(ready_tab).to_contain_text("3")
    ready_tab.click()
    page.wait_for_url(re.compile(r"/review/ready/$"))
    expect(page.get_by_role("heading", name="Ready to confirm")).to_be_visible()
    expect(page.locator(".page-subtitle")).to_contain_text("Never fast-tracked: “False”.")
    rows = page.locator("tbody tr.queue-row")
    expect(rows).to_have_count(3)
    expect(page.locator("#ready-publish-selected")).to_be_disabled()

    page.get_by_label(re.compile(re.escape(SCHOOLS))).check()
    expect(page.locator("#ready-selected")).to_have_text("1 selected.")
    page.get_by_role("button", name="Confirm and publish selected").click()

    expect(page.locator("#ready-report")).to_contain_text("1 claim confirmed and published.")
    schools = Verdict.objects.get(unit=unit_of(article, SCHOOLS))
    assert schools.is_published and schools.label.slug == "true"
    assert schools.claim_reviewed == SCHOOLS

    page.get_by_role("link", name="Back to the Ready lane").click()
    expect(rows).to_have_count(2)
    page.get_by_label("Select every claim on this page").check()
    expect(page.locator("#ready-selected")).to_have_text("2 selected.")
    # Another editor confirms the taxes claim while this page is open.
    taxes = unit_of(article, TAXES)
    units_fast_confirm(
        editor=other_editor, items=[FastConfirmItem(taxes.pk, taxes.version)], publish=False
    )
    page.get_by_role("button", name="Confirm and publish selected").click()

    report = page.locator("#ready-report")
    expect(report).to_contain_text("1 claim confirmed and published; 1 not.")
    problem = page.locator(f"#ready-problems tr[data-unit-id='{taxes.pk}']")
    expect(problem).to_contain_text("Someone changed this claim since you loaded the page")
    # The claim and its article's title on lines of their own, as in the queue.
    claim_box = problem.locator(".queue-claim__link").bounding_box()
    title_box = problem.locator(".queue-claim__article").bounding_box()
    assert claim_box is not None and title_box is not None
    assert title_box["y"] >= claim_box["y"] + claim_box["height"] - 1
    assert Verdict.objects.get(unit=unit_of(article, CRIME)).is_published
    assert not Verdict.objects.get(unit=taxes).is_published
    assert unit_of(article, JOBS).status == ClaimUnit.Status.NEEDS_REVIEW


def test_the_report_of_claims_all_confirmed_is_shown_in_the_success_colours(page: Page) -> None:
    # "1 claim confirmed and published." drawn in the error red read as a failure.
    article = ArticleFactory(title="Mayor defends record budget", text=TEXT)
    for name in ("alice", "bob"):
        reviewer = ReviewerFactory(username=name)
        highlight(article, reviewer, SCHOOLS, "true", f"{name} checked it.")
        review_submit(article=article, reviewer=reviewer)
    EditorFactory(username="editor")

    login(page, "editor")
    page.goto("/review/ready/")
    page.get_by_label(re.compile(re.escape(SCHOOLS))).check()
    page.get_by_role("button", name="Confirm and publish selected").click()

    report = page.locator("#ready-report")
    expect(report).to_contain_text("1 claim confirmed and published.")
    expect(report).to_have_css("background-color", "rgb(236, 253, 243)")  # --success-soft
    expect(report).to_have_css("color", "rgb(6, 118, 71)")  # --success
    expect(report.locator(".notice__icon")).to_have_css("background-color", "rgb(6, 118, 71)")
