"""Feedback in a real browser: a reviewer whose verdict the editor overruled opens Feedback from
the header, reads the difference with the editor's explanation, and the chart with its table;
an editor on a desk that hides reviewer names opens the list and a reviewer's page, where no
name shows. axe-core's WCAG 2.1 A/AA rules find no serious or critical violation on either."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import ClaimUnit, DeskSettings
from annotations.selectors.feedback import feedback_key, feedback_pseudonym
from annotations.services.adjudication import VerdictInput, unit_decide, verdict_publish
from annotations.services.reviews import review_submit
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login
from tests.e2e.test_review_walkthrough import CRIME, JOBS, TEXT, highlight
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, verdict

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXPLANATION = "Police figures show a 3 percent fall, not 30 percent."


def overruled_desk():
    """Alice rates the crime claim True and Bob Mostly false; the editor decides False with an
    explanation and publishes it. On jobs both say Mixed and the editor agrees."""
    article = ArticleFactory(title="Mayor defends record budget", text=TEXT)
    alice, bob = ReviewerFactory(username="alice"), ReviewerFactory(username="bob")
    editor = EditorFactory(username="eddie")
    for reviewer, crime in ((alice, "true"), (bob, "mostly-false")):
        highlight(article, reviewer, CRIME, crime, "Checked the police report.")
        highlight(article, reviewer, JOBS, "mixed", "Checked the labour statistics.")
        review_submit(article=article, reviewer=reviewer)
    for claim, label, explanation in ((CRIME, "false", EXPLANATION), (JOBS, "mixed", "")):
        unit = ClaimUnit.objects.get(article=article, start=article.text.index(claim))
        decided = unit_decide(
            unit=unit,
            editor=editor,
            seen_version=unit.version,
            verdict=VerdictInput(
                label=verdict(label), claim_reviewed=claim.capitalize(), explanation=explanation
            ),
        )
        unit.refresh_from_db()
        verdict_publish(verdict=decided, editor=editor, seen_version=unit.version)
    return alice, bob


def _no_blocking_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['targets'][:3]} {v['summary']}" for v in violations
    )


def test_an_overruled_reviewer_reads_the_difference_and_their_figures(page: Page) -> None:
    overruled_desk()

    login(page, "alice")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Feedback").click()
    page.wait_for_url(re.compile(r"/review/feedback/$"))

    expect(page.get_by_role("heading", name="Your feedback")).to_be_visible()
    difference = page.locator("[data-feedback-difference]")
    expect(difference).to_have_count(1)
    expect(difference.locator("[data-own-label]")).to_have_text("True")
    expect(difference.locator("[data-final-label]")).to_have_text("False")
    expect(difference.locator("[data-explanation]")).to_contain_text(EXPLANATION)
    expect(difference.get_by_role("link", name="Published verdict")).to_be_visible()

    expect(page.locator("[data-feedback-agreement]")).to_have_text("50%")  # 1 of 2
    agreement_chart = page.locator("[data-feedback-chart='agreement'] svg[role='img']")
    expect(agreement_chart).to_be_visible()
    expect(agreement_chart).to_contain_text("50%")
    expect(page.locator("[data-feedback-chart='distance'] svg[role='img']")).to_contain_text("4")
    table = page.get_by_role("table", name="The figures of the charts, by month")
    expect(table.locator("tbody tr").last).to_contain_text("50%")
    expect(
        page.get_by_role("table", name=re.compile("Cohen's κ with each colleague"))
    ).to_contain_text("bob")
    _no_blocking_violations(page)

    difference.get_by_role("link", name="Published verdict").click()
    expect(page.get_by_text(EXPLANATION)).to_be_visible()


def test_an_editor_reads_feedback_per_reviewer_without_names_where_the_desk_hides_them(
    page: Page,
) -> None:
    alice, _bob = overruled_desk()
    alias = feedback_pseudonym(feedback_key(alice.pk))
    DeskSettings.load()
    DeskSettings.objects.filter(pk=1).update(hide_reviewer_names=True)

    login(page, "eddie")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Feedback").click()
    page.wait_for_url(re.compile(r"/review/feedback/reviewers/$"))
    expect(page.get_by_role("heading", name="Reviewers' feedback")).to_be_visible()
    rows = page.locator("[data-feedback-reviewers] tbody tr")
    expect(rows).to_have_count(2)
    main = page.locator("main")
    expect(main).not_to_contain_text("alice")
    expect(main).not_to_contain_text("bob")
    _no_blocking_violations(page)

    page.get_by_role("link", name=alias).click()
    page.wait_for_url(re.compile(r"/review/feedback/reviewers/[0-9a-f]{20}/$"))
    assert "alice" not in page.url
    expect(page.locator("[data-feedback-subject]")).to_have_text(f"Feedback: {alias}")
    expect(page.locator("[data-own-label]")).to_have_text("True")
    expect(page.locator("[data-feedback-difference] [data-explanation]")).to_contain_text(
        EXPLANATION
    )
    expect(main).not_to_contain_text("alice")
    expect(main).not_to_contain_text("bob")
    _no_blocking_violations(page)
