"""The header's navigation (issue 17): an editor's nav holds nine items, and in French, Spanish
or Arabic at 1280 pixels it is wider than the header's room, so it scrolls sideways. The page
the reader is on is never hidden by that scroll: its item is in view, in either direction."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login
from tests.factories import EditorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _in_view(page: Page) -> dict[str, float]:
    return page.evaluate(
        """() => {
          const nav = document.querySelector(".site-nav").getBoundingClientRect();
          const link = document.querySelector('.site-nav__link[aria-current="page"]')
            .getBoundingClientRect();
          return {navLeft: nav.left, navRight: nav.right, left: link.left, right: link.right,
                  scrolls: document.querySelector(".site-nav").scrollWidth >
                           document.querySelector(".site-nav").clientWidth};
        }"""
    )


@pytest.mark.parametrize("language", ["ar", "fr", "es"])
def test_the_current_page_s_item_is_in_view_when_the_nav_scrolls(page: Page, language) -> None:
    EditorFactory(username="eddie")
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "eddie")
    page.locator("#language-switch").select_option(language)
    page.locator(".language-switch button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)

    for path in ("/webhooks/", "/agreement/", "/"):
        page.goto(path)
        box = _in_view(page)
        assert box["left"] >= box["navLeft"] - 1 and box["right"] <= box["navRight"] + 1, (
            path,
            box,
        )
    # The case this guards: at this width, in these languages, the nav does not fit.
    page.goto("/webhooks/")
    assert _in_view(page)["scrolls"]
