"""An editor registers a partner's webhook, copies its secret, sends a test event and reads the
delivery log; disabling asks first. Every page passes axe."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from annotations.core.webhooks import signature_verify
from annotations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from annotations.services.webhooks import webhook_subscription_create
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login
from tests.factories import EditorFactory
from tests.webhook_receiver import FAIL, receiving

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 2


def test_an_editor_registers_a_webhook_sends_a_test_event_and_reads_the_log(page: Page) -> None:
    EditorFactory(username="eddie")
    login(page, "eddie")
    with receiving(FAIL) as receiver:
        page.get_by_role("link", name="Webhooks").click()
        expect(page.get_by_role("heading", name="Webhooks", level=1)).to_be_visible()
        assert axe_violations(page) == []

        page.get_by_label("Receiver URL").fill(receiver.url)
        page.get_by_label("A published verdict is corrected").uncheck()
        page.get_by_label("Description").fill("Partner A")
        page.get_by_role("button", name="Register").click()

        secret_box = page.locator("[data-secret]")
        expect(secret_box).to_be_visible()
        secret = secret_box.inner_text().strip()
        assert secret.startswith("whsec_")
        assert axe_violations(page) == []
        subscription = WebhookSubscription.objects.get()
        assert subscription.events == ["verdict.published", "verdict.withdrawn"]

        # The first test event meets a failing receiver; the second is delivered.
        page.get_by_role("button", name="Send test event").click()
        expect(page.get_by_text("Test event sent")).to_be_visible()
        expect(page.locator("[data-secret]")).to_have_count(0)  # never shown again
        log = page.locator("[data-delivery-log]")
        expect(log).to_contain_text("webhook.test")
        expect(log).to_contain_text("HTTP 500")
        expect(log).to_contain_text("Failed")
        page.get_by_role("button", name="Send test event").click()
        expect(log.locator("[data-delivery]")).to_have_count(2)
        expect(log.locator("[data-delivery]").first).to_contain_text("HTTP 200")
        expect(log.locator("[data-delivery]").first).to_contain_text("Delivered")
        assert axe_violations(page) == []
        received = list(receiver.received)

    assert len(received) == 2
    last = received[-1]
    assert json.loads(last.body)["type"] == "webhook.test"
    assert signature_verify(secret, last.headers["Factcheck-Signature"], last.body, now=time.time())

    # Disabling asks first; Cancel keeps it enabled.
    page.get_by_role("button", name="Disable").click()
    dialog = page.get_by_role("dialog", name="Disable this webhook?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert WebhookSubscription.objects.get().is_enabled
    page.get_by_role("button", name="Disable").click()
    dialog.get_by_role("button", name="Disable").click()
    expect(page.get_by_role("button", name="Enable")).to_be_visible()
    assert not WebhookSubscription.objects.get().is_enabled


# Each word of the delivery log (split at spaces and hyphens only, so "webhook.test" is one)
# whose pieces land on more than one line; the receiver's own answer may break anywhere.
WORDS_BROKEN = """() => {
  const broken = [];
  const table = document.querySelector("[data-delivery-log]");
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest(".webhook-attempts__error, caption")) continue;
    for (const match of node.data.matchAll(/[^\\s-]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def _eddies_webhook_with_a_failed_delivery(event_type: str, response_code: int, error: str = ""):
    """eddie's webhook, one delivery of `event_type` failed once with `response_code`."""
    editor = EditorFactory(username="eddie")
    subscription = webhook_subscription_create(
        editor=editor, url="http://127.0.0.1:9/hook", events=["verdict.published"]
    ).subscription
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event_id=uuid.uuid4(),
        event_type=event_type,
        status=WebhookDelivery.Status.FAILED,
        attempts=1,
    )
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=1,
        started_at=timezone.now(),
        duration_ms=7,
        succeeded=False,
        response_code=response_code,
        error=error,
    )
    return subscription


def test_the_webhook_page_s_breadcrumb_and_log_keep_their_layout(page: Page) -> None:
    subscription = _eddies_webhook_with_a_failed_delivery(
        "webhook.test",
        501,
        "HTTP 501: " + "<p>Error code: 501, server does not support this</p>" * 4,
    )
    login(page, "eddie")
    for width in (1400, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/webhooks/{subscription.pk}/")
        crumbs = page.locator(".breadcrumb__list li")
        expect(page.locator(".breadcrumb__list")).to_have_css("list-style-type", "none")
        first, second = crumbs.nth(0).bounding_box(), crumbs.nth(1).bounding_box()
        assert first and second and first["y"] == second["y"], width

        assert page.evaluate(WORDS_BROKEN) == [], width
        # On one line where there is room; on a phone, over lines but a label, not a circle.
        pill = page.locator(".webhook-status--failed")
        box = pill.bounding_box()
        assert box
        if width > 640:
            assert box["width"] > 2 * box["height"], (width, box)
        else:
            radius = float(pill.evaluate("(e) => getComputedStyle(e).borderTopLeftRadius")[:-2])
            assert radius < box["height"] / 4 and box["width"] > 60, (radius, box)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), width


def test_the_delivery_log_scrolls_from_the_keyboard_on_a_narrow_screen(page: Page) -> None:
    subscription = _eddies_webhook_with_a_failed_delivery("verdict.published", 503)
    login(page, "eddie")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"/webhooks/{subscription.pk}/")
    log = page.get_by_role("region", name="The latest deliveries, newest first, with each attempt")
    assert log.evaluate("(e) => e.scrollWidth > e.clientWidth"), "the log fits: nothing to test"

    # Tab from the last button before the log reaches it; the arrows then scroll it.
    page.get_by_role("button", name="Delete").focus()
    page.keyboard.press("Tab")
    expect(log).to_be_focused()
    assert log.evaluate("(e) => e.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.webhook-table-wrap').scrollLeft > 0", timeout=2000
    )
    assert axe_violations(page) == []
