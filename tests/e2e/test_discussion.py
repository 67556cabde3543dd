"""Discussion and notifications in a real browser: an editor mentions a reviewer in a unit's
thread; the reviewer sees the bell's count, opens the notification and lands on the comment;
the e-mail is in Django's in-memory outbox (the live server runs in this process)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from annotations.models import ClaimUnit, Comment
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import BrowserProblems, login
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, claims_reviewed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLAIM = "Critics say unemployment has doubled since 2020."


def test_a_mention_reaches_the_reviewer_in_the_app_and_by_email(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    EditorFactory(username="eddie")
    article = ArticleFactory(title="City council approves new budget")
    claims_reviewed(article, {CLAIM: "false"}, reviewer=alice)
    claims_reviewed(article, {CLAIM: "mostly-false"})
    unit = ClaimUnit.objects.get(article=article)

    # The editor opens the unit, follows its Discussion link and mentions the reviewer.
    login(page, "eddie")
    page.goto(f"/review/units/{unit.pk}/")
    page.get_by_role("link", name="Discussion").click()
    page.wait_for_url(f"**/discussion/units/{unit.pk}/")
    page.get_by_label("Your comment").fill("@alice could you check the **2020** figure?")
    page.get_by_role("button", name="Add comment").click()
    comment = Comment.objects.get()
    page.wait_for_url(re.compile(rf"/discussion/units/{unit.pk}/#comment-{comment.pk}$"))
    expect(page.locator(f"#comment-{comment.pk} .mention")).to_have_text("@alice")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Log out").click()

    # The reviewer sees one unread notification on the bell, opens it, lands on the comment.
    login(page, "alice")
    bell = page.get_by_role("link", name="Notifications: 1 unread")
    expect(bell).to_be_visible()
    expect(bell.locator(".notification-bell__count")).to_have_text("1")
    bell.click()
    page.wait_for_url("**/notifications/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("eddie mentioned you")).click()
    page.wait_for_url(re.compile(rf"/discussion/units/{unit.pk}/#comment-{comment.pk}$"))
    expect(page.locator(f"#comment-{comment.pk} strong")).to_have_text("2020")
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    page.goto("/notifications/preferences/")
    assert axe_violations(page) == []

    # ... and the e-mail went out once, to her, with a link to the notification.
    [email] = mail.outbox
    assert email.to == [alice.email]
    assert "eddie mentioned you on claim" in email.subject
    assert re.search(r"/notifications/\d+/", email.body)


def test_a_comment_over_the_limit_is_counted_refused_and_kept_whole(
    page: Page, browser_problems: BrowserProblems
) -> None:
    browser_problems.expect(r"status of 400")  # the refusal's page
    EditorFactory(username="eddie")
    article = ArticleFactory(title="City council approves new budget")
    claims_reviewed(article, {CLAIM: "false"})
    claims_reviewed(article, {CLAIM: "mostly-false"})
    unit = ClaimUnit.objects.get(article=article)
    long_comment = "Word " * 2_000 + "and more."  # 10,009 characters

    login(page, "eddie")
    page.goto(f"/discussion/units/{unit.pk}/")
    box = page.get_by_label("Your comment")
    box.fill(long_comment)  # as a paste: the browser would cut it at a maxlength

    assert box.evaluate("(e) => e.value.length") == len(long_comment)
    counter = page.locator("#id_body-count")
    expect(counter).to_have_text("10,009 / 10,000 characters")
    expect(counter).to_have_class(re.compile("is-over"))
    page.get_by_role("button", name="Add comment").click()

    expect(page.get_by_text("Keep a comment under 10,000 characters (10,009 now)")).to_be_visible()
    assert page.get_by_label("Your comment").evaluate("(e) => e.value") == long_comment.strip()
    assert not Comment.objects.exists()
