"""axe-core's WCAG 2.1 A/AA rules on every page of the desk, signed in as its editor and as a
reviewer, on the demo desk (articles, reviews, a decided and a published verdict, claim memory,
other fact-checkers' reviews): no serious or critical violation."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from annotations.models import (
    Annotation,
    Article,
    Claim,
    ClaimUnit,
    ExternalFactCheck,
    Source,
    Verdict,
)
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}: {line}" for path, lines in problems.items() for line in lines)


def _problems(page: Page, paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        if violations:
            found[path] = [
                f"{v['id']} ({v['impact']}): {v['targets'][:3]} {v['summary']}" for v in violations
            ]
    return found


def test_the_editors_pages_have_no_serious_accessibility_violation(page: Page) -> None:
    call_command("load_demo_desk")
    article = Article.objects.order_by("id").first()
    unit = ClaimUnit.objects.order_by("id").first()
    assert article is not None and unit is not None
    verdict = Verdict.objects.filter(is_published=True).first()
    claim = Claim.objects.order_by("id").first()
    fact_check = ExternalFactCheck.objects.order_by("id").first()
    source = Source.objects.order_by("id").first()
    assert verdict and claim and fact_check and source
    # Bruno kept a speaker the desk was unsure of: the unit page's note on it.
    unsure = Annotation.objects.get(reviewer__username="bruno", speaker="Lena Holm")
    login(page, "editor", "factcheck-demo")

    problems = _problems(
        page,
        [
            "/",
            f"/articles/{article.pk}/",
            "/articles/import/",
            "/review/",
            f"/review/units/{unit.pk}/",
            f"/review/units/{verdict.unit_id}/",
            f"/review/units/{unsure.unit_id}/",
            "/agreement/",
            "/search/?q=bus",
            "/reattach/",
            f"/claims/{claim.pk}/",
            "/fact-checks/",
            f"/fact-checks/{fact_check.pk}/",
            "/fact-checks/import/",
            f"/sources/{source.pk}/archive/",
            "/account/",
            f"/verdicts/{verdict.pk}/",
        ],
    )

    assert problems == {}, _report(problems)


def test_the_reviewers_pages_and_the_login_page_have_no_serious_accessibility_violation(
    page: Page,
) -> None:
    call_command("load_demo_desk")
    article = Article.objects.order_by("id").first()
    assert article is not None
    problems = _problems(page, ["/login/"])
    login(page, "alice", "factcheck-demo")

    problems |= _problems(page, ["/", f"/articles/{article.pk}/", "/assignments/", "/search/"])

    assert problems == {}, _report(problems)
