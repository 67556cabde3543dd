"""Security headers as production sends them."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_https(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True


def test_https_responses_carry_hsts(production_https):
    response = Client().get("/login/", secure=True)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_plain_http_is_redirected_to_https(production_https):
    response = Client().get("/login/")

    assert response.status_code == 301
    assert response.url.startswith("https://")


@pytest.mark.parametrize("path", ["/login/", "/api/v1/verdicts/", "/api/docs/"])
def test_every_response_forbids_framing_sniffing_and_leaky_referrers(path):
    response = Client().get(path)

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
