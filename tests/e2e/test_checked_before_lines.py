"""The "Checked before" list's lines, as Chromium lays them out (static/annotations/
checked-before.js fed a stubbed answer of the similar endpoint): an external review reads
"Civic Check: False" with no gap before the colon, and a difference whose earlier value the
claim does not state says so rather than showing nothing."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANSWER = {
    "results": [
        {
            "claim": 7,
            "text": "The city hired new nurses in 2025.",
            "score": 0.8,
            "stage": "semantic",
            "same_claim": False,
            "differences": [{"kind": "number", "old": "", "new": "2000"}],
            "verdict": None,
            "external": [
                {"publisher": "Civic Check", "rating": "False", "url": "https://civic.example/1"}
            ],
        }
    ]
}


def test_an_external_review_and_an_unstated_figure_read_as_sentences(page: Page) -> None:
    page.route(
        "**/similar-stub/**",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(ANSWER)
        ),
    )
    page.goto("/login/")
    page.evaluate(
        """async () => {
            const { createCheckedBefore } = await import("/static/annotations/checked-before.js");
            const section = document.createElement("section");
            section.id = "stub";
            section.innerHTML =
                "<p data-checked-before-status></p><ol data-checked-before-list></ol>";
            document.body.append(section);
            createCheckedBefore(section, { url: "/similar-stub/", labels: [] }).lookup("nurses");
        }"""
    )
    item = page.locator("#stub .checked-before__item")
    expect(item).to_contain_text("Differs: figure not stated → 2000")
    review = item.locator(".checked-before__meta").filter(has_text="their review")
    # The publisher and its rating are one item of the flex line: no gap before the colon.
    expect(review.locator(":scope > span").first).to_have_text("Civic Check: False")
