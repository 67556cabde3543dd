"""Unpublish and "Confirm it is gone" ask first, in a dialog the keyboard works (issue 15: both
acted in one click, with no way back)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import AnnotationAnchor, ClaimUnit, Verdict
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login
from tests.e2e.test_revisions import CLAIM, REWORDED, orphan_of
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    claims_reviewed,
    unit_decided_and_published,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSAGE = "Crime fell by 30% last year."


def test_unpublishing_asks_first_and_escape_keeps_the_verdict_published(page: Page) -> None:
    eddie = EditorFactory(username="eddie")
    article = ArticleFactory(text=f"Town hall\n\nThe mayor said: {PASSAGE} Nobody checked.")
    claims_reviewed(article, {PASSAGE: "false"}, reviewer=ReviewerFactory(username="bob"))
    unit = ClaimUnit.objects.get(article=article)
    verdict = unit_decided_and_published(unit, eddie)
    login(page, "eddie")
    page.goto(f"/review/units/{unit.pk}/")

    page.get_by_role("button", name="Unpublish").click()
    dialog = page.get_by_role("dialog", name="Unpublish this verdict?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    verdict.refresh_from_db()
    assert verdict.is_published
    expect(page.get_by_role("button", name="Unpublish")).to_be_enabled()

    page.get_by_role("button", name="Unpublish").click()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Unpublish")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#public-page")).to_have_count(0)
    assert not Verdict.objects.get(pk=verdict.pk).is_published


def test_confirming_a_highlight_gone_asks_first(page: Page) -> None:
    article = ArticleFactory()
    _, orphan = orphan_of(article, "alice", quote=CLAIM, replacement=REWORDED)
    login(page, "alice")
    page.goto("/reattach/")

    page.get_by_role("button", name="Confirm it is gone").click()
    dialog = page.get_by_role("dialog", name="Confirm this highlight is gone?")
    expect(dialog).to_contain_text(CLAIM)
    dialog.get_by_role("button", name="Cancel").click()
    orphan.refresh_from_db()
    assert orphan.status == AnnotationAnchor.Status.ORPHANED

    page.get_by_role("button", name="Confirm it is gone").click()
    dialog.get_by_role("button", name="Confirm it is gone").click()

    expect(page.locator(f"#orphan-{orphan.pk}")).to_have_count(0)
    orphan.refresh_from_db()
    assert orphan.status == AnnotationAnchor.Status.GONE
