"""The API reference renders from our own schema and static files, within the page's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_api_reference_renders_every_endpoint_group(page: Page) -> None:
    response = page.goto("/api/docs/")

    assert response is not None and response.ok
    policy = response.headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    expect(page.get_by_text("factcheck API").first).to_be_visible(timeout=20_000)
    body = page.locator("#swagger-ui")
    for path in (
        "/api/v1/annotations/",
        "/api/v1/units/{id}/decide/",
        "/api/v1/verdicts/export.csv",
        "/api/v1/agreement/",
    ):
        expect(body).to_contain_text(path)
