"""The external fact-check pages, the header, the error pages and the login page in French and
Arabic (issue 17): headings, buttons, plural counts and the services' refusals in the reader's
language; numbers shown to readers written as the language writes them (2,5), numbers that are
data (ids, byte counts) left as they are."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from annotations.models import Claim, ExternalFactCheck
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

SINGLE = Path(__file__).parent.parent / "data" / "claimreview-import" / "single.json"
REWORDED = "Since 2024 the price of a bus ticket in Eastford has doubled."


def in_language(client: Client, language: str) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def checks(count: int, first: int = 0) -> list[ExternalFactCheck]:
    claim = Claim.objects.create(text="Bus fares in Eastford have doubled since 2024.")
    return ExternalFactCheck.objects.bulk_create(
        ExternalFactCheck(
            publisher_name=f"Checker {n}",
            url=f"https://checker.example/{n}",
            claim_text=f"Claim number {n}",
            rating_text="False",
            rating_value=2.5,
            best_rating=5,
            worst_rating=1,
            date_published=datetime.date(2026, 11, 12),
            claim=claim,
        )
        for n in range(first, first + count)
    )


def test_the_list_in_french_counts_in_french_plurals_and_writes_decimals_with_a_comma(editor):
    checks(1)
    one = in_language(logged_in(editor), "fr").get("/fact-checks/").content.decode()
    checks(2, first=1)
    three = in_language(logged_in(editor), "fr").get("/fact-checks/").content.decode()

    assert ">Vérifications externes</h1>" in one
    assert ">Importer du ClaimReview</a>" in one
    assert "sur <strong>1</strong> vérification, les plus récemment publiées" in one
    assert "sur <strong>3</strong> vérifications, les plus récemment publiées" in three
    assert '<th scope="col">Média</th><th scope="col">Verdict</th>' in one
    assert "2,5 sur 1–5" in one
    assert '<time datetime="2026-11-12">12/11/2026</time>' in one


def test_the_list_in_arabic_uses_arabics_dual_and_reads_right_to_left(editor):
    checks(2)

    html = in_language(logged_in(editor), "ar").get("/fact-checks/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert ">عمليات تحقق خارجية</h1>" in html
    assert "من عمليتي تحقق، الأحدث نشرًا أولًا." in html
    # The header: the navigation, who is signed in, and the log-out button.
    assert ">المقالات</a>" in html and ">عمليات التحقق</a>" in html
    assert f'title="مسجّل الدخول باسم {editor.username}"' in html
    assert ">تسجيل الخروج</button>" in html


def test_a_review_in_french_with_its_link_candidates_and_a_localized_score(editor):
    (check,) = checks(1)
    ExternalFactCheck.objects.filter(pk=check.pk).update(
        claim_text="Bus fares in Eastford have doubled since 2024."
    )
    desk_claim = Claim.objects.create(text=REWORDED)

    html = in_language(logged_in(editor), "fr").get(f"/fact-checks/{check.pk}/").content.decode()

    assert (
        'Évaluée <strong>False</strong> par Checker 0 le <time datetime="2026-11-12">12/11/2026'
        "</time>." in html
    )
    assert ">La rattacher à une affirmation de la rédaction</h2>" in html
    assert "2,5 sur une échelle de 1 à 5" in html
    assert f">Rattacher à C{desk_claim.pk}</button>" in html
    # The claim's id is data: the form posts it as the server wrote it.
    assert f'name="claim" value="{desk_claim.pk}"' in html
    score = re.search(r"sémantique, score (\d+),(\d\d)</span>", html)
    assert score is not None, html


def test_a_refused_link_and_its_flash_messages_come_back_in_spanish(editor):
    (check,) = checks(1)
    desk_claim = Claim.objects.create(text=REWORDED)
    page = f"/fact-checks/{check.pk}/"
    client = in_language(logged_in(editor), "es")

    unknown = client.post(page + "link/", {"claim": 999_999}, follow=True).content.decode()
    tampered = client.post(page + "link/", {"claim": "x"}, follow=True).content.decode()
    linked = client.post(page + "link/", {"claim": desk_claim.pk, "confirm": "on"}, follow=True)

    assert "No existe esa afirmación." in unknown
    assert "Elija la afirmación a la que vincular la verificación." in tampered
    assert f"La verificación queda ahora bajo la afirmación C{desk_claim.pk}." in (
        linked.content.decode()
    )


def test_the_import_page_and_its_report_in_arabic(editor):
    client = in_language(logged_in(editor), "ar")

    page = client.get("/fact-checks/import/").content.decode()
    report = client.post("/fact-checks/import/", {"text": SINGLE.read_text()}).content.decode()
    both = client.post(
        "/fact-checks/import/", {"text": SINGLE.read_text(), "url": "https://example.org/"}
    ).content.decode()

    assert ">استيراد ClaimReview</h1>" in page
    assert ">ارفع ملفًا</button>" in page
    # The paste limit: a byte count for the script, megabytes in the reader's words.
    limit = re.search(r'data-max-bytes="(\d+)"', page)
    assert limit is not None and int(limit.group(1)) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert "ميغابايت؛ وما زاد على ذلك ارفعه ملفًا." in page
    # One entry: Arabic's singular, no figure.
    assert "يحوي المستند مُدخلًا واحدًا: <strong>المستورد 1</strong>" in report
    assert ">مستورد</span>" in report
    assert "الصق مستندًا أو ارفع ملفًا أو أدخل عنوان URL: واحدًا منها فقط." in both


def test_the_import_report_counts_items_in_french(editor):
    client = in_language(logged_in(editor), "fr")

    html = client.post("/fact-checks/import/", {"text": SINGLE.read_text()}).content.decode()

    assert (
        "Le document a 1 entrée\u00a0: <strong>1 importée(s)</strong>, 0 importée(s) auparavant"
        in html
    )
    assert "sous l’affirmation C" in html


def test_the_error_pages_and_the_login_page_in_french_and_arabic(alice, editor):
    login_fr = in_language(Client(), "fr").get("/login/").content.decode()
    missing_ar = in_language(logged_in(alice), "ar").get("/fact-checks/999999/")
    refused_fr = in_language(logged_in(alice), "fr").get("/fact-checks/import/")
    visit_fr = in_language(logged_in(editor), "fr").get("/fact-checks/1/link/")

    assert ">Se connecter</button>" in login_fr
    assert f">Se connecter à {settings.DESK_NAME}</h1>" in login_fr
    assert missing_ar.status_code == 404
    assert ">لا شيء هنا</h1>" in missing_ar.content.decode()
    assert ">العودة إلى المقالات</a>" in missing_ar.content.decode()
    assert refused_fr.status_code == 403
    assert ">Vous ne pouvez pas faire cela</h1>" in refused_fr.content.decode()
    # The permission map's reason, in the reader's language.
    assert "Seuls les éditeurs importent les vérifications d’autres vérificateurs." in (
        refused_fr.content.decode()
    )
    assert visit_fr.status_code == 405
    assert ">Cette adresse attend un formulaire, pas une visite</h1>" in visit_fr.content.decode()


def test_english_pages_are_unchanged(editor):
    checks(2)

    html = logged_in(editor).get("/fact-checks/").content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert "of <strong>2</strong> fact-checks, latest published first." in html
    assert "2.5 on 1–5" in html
    assert '<time datetime="2026-11-12">12 Nov 2026</time>' in html
    assert f'title="Signed in as {editor.username}"' in html
    assert ">Log out</button>" in html
