"""The archived copy of a cited source, in Chromium (issue 14): the reviewer opens it from
its page, and the captured page, which tries to run script, reach the desk and load from
elsewhere, runs nothing, loads nothing and cannot read the desk's cookies."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation, SourceCapture
from annotations.services import evidence
from annotations.services.annotations import SourceInput, TargetInput, annotation_create
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, fill_claim, panel, sidebar_item
from tests.evidence_site import SourcesSite
from tests.factories import ArticleFactory, ReviewerFactory, verdict

pytestmark = pytest.mark.e2e


def test_the_captured_page_runs_no_script_and_cannot_touch_the_desk(
    page: Page, sources_site: str, browser_problems
) -> None:
    # What the sandbox blocks is reported by the browser: expected here, and checked below.
    browser_problems.expect(r"Content Security Policy|sandbox|CSP:|Blocked script")
    reviewer = ReviewerFactory()
    article = ArticleFactory(text="Exports rose by 4 percent, the ministry said.")
    exact = "Exports rose by 4 percent"
    annotation = annotation_create(
        reviewer=reviewer,
        article=article,
        target=TargetInput(exact=exact, start=0, end=len(exact)),
        verdict=verdict("true"),
        sources=[SourceInput(url=f"{sources_site}/scripted", title="Ministry figures")],
    )
    source = annotation.sources.get()

    login(page, reviewer.username)
    page.goto(f"/sources/{source.pk}/archive/")
    expect(page.get_by_role("heading", name="Archived copy: Ministry figures")).to_be_visible()
    expect(page.locator("[data-capture-status='captured']")).to_contain_text("Archived")
    assert any(c["name"] == "sessionid" for c in page.context.cookies())

    with page.context.expect_page() as opened:
        page.get_by_role("link", name=re.compile("The page as captured")).click()
    replay = opened.value
    replay.wait_for_load_state("load")
    expect(replay.locator("#claim")).to_have_text("Exports rose by 4 percent.")
    assert replay.title() == "Original title"  # the page's script did not run
    assert replay.evaluate("document.body.dataset.ran") is None  # nor its onload handler
    cookie = replay.evaluate(
        "() => { try { return document.cookie; } catch (error) { return error.name; } }"
    )
    assert cookie == "SecurityError"  # an opaque origin: no cookie of the desk's to read
    # Nothing was loaded from the original site (nor from the desk: default-src 'none').
    assert SourcesSite.requested == ["/scripted"]
    replay.close()


def test_a_cited_source_shows_its_archived_copy_once_captured(
    page: Page, sources_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker's part is played by the test: the task is held back after the save, so the
    # page first sees the capture pending, then (without a reload) the archived copy.
    monkeypatch.setattr(evidence, "task_send_after_commit", lambda send, what: None)
    reviewer = ReviewerFactory()
    article = ArticleFactory(text="The statistics office says crime fell by 12 percent.")
    exact = "crime fell by 12 percent"
    start = article.text.index(exact)
    login(page, reviewer.username)
    open_article(page, article.pk)

    drag_select(page, article.text, start, start + len(exact))
    page.get_by_role("button", name="Annotate").click()
    fill_claim(page, verdict="True", source_url=f"{sources_site}/report", source_title="Report")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()
    item = sidebar_item(page, Annotation.objects.get(reviewer=reviewer).pk)
    expect(item).to_contain_text("1 source · 1 being archived")

    evidence.source_capture(capture_id=SourceCapture.objects.get().pk)
    expect(item).to_contain_text("1 source · 1 archived")

    item.get_by_role("button", name=re.compile("Edit highlight")).click()
    archived = panel(page).locator(".source-row__capture").get_by_role("link")
    expect(archived).to_have_text(re.compile(r"^Archived .*2\d{3}"))
    with page.context.expect_page() as opened:
        archived.click()
    copy = opened.value
    expect(copy.locator(".capture-text")).to_contain_text("Recorded crime fell by 12 percent")
    copy.close()

    # Editing the URL hides the line: the copy shown is of the URL that was saved.
    panel(page).locator(".source-row").get_by_label("URL").fill(f"{sources_site}/latin1")
    expect(panel(page).locator(".source-row__capture")).to_be_hidden()
