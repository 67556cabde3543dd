"""The review walkthrough in a real browser: two reviewers disagree on a claim, one of them
highlighting it with the mouse; the editor finds it at the top of the queue, decides, publishes,
and the verdicts API serves it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from annotations.models import Assignment, ClaimUnit, DeskSettings, Verdict
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.annotations import SourceInput, TargetInput, annotation_create
from annotations.services.reviews import review_submit
from tests.e2e.conftest import VIEWPORT, login, open_article
from tests.e2e.helpers import drag_select, fill_claim, panel
from tests.e2e.test_screenshots import SCREENSHOTS
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, verdict

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = (
    "Mayor defends record budget before the council\n\n"
    "Presenting the budget on Tuesday, the mayor, Ana Ruiz, said that crime fell by 30 percent "
    "last year and that the city now has the lowest taxes in the region. Spending on schools "
    "rises by 8 percent, according to the council's own documents.\n\n"
    "The opposition leader, Marc Dubois, replied that unemployment has doubled since 2020 and "
    "that half of the new money goes to consultants. The council disputes both figures.\n\n"
    "A public hearing on the budget is scheduled for next month."
)
CRIME = "crime fell by 30 percent last year"
TAXES = "the city now has the lowest taxes in the region"
SCHOOLS = "Spending on schools rises by 8 percent"
JOBS = "unemployment has doubled since 2020"
CONSULTANTS = "half of the new money goes to consultants"
CLAIM_REVIEWED = "Crime fell by 30% in the city last year"


def highlight(article, reviewer, claim: str, slug: str, rationale: str, source: str = "") -> None:
    start = article.text.index(claim)
    annotation_create(
        reviewer=reviewer,
        article=article,
        target=TargetInput(exact=claim, start=start, end=start + len(claim)),
        verdict=verdict(slug),
        rationale=rationale,
        sources=[SourceInput(url=source, title="Police annual report", stance="refutes")]
        if source
        else [],
    )


def test_two_reviewers_disagree_and_the_editor_decides_and_publishes(page: Page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ReviewerFactory(username="alice")
    bob = ReviewerFactory(username="bob")
    chen = ReviewerFactory(username="chen")
    EditorFactory(username="eddie")
    article = ArticleFactory(
        title="Mayor defends record budget before the council",
        publisher="The Daily Example",
        published_on=timezone.localdate(),
        text=TEXT,
    )
    highlight(
        article,
        bob,
        CRIME,
        "false",
        "Police figures show a 3% fall, not 30%.",
        "https://police.example.org/annual-report",
    )
    highlight(article, bob, TAXES, "mostly-false", "Second lowest, after Northtown.")
    highlight(article, bob, SCHOOLS, "true", "Budget annex B, line 14.")
    highlight(article, bob, JOBS, "mixed", "Up from 6.1% to 6.8%: a rise, not a doubling.")
    review_submit(article=article, reviewer=bob)
    highlight(article, chen, TAXES, "mostly-false", "Northtown's rate is lower.")
    highlight(article, chen, SCHOOLS, "true", "Matches the council's documents.")
    highlight(article, chen, CONSULTANTS, "unverifiable", "The contracts are not public.")
    review_submit(article=article, reviewer=chen)

    # Alice highlights the crime claim with the mouse and rates it the opposite way.
    login(page, "alice")
    open_article(page, article.pk)
    start = TEXT.index(CRIME)
    drag_select(page, TEXT, start, start + len(CRIME))
    page.keyboard.press("a")
    expect(panel(page)).to_be_visible()
    fill_claim(
        page,
        verdict="True",
        rationale="The mayor's office figures show a 30% drop in reported burglaries.",
        source_url="https://mayor.example.org/press/crime",
        source_title="Mayor's office press release",
        stance="supports",
    )
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()
    page.get_by_role("button", name="Submit review").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Submit review").click()
    expect(page.locator("#review-status")).to_have_text("Submitted")
    crime = ClaimUnit.objects.get(article=article, start=start)
    assert crime.ratings == 2
    assert crime.ordinal_spread == 4

    # The editor finds the disputed claim at the top of the queue.
    page.get_by_role("button", name="Log out").click()
    login(page, "eddie")
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    first_row = page.locator(".queue-row").first
    expect(first_row).to_contain_text(CRIME)
    expect(first_row).to_contain_text("4 steps apart")
    expect(first_row.locator(".verdict-chip")).to_have_text(["True", "False"])
    page.screenshot(path=str(SCREENSHOTS / "review-queue.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "review-queue-mobile.png"), full_page=True)
    page.set_viewport_size(VIEWPORT)

    first_row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/review/units/{crime.pk}/$"))
    expect(page.locator(".passage__mark")).to_have_text(CRIME)
    columns = page.locator(".review-column")
    expect(columns).to_have_count(2)
    expect(columns.filter(has_text="alice")).to_contain_text("True")
    expect(columns.filter(has_text="bob")).to_contain_text("Police figures show a 3% fall")
    page.screenshot(path=str(SCREENSHOTS / "review-unit.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "review-unit-mobile.png"), full_page=True)
    page.set_viewport_size(VIEWPORT)

    # Decide: the final verdict and the claim as checked, citing bob's source.
    decision = page.locator("#decision")
    decision.get_by_role("radio", name="False", exact=True).check()
    claim_reviewed = decision.get_by_label("Claim reviewed")
    claim_reviewed.fill(CLAIM_REVIEWED + " according to the mayor's speech on Tuesday evening")
    expect(decision.locator(".character-counter")).to_have_class(re.compile("is-over"))
    expect(decision.get_by_text("Longer than 75 characters")).to_be_visible()
    claim_reviewed.fill(CLAIM_REVIEWED)
    expect(decision.locator("[data-counter-value]")).to_have_text(str(len(CLAIM_REVIEWED)))
    expect(decision.get_by_text("Longer than 75 characters")).to_be_hidden()
    decision.get_by_label("Claimant").fill("Ana Ruiz, mayor")
    decision.get_by_label("Police annual report").check()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "review-unit-deciding.png"), full_page=True)
    decision.get_by_role("button", name="Record decision").click()

    expect(page.locator(".message--success")).to_contain_text("Decision recorded: False")
    expect(page.locator(".adjudication-header .unit-status")).to_have_text("Decided")
    page.get_by_role("button", name="Publish verdict").click()
    expect(page.locator(".message--success")).to_contain_text("Published")
    expect(page.locator(".adjudication-header .unit-status")).to_have_text("Published")
    expect(page.locator("#history")).to_contain_text("eddie")
    page.screenshot(path=str(SCREENSHOTS / "review-unit-published.png"), full_page=True)

    # The verdicts API serves it: to the editor's session, and to anyone.
    served = page.request.get("/api/v1/verdicts/").json()["results"]
    public = Client().get("/api/v1/verdicts/").json()["results"]
    for results in (served, public):
        assert [(v["claim_reviewed"], v["label"], v["is_published"]) for v in results] == [
            (CLAIM_REVIEWED, "false", True)
        ]
    assert public[0]["claimant"] == "Ana Ruiz, mayor"
    assert [s["url"] for s in public[0]["sources"]] == ["https://police.example.org/annual-report"]
    assert Verdict.objects.get().unit_id == crime.pk


def test_a_decision_that_crossed_another_editors_shows_the_conflict_and_keeps_the_input(
    page: Page, browser_problems
) -> None:
    browser_problems.expect(r"status of 409")  # the refused post, as Chromium logs it
    article = ArticleFactory(title="Mayor defends record budget before the council", text=TEXT)
    for name, slug in (("bob", "false"), ("chen", "true")):
        reviewer = ReviewerFactory(username=name)
        highlight(article, reviewer, CRIME, slug, f"{name.title()} checked the police report.")
        review_submit(article=article, reviewer=reviewer)
    EditorFactory(username="eddie")
    crime = ClaimUnit.objects.get(article=article, start=TEXT.index(CRIME))

    login(page, "eddie")
    page.goto(f"/review/units/{crime.pk}/")
    decision = page.locator("#decision")
    decision.get_by_role("radio", name="Mostly false", exact=True).check()
    decision.get_by_label("Claim reviewed").fill(CLAIM_REVIEWED)
    decision.get_by_label("Explanation").fill("The police report shows a 3% fall.")
    # Meanwhile, another editor decides first.
    unit_decide(
        unit=crime,
        editor=EditorFactory(username="frida"),
        seen_version=crime.version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed="Crime fell 30%"),
    )
    decision.get_by_role("button", name="Record decision").click()

    notice = page.get_by_role("alert").filter(has_text="Someone else changed this unit")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link", name="Reload")).to_be_visible()
    expect(decision.get_by_label("Claim reviewed")).to_have_value(CLAIM_REVIEWED)
    expect(decision.get_by_label("Explanation")).to_have_value("The police report shows a 3% fall.")
    expect(decision.get_by_role("radio", name="Mostly false", exact=True)).to_be_checked()
    expect(page.locator(".current-verdict")).to_contain_text("Crime fell 30%")
    page.screenshot(path=str(SCREENSHOTS / "review-unit-conflict.png"))
    assert Verdict.objects.get().claim_reviewed == "Crime fell 30%"

    notice.get_by_role("link", name="Reload").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("#decision").get_by_label("Claim reviewed")).to_have_value("Crime fell 30%")


def test_an_editor_assigns_an_article_and_the_reviewer_finds_it_and_picks_up_another(
    page: Page,
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    DeskSettings.objects.update_or_create(
        pk=1, defaults={"allow_self_assignment": True, "reviewers_per_article": 2}
    )
    ReviewerFactory(username="alice")
    ReviewerFactory(username="bob")
    EditorFactory(username="eddie")
    article = ArticleFactory(title="Mayor defends record budget before the council", text=TEXT)
    free = ArticleFactory(title="Regional train fares to rise by 5% in January")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    login(page, "eddie")
    open_article(page, article.pk)
    card = page.locator("#assignments")
    card.get_by_label("alice").check()
    card.get_by_label("Due date").fill(yesterday.isoformat())
    card.screenshot(path=str(SCREENSHOTS / "article-assign-form.png"))
    card.get_by_role("button", name="Assign").click()
    expect(page.locator(".message--success")).to_have_text("Assigned to alice.")
    page.wait_for_selector("#article-page[data-ready='true']")
    expect(card.locator(".assignee")).to_contain_text("alice")
    expect(card.locator(".assignee")).to_contain_text("Overdue")
    card.screenshot(path=str(SCREENSHOTS / "article-assignments.png"))

    page.get_by_role("button", name="Log out").click()
    login(page, "alice")
    page.get_by_role("link", name="My assignments").click()
    assigned = page.locator(".assignment-list .article-card")
    expect(assigned).to_have_count(1)
    expect(assigned).to_contain_text("Overdue")
    expect(assigned).to_contain_text("Assigned by eddie")
    page.get_by_role("button", name=f"Pick up “{free.title}”").click()
    expect(page.locator(".message--success")).to_contain_text("is in your assignments")
    expect(assigned).to_have_count(2)
    page.screenshot(path=str(SCREENSHOTS / "my-assignments.png"), full_page=True)
    assert set(Assignment.objects.values_list("article__title", "reviewer__username")) == {
        (article.title, "alice"),
        (free.title, "alice"),
    }
