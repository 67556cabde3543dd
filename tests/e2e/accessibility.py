"""axe-core in the browser tests: the WCAG 2.1 A and AA rules run on the page as a reader sees it.

axe-core comes from the npm registry, pinned with its integrity hash in
tests/e2e/axe/package-lock.json and installed by `make test` (`make axe`). It is evaluated
through the DevTools protocol rather than added as a <script> element, so the pages keep their
Content-Security-Policy (no inline script) and the test checks the page exactly as it is served.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypedDict

from playwright.sync_api import Page

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


class Violation(TypedDict):
    id: str
    impact: str
    help: str
    targets: list[str]
    summary: str  # axe's explanation for the first node (for contrast: the colours and ratio)


@cache
def _axe_source() -> str:
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `make axe` (npm ci in tests/e2e/axe)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page, *, impacts: tuple[str, ...] = BLOCKING) -> list[Violation]:
    """The page's violations of WCAG 2.1 A/AA rules with one of `impacts`, as short records."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source() + "\n;undefined")
    # Colours are judged once what is fading in has arrived: mid-way through the panel's
    # 160 ms slide-in, its text is blended with the page and fails contrast for no real reader.
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)"
        ".map((a) => a.finished.catch(() => null)))"
    )
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        Violation(
            id=violation["id"],
            impact=violation["impact"],
            help=violation["help"],
            targets=[", ".join(node["target"]) for node in violation["nodes"]],
            summary=violation["nodes"][0].get("failureSummary", "") if violation["nodes"] else "",
        )
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]
