"""Figures on the desk's pages in the reader's language (issue 17): "0,81" and "75 %" in French
and Spanish, "0.81" in English and in Arabic (Western digits and marks, as the browser writes
them there), while what scripts read stays a plain number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from annotations.models import DeskAgreement
from tests.factories import ReviewerFactory

pytestmark = pytest.mark.django_db

NBSP, THIN = "\u00a0", "\u202f"


def _record(value, units=40, reviewers=3):
    return {"value": value, "reason": None, "units": units, "reviewers": reviewers, "pairable": 80}


@pytest.fixture
def desk_figures(editor):
    other = ReviewerFactory(username="bea")
    DeskAgreement.objects.update_or_create(
        pk=1,
        defaults={
            "statistics": {
                "alpha_ordinal": {
                    **_record(0.8125),
                    "ci_low": 0.6543,
                    "ci_high": 0.9012,
                    "ci_confidence": 0.95,
                    "ci_reason": None,
                },
                "alpha_nominal": {
                    **_record(0.7071),
                    "ci_low": None,
                    "ci_high": None,
                    "ci_confidence": 0.95,
                    "ci_reason": "too few units",
                },
                "fleiss_kappa": _record(-0.1234),
                "percent_agreement": _record(0.8333),
            },
            "pairwise": [
                {
                    "a": editor.pk,
                    "b": other.pk,
                    "units": 1200,
                    "agreement": 0.75,
                    "kappa": _record(0.5555),
                }
            ],
            "per_label": [{"label": "false", "ratings": 1500, "kappa": _record(0.4444)}],
            "reviewer_vs_final": [
                {"reviewer": other.pk, "units": 4, "agreement": 0.75, "kappa": _record(0.5)}
            ],
            "articles": 3,
            "computed_at": timezone.now() - dt.timedelta(minutes=1),
        },
    )


def dashboard(user, language: str) -> str:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/agreement/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_french_dashboard_writes_decimal_commas_and_spaced_percentages(editor, desk_figures):
    page = dashboard(editor, "fr")

    assert "0,81" in page and "0,71" in page  # the alphas' tiles
    assert "\u22120,12" in page  # Fleiss' kappa, with a true minus sign
    assert f"83{THIN}%" in page  # raw agreement
    assert f"IC à 95{THIN}% de 0,65 à 0,90" in page  # the interval
    assert f"75{THIN}%" in page and "0,50" in page  # a reviewer against the final verdicts
    assert ">0,56<" in page  # the heat map's cell
    assert f"n = 1{THIN}200" in page
    assert f">1{THIN}500<" in page  # ratings per label, in the bar chart
    for english in ("0.81", "0.71", "0.65", "83%", "75%", "0.50"):
        assert english not in page, english


def test_the_dashboards_charts_name_labels_in_the_readers_language(editor, desk_figures):
    french, english = dashboard(editor, "fr"), dashboard(editor, "en")

    assert ">Faux<" in french and "Faux\u00a0: 0,44" in french  # bars, titles
    assert ">False<" in english and ">Faux<" not in english


def test_the_spanish_dashboard_groups_thousands_with_a_point(editor, desk_figures):
    page = dashboard(editor, "es")

    assert "0,81" in page and f"83{NBSP}%" in page
    assert f"IC del 95{NBSP}% de 0,65 a 0,90" in page
    assert ">1.500<" in page and "n = 1.200" in page
    assert "0.81" not in page


def test_the_arabic_dashboard_keeps_western_digits_and_marks(editor, desk_figures):
    page = dashboard(editor, "ar")

    assert "0.81" in page and "83%" in page and ">1,500<" in page
    assert "0,81" not in page
    assert not any("\u0660" <= character <= "\u0669" for character in page)


def test_english_figures_are_unchanged(editor, desk_figures):
    page = dashboard(editor, "en")

    assert "0.81" in page and "83%" in page and "95% CI 0.65 to 0.90" in page
    assert "\u22120.12" in page and "75%" in page and ">1,500<" in page


def test_the_api_serves_the_same_figures_as_numbers_in_any_language(editor, desk_figures):
    client = Client()
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    body = client.get("/api/v1/agreement/", HTTP_ACCEPT="application/json").json()

    assert body["alpha_ordinal"] == 0.8125
    assert body["reviewer_vs_final"][0]["agreement"] == 0.75
