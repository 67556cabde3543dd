"""Field errors that say what to do, in the reader's language (issue 17): the API replaces
DRF's stock messages by their code (annotations/api/errors.py), so the desk's scripts show them
as they come in any language, and any other message passes unchanged."""

from __future__ import annotations

import pytest
from django.utils import translation
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from annotations.api.errors import field_errors_plain
from tests.conftest import client_for
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."


def _post(language: str, **changes):
    article = ArticleFactory()
    start = article.text.index(CLAIM)
    body = {
        "article": article.pk,
        "target": {"exact": CLAIM, "start": start, "end": start + len(CLAIM)},
        "verdict": "false",
        **changes,
    }
    client = client_for(ReviewerFactory())
    response = client.post(
        "/api/v1/annotations/", body, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    return response.json()


def test_a_missing_verdict_says_choose_a_verdict_in_french():
    assert _post("fr", verdict=None)["verdict"] == ["Choisissez un verdict."]


def test_a_missing_verdict_says_choose_a_verdict_in_english():
    assert _post("en", verdict=None)["verdict"] == ["Choose a verdict."]


def test_an_unknown_verdict_says_it_is_not_on_the_scale_in_spanish():
    assert _post("es", verdict="nonsense")["verdict"] == [
        "Este veredicto no está en la escala de la redacción: elija otro."
    ]


def test_a_too_long_field_gives_its_limit_in_the_readers_numbers():
    french = _post("fr", rationale="x" * 20_001)["rationale"]
    english = _post("en", rationale="x" * 20_001)["rationale"]

    assert english == ["Too long: shorten it to 20,000 characters or fewer."]
    assert french == ["Trop long : raccourcissez-le à 20\u202f000 caractères au plus."]


def test_a_bad_source_stance_says_what_to_do_in_arabic():
    errors = _post("ar", sources=[{"url": "https://example.org/", "stance": "maybe"}])["sources"]
    errors = errors[0] if isinstance(errors, list) else errors["0"]

    assert errors["stance"] == ["اختر أحد الخيارات المعروضة."]


def test_drfs_bad_address_message_says_what_to_do_in_arabic():
    with translation.override("ar"):
        with pytest.raises(ValidationError) as refused:
            serializers.URLField().run_validation("nope")
        shown = field_errors_plain({"url": refused.value.detail})

    assert shown == {"url": ["أدخل العنوان كاملًا، بدءًا بـ https://."]}


def test_a_message_of_the_desks_own_passes_unchanged():
    own = ErrorDetail("Only http:// and https:// URLs are allowed.", code="url_scheme")

    assert field_errors_plain({"url": [own]}) == {"url": [own]}


def test_a_list_over_its_length_keeps_drfs_own_message():
    sources = [{"url": f"https://example.org/{n}"} for n in range(60)]

    errors = _post("en", sources=sources)["sources"]

    assert errors == {"non_field_errors": ["Ensure this field has no more than 30 elements."]}
