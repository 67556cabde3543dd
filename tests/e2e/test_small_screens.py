"""The desk's pages fit a 360-pixel phone (walk 19, finding 20): nothing widens the page past the
screen, so nothing is cut off or reached only by scrolling sideways. Wide tables scroll within
their card. A 100-character token name does not widen the account page, even on a wide screen."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page

from annotations.models import Article, ClaimUnit, WebhookSubscription
from annotations.services.tokens import personal_token_create
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
LONG_TOKEN_NAME = "N" * 100


def _overflowing(page: Page, paths: list[str]) -> dict[str, int]:
    """The paths whose page is wider than the window, with the page's width."""
    wide = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > page.evaluate("() => window.innerWidth"):
            wide[path] = width
    return wide


def _desk_with_long_names() -> None:
    call_command("load_demo_desk")
    editor = User.objects.get(username="editor")
    personal_token_create(user=User.objects.get(username="alice"), name=LONG_TOKEN_NAME)
    WebhookSubscription.objects.create(
        created_by=editor,
        url="https://receiver.example.org/hooks/factcheck/verdicts/a/long/path/that/keeps/going",
        events=[event for event, _ in WebhookSubscription.Event.choices],
        description="Newsroom CMS integration for the print edition and the newsletter " * 2,
        secret_salt="s" * 32,
    )


def test_the_editors_pages_fit_a_phone(page: Page) -> None:
    _desk_with_long_names()
    article = Article.objects.order_by("id").first()
    unit = ClaimUnit.objects.order_by("id").first()
    assert article is not None and unit is not None
    page.set_viewport_size(PHONE)
    login(page, "editor", "factcheck-demo")
    page.goto(f"/articles/{article.pk}/")
    assert page.locator(".agreement-card").count() == 1

    wide = _overflowing(
        page,
        [
            "/notifications/",
            "/fact-checks/",
            "/webhooks/",
            "/agreement/",
            f"/articles/{article.pk}/",
            f"/review/units/{unit.pk}/",
            "/review/ready/",
            "/account/",
        ],
    )

    assert wide == {}


def test_a_long_token_name_fits_a_phone_and_a_wide_screen(page: Page) -> None:
    _desk_with_long_names()
    login(page, "alice", "factcheck-demo")
    page.goto("/account/")
    assert page.get_by_role("cell", name=LONG_TOKEN_NAME).count() == 1

    assert _overflowing(page, ["/account/"]) == {}
    page.set_viewport_size(PHONE)
    assert _overflowing(page, ["/account/", "/notifications/", "/fact-checks/"]) == {}
