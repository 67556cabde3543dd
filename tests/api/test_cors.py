"""CORS (django-cors-headers): other sites may read the desk's public, read-only documents,
from the origins CORS_ALLOWED_ORIGINS names ("*": any), and nothing else: never with
credentials, never for writes, never on the desk members' endpoints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import AnnotationFactory, published_verdict

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
PARTNER = "https://partner.example"
ALLOW_ORIGIN = "access-control-allow-origin"


@pytest.fixture
def partner(settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]
    settings.CORS_ALLOW_ALL_ORIGINS = False


@pytest.fixture
def verdict_id(db) -> int:
    return published_verdict().pk


PUBLIC_READS = [
    "/api/v1/verdicts/",
    "/api/v1/verdicts/{id}/",
    "/api/v1/verdicts/?uri=https://news.example.org/articles/1",
    "/api/v1/verdicts/w3c/",
    "/api/v1/verdicts/w3c/{id}/",
    "/api/v1/verdicts/claimreview/",
    "/api/v1/verdicts/claimreview/datafeed/",
    "/api/v1/verdicts/factchecktools/",
    "/api/v1/verdicts/export.csv",
    "/api/v1/verdicts/export.jsonl",
    "/api/v1/verdicts/export-sources.csv",
    "/api/v1/desk/",
    "/verdicts/feed.atom",
]


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_public_reads_are_shared_with_the_allowed_origin_without_credentials(
    partner, verdict_id, path
):
    response = Client().get(path.format(id=verdict_id), HTTP_ORIGIN=PARTNER)

    assert response.status_code == 200
    assert response[ALLOW_ORIGIN] == PARTNER
    assert "access-control-allow-credentials" not in response
    assert "origin" in response["Vary"].lower()


def test_the_link_header_of_feeds_is_readable_cross_origin(partner, verdict_id):
    published_verdict()
    response = Client().get("/api/v1/verdicts/claimreview/?page_size=1", HTTP_ORIGIN=PARTNER)

    assert "Link" in response["access-control-expose-headers"]


def test_any_origin_when_the_desk_says_star(settings, verdict_id):
    settings.CORS_ALLOW_ALL_ORIGINS = True

    response = Client().get("/api/v1/verdicts/claimreview/", HTTP_ORIGIN="https://any.example")

    assert response[ALLOW_ORIGIN] == "*"
    assert "access-control-allow-credentials" not in response


def test_another_origin_gets_no_cors_headers(partner, verdict_id):
    response = Client().get("/api/v1/verdicts/", HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 200
    assert ALLOW_ORIGIN not in response


def test_without_configured_origins_nobody_gets_cors_headers(settings, verdict_id):
    settings.CORS_ALLOWED_ORIGINS = []
    settings.CORS_ALLOW_ALL_ORIGINS = False

    response = Client().get("/api/v1/verdicts/", HTTP_ORIGIN=PARTNER)

    assert ALLOW_ORIGIN not in response


WRITES = [
    ("POST", "/api/v1/annotations/"),
    ("POST", "/api/v1/verdicts/{id}/correct/"),
    ("POST", "/api/v1/verdicts/{id}/publish/"),
    ("POST", "/api/v1/verdicts/{id}/unpublish/"),
    ("POST", "/api/v1/auth/token/"),
    ("POST", "/api/v1/articles/"),
    ("PUT", "/api/v1/annotations/1/"),
    ("PATCH", "/api/v1/annotations/1/"),
    ("DELETE", "/api/v1/annotations/1/"),
    ("POST", "/verdicts/{id}/"),
]


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize("star", [False, True])
def test_a_preflight_for_a_write_gets_no_cors_allow_headers(
    settings, verdict_id, method, path, star
):
    settings.CORS_ALLOWED_ORIGINS = [] if star else [PARTNER]
    settings.CORS_ALLOW_ALL_ORIGINS = star

    response = Client().options(
        path.format(id=verdict_id),
        HTTP_ORIGIN=PARTNER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    assert not [name for name in response.headers if name.lower().startswith("access-control-")]


def test_a_preflight_on_a_public_url_allows_reads_only_and_no_credentials(partner, verdict_id):
    response = Client().options(
        "/api/v1/verdicts/",
        HTTP_ORIGIN=PARTNER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    methods = {m.strip() for m in response["access-control-allow-methods"].split(",")}
    headers = {h.strip() for h in response["access-control-allow-headers"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "authorization" not in headers
    assert "access-control-allow-credentials" not in response


def test_the_desk_members_endpoints_are_not_shared(partner, alice):
    AnnotationFactory(reviewer=alice)
    client = Client()
    client.force_login(alice)

    for path in ("/api/v1/annotations/", "/api/v1/annotations/w3c/", "/api/v1/articles/"):
        response = client.get(path, HTTP_ORIGIN=PARTNER)
        assert response.status_code == 200, path
        assert ALLOW_ORIGIN not in response, path


def _settings_with(origins: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {"DEBUG": "1", "CORS_ALLOWED_ORIGINS": origins}
    code = (
        "import factcheck.settings as s; "
        "print(s.CORS_ALLOW_ALL_ORIGINS, s.CORS_ALLOWED_ORIGINS, s.CORS_ALLOW_CREDENTIALS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=environment, capture_output=True, text=True
    )


def test_the_setting_reads_a_comma_list_or_a_lone_star():
    assert _settings_with(" https://a.example, https://b.example ").stdout.strip() == (
        "False ['https://a.example', 'https://b.example'] False"
    )
    assert _settings_with("*").stdout.strip() == "True [] False"
    assert _settings_with("").stdout.strip() == "False [] False"
    mixed = _settings_with("*, https://a.example")
    assert mixed.returncode != 0
    assert '"*" alone' in mixed.stderr
