"""The header's navigation (walk 18, findings 2 and 6): an editor's nav holds nine items. Every
item is in sight at every width, in every language: beside the brand where it fits, on a row of
its own where it does not, behind a menu button on a narrow screen. The page the reader is on is
marked, and the sticky parts of pages sit under the header, however tall."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import login
from tests.factories import PASSWORD, ArticleFactory, EditorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (390, 768, 1280, 1920)
NARROW = 720

# For each nav link: its box inside the viewport, and not cut by any ancestor that clips.
LINKS_IN_SIGHT = """() => [...document.querySelectorAll(".site-nav__link")].map((link) => {
  const box = link.getBoundingClientRect();
  const inside = (outer) => box.left >= outer.left - 1 && box.right <= outer.right + 1
    && box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1;
  let clipped = !inside({left: 0, top: 0, right: innerWidth, bottom: innerHeight});
  for (let node = link.parentElement; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowX !== "visible" || style.overflowY !== "visible") {
      clipped ||= !inside(node.getBoundingClientRect());
    }
  }
  const shown = box.width > 0 && box.height > 0 && link.scrollWidth <= link.clientWidth + 1;
  return {text: link.textContent.trim(), inSight: shown && !clipped};
})"""


def _choose_language(page: Page, language: str) -> None:
    page.locator("#language-switch").select_option(language)
    page.locator(".language-switch button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def _links_out_of_sight(page: Page) -> list[str]:
    return [link["text"] for link in page.evaluate(LINKS_IN_SIGHT) if not link["inSight"]]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_nav_item_is_in_sight_or_in_the_menu_at_every_width(
    page: Page, language: str
) -> None:
    EditorFactory(username="eddie", is_staff=True)
    login(page, "eddie")
    _choose_language(page, language)
    toggle = page.locator(".site-nav__toggle")
    current = page.locator('.site-nav__link[aria-current="page"]')

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/webhooks/")
        assert page.locator(".site-nav__link").count() == 9
        if width <= NARROW:
            expect(toggle).to_be_visible()
            expect(toggle).to_have_attribute("aria-expanded", "false")
            expect(current).to_be_hidden()
            toggle.click()
            expect(toggle).to_have_attribute("aria-expanded", "true")
        else:
            expect(toggle).to_be_hidden()
        assert _links_out_of_sight(page) == [], (language, width)
        expect(current).to_have_attribute("href", "/webhooks/")
        expect(current).to_have_css("color", "rgb(49, 57, 168)")


def test_the_menu_works_from_the_keyboard_and_closes_on_escape(page: Page) -> None:
    EditorFactory(username="eddie")
    page.set_viewport_size({"width": 390, "height": 800})
    login(page, "eddie")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-controls", "site-nav-list")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Articles", exact=True)).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(page.get_by_role("link", name="Articles", exact=True)).to_be_hidden()

    toggle.click()
    page.get_by_role("link", name="Agreement").click()
    page.wait_for_url("**/agreement/")
    expect(page.locator('.site-nav__link[aria-current="page"]')).to_have_text("Agreement")


def test_the_menu_button_sits_after_the_brand_in_either_direction(page: Page) -> None:
    EditorFactory(username="eddie")
    page.set_viewport_size({"width": 390, "height": 800})
    login(page, "eddie")
    brand = page.locator(".brand").bounding_box()
    toggle = page.locator(".site-nav__toggle").bounding_box()
    assert brand and toggle and toggle["x"] >= brand["x"] + brand["width"]

    _choose_language(page, "ar")
    brand = page.locator(".brand").bounding_box()
    toggle = page.locator(".site-nav__toggle").bounding_box()
    assert brand and toggle and toggle["x"] + toggle["width"] <= brand["x"]
    page.locator(".site-nav__toggle").click()
    menu = page.locator(".site-nav__list").bounding_box()
    first = page.locator(".site-nav__link").first.bounding_box()
    assert menu and first
    # Right to left: the items line up on the right-hand edge of the open menu.
    assert abs((first["x"] + first["width"]) - (menu["x"] + menu["width"])) < 16


def test_the_nav_takes_a_row_of_its_own_and_sticky_parts_stay_under_the_header(
    page: Page,
) -> None:
    EditorFactory(username="eddie")
    article = ArticleFactory(text="\n\n".join(["A paragraph of the article. " * 30] * 12))
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "eddie")
    page.goto(f"/articles/{article.pk}/")
    header = page.locator(".site-header")
    expect(header).to_have_class("site-header site-header--stacked")
    nav = page.locator(".site-nav").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert nav and brand and nav["y"] >= brand["y"] + brand["height"]

    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 1000")
    header_bottom = page.evaluate(
        "document.querySelector('.site-header').getBoundingClientRect().bottom"
    )
    sidebar_top = page.evaluate("document.querySelector('.sidebar').getBoundingClientRect().top")
    assert sidebar_top >= header_bottom, (sidebar_top, header_bottom)


def test_a_reviewer_s_short_nav_stays_beside_the_brand(page: Page) -> None:
    EditorFactory(username="rita", role="reviewer")
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "rita")
    expect(page.locator(".site-header")).to_have_class("site-header")
    nav = page.locator(".site-nav").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert (
        nav and brand and abs(nav["y"] + nav["height"] / 2 - (brand["y"] + brand["height"] / 2)) < 4
    )


def test_without_scripts_the_nav_wraps_with_every_item_in_sight(
    browser: Browser, live_server
) -> None:
    EditorFactory(username="eddie", is_staff=True)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Username").fill("eddie")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
    expect(page.locator(".site-nav__toggle")).to_be_hidden()
    assert _links_out_of_sight(page) == []
    context.close()


def test_on_a_phone_a_rating_linked_to_lands_below_the_public_site_s_taller_header(
    browser: Browser, live_server
) -> None:
    # The public site runs no script: nothing measures its header, which wraps onto two rows.
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 600}
    )
    page = context.new_page()
    page.goto("/scale/#mostly-true")
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")
    target = page.evaluate("document.querySelector(':target').getBoundingClientRect().top")
    assert header > 90 and target >= header, (header, target)
    context.close()
