"""Claim memory in a real browser: the desk published a verdict on a claim in article A; a
reviewer selects a sentence of article B that restates it in other words and sees it under
"Checked before" with its verdict; an editor then links B's unit as the same claim in one
click, and B appears in the claim's page and in the ClaimReview export's appearances."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import ClaimLink, ClaimUnit, Source
from annotations.selectors.claim_matching import claims_similar
from annotations.services.claims import claim_create_from_unit
from annotations.services.reviews import review_submit
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, fill_claim, panel
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    claims_reviewed,
    unit_decided_and_published,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLAIM = "Shelling killed 219 civilians in Aleppo on 13 November."
RESTATED = "219 civilians were killed by shelling in Aleppo on 13 November."
TEXT_A = f"Strikes on the city\n\nThe war went on. {CLAIM} Talks resume next week."
TEXT_B = (
    "A week of talks\n\n"
    f"Delegations met in Geneva on Monday. {RESTATED} The envoy called for a ceasefire.\n\n"
    "A second round is planned for December."
)


def test_a_reviewer_sees_the_claim_checked_before_and_an_editor_links_it(page: Page) -> None:
    bob = ReviewerFactory(username="bob")
    ReviewerFactory(username="alice")
    eddie = EditorFactory(username="eddie")
    article_a = ArticleFactory(
        title="Strikes on the city", text=TEXT_A, source_url="https://news.example/strikes"
    )
    claims_reviewed(article_a, {CLAIM: "false"}, reviewer=bob, sources=True)
    unit_a = ClaimUnit.objects.get(article=article_a)
    published = unit_decided_and_published(unit_a, eddie, claim_reviewed=CLAIM)
    published.sources.set(Source.objects.filter(annotation__article=article_a))
    claim = claim_create_from_unit(unit=unit_a, editor=eddie)
    # The live server runs in this process: its matching index (and the embedding model) is
    # loaded here once, as a web process's first query would, rather than inside the timeout.
    claims_similar(eddie, CLAIM)
    article_b = ArticleFactory(
        title="A week of talks", text=TEXT_B, source_url="https://news.example/talks"
    )

    # The reviewer selects the restated sentence in article B: the panel lists the claim.
    login(page, "alice")
    open_article(page, article_b.pk)
    start = article_b.text.index(RESTATED)
    drag_select(page, article_b.text, start, start + len(RESTATED))
    page.get_by_role("button", name="Annotate").click()
    checked = panel(page).locator("#checked-before")
    expect(checked).to_be_visible()
    expect(checked.locator("[data-checked-before-status]")).to_have_text(
        "1 earlier claim like this one."
    )
    match = checked.locator(f'.checked-before__item[data-claim-id="{claim.pk}"]')
    expect(match).to_contain_text("Same claim")
    expect(match).to_contain_text(CLAIM)
    expect(match).to_contain_text("Checked before: False")
    expect(match.get_by_role("link", name="the desk's verdict")).to_have_attribute(
        "href", f"http://{page.url.split('/')[2]}/verdicts/{published.pk}/"
    )
    expect(match).to_contain_text("Police statistics (false)")  # the verdict's source
    # Typing goes on while the list is shown.
    fill_claim(page, verdict="False", rationale="The monitor counted 219.")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()
    alice = ReviewerFactory._meta.model.objects.get(username="alice")
    review_submit(article=article_b, reviewer=alice)
    unit_b = ClaimUnit.objects.get(article=article_b)

    # The editor links B's unit as the same claim, in one click.
    page.context.clear_cookies()
    login(page, "eddie")
    page.goto(f"/review/units/{unit_b.pk}/")
    offered = page.locator(f'.claim-match[data-claim-id="{claim.pk}"]')
    expect(offered).to_contain_text("Checked before: False")
    offered.get_by_role("button", name="Same claim").click()
    expect(page.locator("#claim-link")).to_contain_text(f"This unit states claim C{claim.pk}")
    link = ClaimLink.objects.get(unit=unit_b)
    assert (link.claim_id, link.relation) == (claim.pk, "same")

    # B is one of the claim's appearances, on its page and in the ClaimReview export.
    page.get_by_role("link", name=f"C{claim.pk}", exact=True).click()
    expect(page.locator(f'.claim-appearance[data-article-id="{article_b.pk}"]')).to_contain_text(
        "A week of talks"
    )
    feed = page.request.get("/api/v1/verdicts/claimreview/").json()["@graph"]
    appearances = [review["itemReviewed"]["appearance"] for review in feed]
    assert [[(work["url"], work["headline"]) for work in works] for works in appearances] == [
        [
            ("https://news.example/strikes", "Strikes on the city"),
            ("https://news.example/talks", "A week of talks"),
        ]
    ]
