"""End-to-end fixtures: a real Chromium (Debian's) driven through Playwright's sync API.

Playwright's sync API runs an event loop in the test thread, which makes Django think the ORM is
being called from async code; the tests are synchronous, so that check is switched off, but only
while a module of these tests runs: set for the whole session, the variable would leak into other
tests (and into the subprocesses they start, where `check --deploy` rightly refuses it). The
browser is started per module for the same reason: once it stops, no event loop is left running.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from tests.factories import PASSWORD

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1440, "height": 900}

# Reports Content-Security-Policy violations to the test (page scripts cannot: CSP would block).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__factcheckCspViolation(`${event.violatedDirective} blocked ${blocked} at ${where}`);
});
"""


@pytest.fixture(scope="module", autouse=True)
def allow_orm_beside_playwright_loop() -> Iterator[None]:
    """Module-scoped, so it is set before any function-scoped database fixture runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def playwright_instance(allow_orm_beside_playwright_loop: None) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@dataclass
class BrowserProblems:
    """Console errors, uncaught exceptions and CSP violations seen during one test."""

    errors: list[str] = field(default_factory=list)
    expected: list[re.Pattern[str]] = field(default_factory=list)

    def expect(self, pattern: str) -> None:
        """Allow console errors matching `pattern` (e.g. the browser's log of an expected 400)."""
        self.expected.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.expected)]


@pytest.fixture
def browser_problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture
def page(
    browser: Browser, live_server, transactional_db, browser_problems: BrowserProblems
) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    context.expose_function(
        "__factcheckCspViolation", lambda text: browser_problems.errors.append(f"CSP: {text}")
    )
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            browser_problems.errors.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: browser_problems.errors.append(f"page error: {error}"))
    yield page
    context.close()
    problems = browser_problems.unexpected()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def open_article(page: Page, article_id: int) -> None:
    page.goto(f"/articles/{article_id}/")
    page.wait_for_selector("#article-page[data-ready='true']")
