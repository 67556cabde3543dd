"""The desk in French in Chromium (issue 17): an editor switches the interface from the header,
finds the external fact-checks in the French navigation, has a paste refused by the page's
script in French (the limit written with a decimal comma), imports ClaimReview and reads the
report's counts in French. A reader of the public site in Arabic reads it right to left, with
no serious accessibility violation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from annotations.models import ExternalFactCheck
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login
from tests.factories import EditorFactory, published_verdict

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SINGLE = Path(__file__).parent.parent / "data" / "claimreview-import" / "single.json"


def test_an_editor_switches_to_french_and_imports_claimreview(page: Page, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # 0.25 MB: "0,25 Mo" in French
    EditorFactory(username="eddie")
    login(page, "eddie")

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("navigation", name="Principale").get_by_role(
        "link", name="Vérifications"
    ).click()
    expect(page.get_by_role("heading", name="Vérifications externes", level=1)).to_be_visible()
    page.get_by_role("link", name="Importer du ClaimReview").click()

    expect(page.get_by_role("heading", name="Importer du ClaimReview", level=1)).to_be_visible()
    box = page.get_by_label("Collez un document ClaimReview")
    box.fill("x" * (300 * 1024))
    # The page's script refuses the paste before it is sent, with the server's French words.
    expect(page.locator("#id_text_limit")).to_contain_text("Trop volumineux pour être collé")
    expect(page.locator("#id_text_limit")).to_contain_text("0,25")
    page.get_by_role("button", name="Importer", exact=True).click()
    assert not ExternalFactCheck.objects.exists()

    box.fill(SINGLE.read_text())
    expect(page.locator("#id_text_limit")).to_be_hidden()
    page.get_by_role("button", name="Importer", exact=True).click()

    expect(page.get_by_role("heading", name="Rapport")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Le document a 1 entrée")
    expect(page.locator(".import-report__line--imported .tag")).to_have_text("Importée")
    assert ExternalFactCheck.objects.count() == 1
    # The choice is remembered: the next page is French too.
    page.get_by_role("link", name="Voir les vérifications").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_a_reader_reads_the_public_site_in_arabic_right_to_left(page: Page) -> None:
    published_verdict(claim_reviewed="The harbour budget tripled last year")
    published_verdict(claim_reviewed="The harbour fees doubled")

    page.goto("/verdicts/")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="عمليات التحقق", level=1)).to_be_visible()
    page.get_by_label("ابحث في عمليات التحقق").fill("harbour")
    page.get_by_role("button", name="بحث", exact=True).click()

    # Two results: Arabic's dual, no figure.
    expect(page.locator(".search-summary")).to_contain_text("من عمليتي تحقق")
    expect(page.locator("[data-verdict]")).to_have_count(2)
    page.get_by_role("link", name="The harbour fees doubled").click()
    expect(page.get_by_role("heading", name="حكمنا")).to_be_visible()
    # The claim keeps its own language and direction inside the Arabic page.
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    assert re.search(r"/verdicts/\d+/$", page.url)
    # Right to left, in Arabic: nothing serious for axe-core (contrast, names, languages).
    assert axe_violations(page) == []
