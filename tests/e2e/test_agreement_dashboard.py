"""An editor reads the desk's agreement and asks for a recomputation, in a real browser."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from annotations.services.annotations import TargetInput, annotation_create
from annotations.services.reviews import review_submit
from tests.e2e.conftest import login, open_article
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, verdict

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(
    os.environ.get("FACTCHECK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "factcheck-screenshots"
)

CLAIMS = [
    "The city council approved a budget of 12 million euros on Tuesday",
    "the largest in the city's history",
    "We have never invested this much in schools",
    "Critics say unemployment has doubled since 2020.",
]
# Per article, per reviewer: a verdict for each claim (None: not highlighted).
REVIEWS = [
    {
        "alice": ["true", "mostly-true", "mixed", "false"],
        "bruno": ["true", "true", "mixed", "mostly-false"],
        "chen": ["mostly-true", "mixed", "unverifiable", "false"],
        "dana": ["true", "mostly-true", None, "false"],
    },
    {
        "alice": ["true", "mixed", "mostly-false", "false"],
        "bruno": ["mostly-true", "mixed", "mostly-false", "false"],
        "chen": ["true", "false", "mixed", "mostly-false"],
    },
]


def reviews_submit() -> int:
    """The reviews above, through the services (each after-commit recomputation runs)."""
    reviewers = {
        name: ReviewerFactory(username=name) for name in ("alice", "bruno", "chen", "dana")
    }
    first = None
    for number, reviews in enumerate(REVIEWS):
        article = ArticleFactory(title=f"City council approves new budget, part {number + 1}")
        first = first or article
        for name, verdicts in reviews.items():
            for exact, slug in zip(CLAIMS, verdicts, strict=True):
                if slug is None:
                    continue
                start = article.text.index(exact)
                annotation_create(
                    reviewer=reviewers[name],
                    article=article,
                    target=TargetInput(exact=exact, start=start, end=start + len(exact)),
                    verdict=verdict(slug),
                )
            review_submit(article=article, reviewer=reviewers[name])
    return first.pk


def test_editor_reads_the_agreement_dashboard_and_recomputes_it(page: Page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    article_id = reviews_submit()
    EditorFactory(username="eddie")

    login(page, "eddie")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agreement").click()

    expect(page.get_by_role("heading", name="Agreement", level=1)).to_be_visible()
    # Nobody pressed a button: opening the page computed the figures (tasks run in-process).
    expect(page.get_by_text("Up to date")).to_be_visible()
    expect(page.get_by_text("Not computed yet")).to_have_count(0)
    expect(page.locator(".figures .figure__number--undefined")).to_have_count(0)

    page.get_by_role("button", name="Recompute now").click()

    expect(page).to_have_url(re.compile(r"/agreement/$"))
    expect(page.get_by_text("Recomputation requested")).to_be_visible()
    expect(page.get_by_text("Up to date")).to_be_visible()
    heatmap = page.get_by_role("img", name=re.compile(r"Heat map of Cohen's kappa"))
    expect(heatmap).to_be_visible()
    expect(heatmap.locator("g.heatmap__cell")).to_have_count(2 * 6)  # 4 reviewers, 6 pairs
    figures = page.locator(".figures")
    expect(figures).to_contain_text("Krippendorff's α, ordinal")
    expect(figures).to_contain_text("95% CI")
    expect(figures.locator(".figure__number--undefined")).to_have_count(0)
    expect(page.get_by_role("img", name="Number of ratings per label")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "agreement-dashboard.png"), full_page=True)

    # Raw agreement instead of kappa: a radio button, no script needed.
    page.get_by_role("radio", name="Raw agreement").check()
    expect(page.get_by_role("img", name=re.compile(r"Heat map of raw agreement"))).to_be_visible()
    expect(heatmap).to_be_hidden()

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "agreement-dashboard-mobile.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})

    open_article(page, article_id)
    page.screenshot(path=str(SCREENSHOTS / "article-agreement-sidebar.png"))
    card = page.locator("#agreement")
    expect(card.get_by_role("heading", name="Agreement")).to_be_visible()
    expect(
        card.get_by_role("img", name=re.compile(r"Verdicts given to each of 4 claim units"))
    ).to_be_visible()
    expect(card.get_by_role("row", name=re.compile(r"alice & bruno"))).to_be_visible()
    # Clipped from the full page, where the sticky header stays at the top, not over the card.
    box = card.bounding_box()
    scrolled = page.evaluate("window.scrollY")
    page.screenshot(
        path=str(SCREENSHOTS / "article-agreement.png"),
        full_page=True,
        clip={**box, "y": box["y"] + scrolled},
    )
