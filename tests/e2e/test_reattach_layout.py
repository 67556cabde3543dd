"""/reattach/ looks like the rest of the desk (issue 15's walk found it styled unlike it): its
section headings are the desk's, each article's lost highlights one bordered list as on the
article list, the lost passage marked as the article page marks one; no axe violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login
from tests.e2e.test_revisions import CLAIM, REWORDED, orphan_of
from tests.factories import ArticleFactory, EditorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BROWSER_YELLOW = "rgb(255, 255, 0)"


def _style(page: Page, selector: str, *properties: str) -> dict[str, str]:
    return page.eval_on_selector(
        selector,
        "(node, names) => Object.fromEntries("
        "names.map((name) => [name, getComputedStyle(node).getPropertyValue(name)]))",
        list(properties),
    )


def test_the_reattach_page_wears_the_desks_headings_lists_and_marks(page: Page) -> None:
    EditorFactory(username="eddie")
    article = ArticleFactory(title="Council budget")
    orphan_of(article, "alice", quote=CLAIM, replacement=REWORDED)
    login(page, "eddie")

    page.goto("/reattach/")

    heading = _style(page, ".reattach-group .section-heading", "font-size", "font-weight")
    assert heading == {"font-size": "16px", "font-weight": "650"}
    title_link = _style(page, ".reattach-group .section-heading a", "text-decoration-line")
    assert title_link["text-decoration-line"] == "none"
    mark = _style(page, ".orphan__quote mark", "background-color")
    assert mark["background-color"] != BROWSER_YELLOW
    # The lost highlights' list is framed as the article list is, on the page's width.
    page.goto("/")
    article_list = _style(page, ".article-list", "border-top-width", "border-radius")
    list_box = page.locator(".article-list").bounding_box()
    page.goto("/reattach/")
    assert _style(page, ".orphan-list", "border-top-width", "border-radius") == article_list
    orphan_box = page.locator(".orphan-list").bounding_box()
    assert list_box and orphan_box
    assert (orphan_box["x"], orphan_box["width"]) == (list_box["x"], list_box["width"])
    assert axe_violations(page) == []
