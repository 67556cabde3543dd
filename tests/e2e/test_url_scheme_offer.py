"""An address typed without its scheme ("abcnews.go.com/...") is offered https:// (issue 15),
on the import form and on a highlight's source rows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation, Article
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import fill_claim, panel, passage_annotated
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADDRESS = "stats.example.org/budgets"


def test_the_import_forms_original_url_is_offered_https(page: Page) -> None:
    EditorFactory(username="eddie")
    login(page, "eddie")
    page.goto("/articles/import/")

    page.get_by_label("Paste the article's text").fill("Budget approved\n\nThe council voted.")
    page.get_by_label("Original URL").fill(ADDRESS)
    page.get_by_label("Publisher").click()
    expect(page.locator(".scheme-offer")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Use https://{ADDRESS}").click()
    page.get_by_role("button", name="Import article").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    assert Article.objects.get().source_url == f"https://{ADDRESS}"


def test_a_source_url_without_its_scheme_is_offered_https(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    passage_annotated(page, article.text, article.text.split("\n\n")[1])

    fill_claim(page, verdict="False", source_url=ADDRESS, source_title="Budget records")
    panel(page).get_by_role("button", name=f"Use https://{ADDRESS}").click()
    panel(page).get_by_role("button", name="Save").click()

    expect(panel(page)).to_be_hidden()
    assert Annotation.objects.get().sources.get().url == f"https://{ADDRESS}"
