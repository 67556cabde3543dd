from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Article
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login
from tests.factories import EditorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = "Budget approved\n\nThe council approved a budget of 12 million euros on Tuesday."


def test_editor_imports_an_article_by_pasting_its_text(page: Page) -> None:
    EditorFactory(username="eddie")
    login(page, "eddie")

    # From the article list's button (the header keeps to the desk's sections).
    page.get_by_role("link", name="Import article").first.click()
    expect(page.get_by_role("tab", name="Paste text")).to_have_attribute("aria-selected", "true")
    page.get_by_label("Paste the article's text").fill(TEXT)
    page.get_by_label("Title").fill("Council approves budget")
    page.get_by_role("button", name="Import article").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    expect(page.get_by_role("heading", name="Council approves budget", level=1)).to_be_visible()
    expect(page.locator("p.paragraph").nth(1)).to_have_text(
        "The council approved a budget of 12 million euros on Tuesday."
    )
    assert Article.objects.get().text == TEXT


def test_only_the_chosen_tab_is_sent_when_importing_a_file(page: Page, tmp_path) -> None:
    EditorFactory(username="eddie")
    upload = tmp_path / "budget.txt"
    upload.write_text("From the file\n\nThe file's only claim.", encoding="utf-8")
    login(page, "eddie")
    page.goto("/articles/import/")

    page.get_by_label("Paste the article's text").fill("Typed, then abandoned.")
    page.get_by_role("tab", name="Upload a file").click()
    expect(page.get_by_label("Paste the article's text")).to_be_hidden()
    page.get_by_label("Or upload a file").set_input_files(str(upload))
    page.get_by_label("Title").fill("From a file")
    page.get_by_role("button", name="Import article").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    assert Article.objects.get().text == "From the file\n\nThe file's only claim."


def test_importing_without_text_shows_the_forms_error(page: Page) -> None:
    EditorFactory(username="eddie")
    login(page, "eddie")
    page.goto("/articles/import/")

    page.get_by_role("button", name="Import article").click()

    # The error sits under the paste box, the tab in view.
    expect(page.locator("#id_text_error")).to_contain_text("exactly one")
    expect(page.get_by_role("tab", name="Paste text")).to_have_attribute("aria-selected", "true")
    assert not Article.objects.exists()


def test_an_error_on_a_file_import_keeps_the_file_and_the_tab(page: Page, tmp_path) -> None:
    EditorFactory(username="eddie")
    upload = tmp_path / "wire.txt"
    upload.write_text("Port strike ends\nDock workers returned on Friday.\n", encoding="utf-8")
    login(page, "eddie")
    page.goto("/articles/import/")

    page.get_by_role("tab", name="Upload a file").click()
    page.get_by_label("Or upload a file").set_input_files(str(upload))
    page.get_by_label("Original URL").fill("ftp://example.org/wire")
    page.get_by_role("button", name="Import article").click()

    expect(page.get_by_role("tab", name="Upload a file")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#kept-upload")).to_contain_text("wire.txt")
    assert axe_violations(page) == []
    page.get_by_label("Original URL").fill("https://example.org/wire")
    page.get_by_role("button", name="Import article").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    assert Article.objects.get().text == "Port strike ends\n\nDock workers returned on Friday."


def test_preview_takes_the_headline_as_the_title_before_saving(page: Page) -> None:
    EditorFactory(username="eddie")
    login(page, "eddie")
    page.goto("/articles/import/")

    page.get_by_label("Paste the article's text").fill("Budget approved\nThe council voted.\n")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#import-preview")).to_contain_text("looks like a headline")
    page.get_by_label("Take the first line as the headline").check()
    page.get_by_role("button", name="Preview").click()

    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("Budget approved")
    expect(preview).to_contain_text("1 paragraph")
    assert axe_violations(page) == []
    assert not Article.objects.exists()
    page.get_by_role("button", name="Import article").click()

    expect(page.get_by_role("heading", name="Budget approved", level=1)).to_be_visible()
    assert Article.objects.get().text == "The council voted."
