"""axe's findings of walk 19 (findings 21 and 22), each rule run on its own where it fired: the
brand link on a phone, the "Save as" buttons' names, the scroll areas on a phone, and the
article page's landmarks. Some of these rules are outside the WCAG tags test_accessibility.py
runs (axe counts label-content-name-mismatch as experimental), so they are named here."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from annotations.models import Article
from tests.e2e.accessibility import _axe_source
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import panel
from tests.e2e.test_suggestions import save_as, suggestion_item, suggestions_shown
from tests.factories import ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}


def _failing(page: Page, rule: str) -> list[str]:
    """The elements that fail axe's `rule` on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source() + "\n;undefined")
    result = page.evaluate(
        "(rule) => axe.run(document, {runOnly: {type: 'rule', values: [rule]}})", rule
    )
    return [", ".join(node["target"]) for v in result["violations"] for node in v["nodes"]]


def test_the_brand_link_keeps_its_name_on_a_phone(page: Page) -> None:
    ReviewerFactory(username="alice")
    page.set_viewport_size(PHONE)
    login(page, "alice")

    expect(page.locator(".brand__name")).not_to_be_in_viewport()
    expect(page.get_by_role("link", name=settings.DESK_NAME, exact=True)).to_be_visible()
    assert _failing(page, "link-name") == []


def test_a_save_as_buttons_name_holds_what_it_shows(page: Page) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")
    suggestion_item(page, found["quote"]).get_by_role("button", name="Accept").click()
    expect(save_as(page, "True")).to_be_visible()

    assert _failing(page, "label-content-name-mismatch") == []
    description = panel(page).locator("#save-as-true-description").inner_text()
    expect(save_as(page, "True")).to_have_accessible_name(f"Save as True {description}")


def test_the_scroll_areas_can_be_reached_with_the_keyboard_on_a_phone(page: Page) -> None:
    call_command("load_demo_desk")
    article = Article.objects.order_by("id").first()
    assert article is not None
    page.set_viewport_size(PHONE)
    login(page, "editor", "factcheck-demo")

    failing = {}
    for path in ["/agreement/", "/review/feedback/reviewers/", f"/articles/{article.pk}/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        failing[path] = _failing(page, "scrollable-region-focusable")

    assert failing == {path: [] for path in failing}


def test_the_article_pages_landmarks_have_names_of_their_own(page: Page) -> None:
    call_command("load_demo_desk")
    article = Article.objects.order_by("id").first()
    assert article is not None
    login(page, "editor", "factcheck-demo")
    open_article(page, article.pk)
    expect(page.locator(".agreement-summary")).to_be_visible()

    assert _failing(page, "landmark-unique") == []
