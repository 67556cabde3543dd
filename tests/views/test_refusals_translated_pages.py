"""Refusals on pages in the reader's language (issue 17): a 409 banner, a form error from a
service and a fetching refusal on the import form (the API's are in
tests/api/test_refusals_translated.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from annotations import selectors
from annotations.core.agreement.reliability import NO_VARIATION, ONE_REVIEWER
from annotations.models import DeskAgreement, PersonalToken, VerdictLabel
from annotations.presenters.agreement import desk_agreement_context
from annotations.services.tokens import MAX_TOKENS_PER_USER, personal_token_create
from tests.factories import ReviewerFactory
from tests.pages import logged_in
from tests.views.test_agreement_pages import reviewed_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Vous avez 20 jetons actifs ; révoquez-en un d’abord."),
        # Arabic: 11 to 99 take the counted singular ("many").
        ("ar", "لديك 20 رمزًا نشطًا؛ ألغِ واحدًا منها أولًا."),
        ("es", "Tiene 20 tokens activos; revoque uno primero."),
    ],
)
def test_a_page_shows_a_409_in_the_readers_language_with_the_plural_it_needs(
    alice, language, message
):
    assert MAX_TOKENS_PER_USER == 20
    for number in range(MAX_TOKENS_PER_USER):
        personal_token_create(user=alice, name=f"script {number}")

    response = logged_in(alice).post(
        "/account/", {"name": "newsroom dashboard"}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 409
    html = response.content.decode()
    banner = html[html.index('id="conflict"') : html.index("</div>", html.index('id="conflict"'))]
    assert message in banner
    assert PersonalToken.objects.filter(user=alice).count() == MAX_TOKENS_PER_USER


def test_a_page_form_refusal_from_a_service_is_in_french(editor):
    text = "A single paragraph with no title line."

    response = logged_in(editor).post(
        "/articles/import/",
        {"text": text, "first_line_title": "on"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Le texte n’a qu’un paragraphe : il n’y a pas de première ligne à prendre comme titre."
        in html
    )
    assert "there is no first line" not in html


def test_a_fetching_refusal_on_the_import_form_is_in_spanish(editor):
    response = logged_in(editor).post(
        "/articles/import/",
        {"text": "Some text.", "source_url": "abcnews.go.com/US/story"},
        HTTP_ACCEPT_LANGUAGE="es",
    )

    html = response.content.decode()
    errors = html.split('id="id_source_url_error"', 1)[1].split("</ul>", 1)[0]
    assert "Añada https:// al principio: ¿quería decir https://abcnews.go.com/US/story?" in errors


def test_a_fetching_refusal_is_english_again_for_an_english_reader(editor):
    response = logged_in(editor).post(
        "/articles/import/",
        {"text": "Some text.", "source_url": "abcnews.go.com/US/story"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "Add https:// at the start: did you mean https://abcnews.go.com/US/story?" in (
        response.content.decode()
    )


def test_why_an_agreement_figure_is_undefined_is_told_in_french(
    editor, django_capture_on_commit_callbacks
):
    lone = reviewed_article(django_capture_on_commit_callbacks, [ReviewerFactory()])
    payload = selectors.article_agreement_payload(lone)
    # Stored in English with the figures, whatever the language of the request that made them.
    assert payload["reasons"]["alpha_nominal"] == ONE_REVIEWER

    page = logged_in(editor).get(f"/articles/{lone.pk}/", HTTP_ACCEPT_LANGUAGE="fr")

    html = page.content.decode()
    assert (
        "un seul relecteur a donné des notations ; l’accord demande au moins deux relecteurs"
    ) in html
    assert ONE_REVIEWER not in html


def test_the_desks_warnings_are_told_in_the_readers_language(
    editor, django_capture_on_commit_callbacks
):
    reviewers = [ReviewerFactory(username=name) for name in ("ana", "ben", "cleo")]
    reviewed_article(django_capture_on_commit_callbacks, reviewers)
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(editor).post("/agreement/recompute/")
    # Stored in English, with the values the sentence was made from.
    (stored,) = [w for w in DeskAgreement.objects.get().warnings if w["code"] == "too_few_units"]
    assert stored["message"].startswith("Only 3 units were rated")

    page = logged_in(editor).get("/agreement/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert 'data-warning="too_few_units"' in page
    assert "Seulement 3 unités ont été notées" in page
    assert "Only 3 units were rated" not in page
    # The label names the warnings were written with (English, the desk's own) in French too.
    sparse = page.split('data-warning="sparse_categories"')[1].split("</p>")[0]
    assert "Vrai" in sparse and "True" not in sparse


def test_why_a_reviewers_kappa_with_the_final_verdicts_is_undefined_is_told_in_french(
    editor, django_capture_on_commit_callbacks
):
    reviewers = [ReviewerFactory(username=name) for name in ("ana", "ben")]
    reviewed_article(django_capture_on_commit_callbacks, reviewers)
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(editor).post("/agreement/recompute/")
    payload = selectors.desk_agreement_payload()
    payload["reviewer_vs_final"] = [
        {
            "reviewer": "ana",
            "units": 2,
            "agreement": 1.0,
            "kappa": {"value": None, "reason": NO_VARIATION},
        }
    ]

    with translation.override("fr"):
        (row,) = desk_agreement_context(payload, list(VerdictLabel.objects.all()))["final_rows"]

    assert row["kappa_reason"].startswith("toutes les notations comparables ont la même valeur")
