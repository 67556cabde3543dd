"""Importing other fact-checkers' ClaimReview (services/fact_checks.py): the command
`import_claimreview`, `POST /api/v1/fact-checks/import/`, and what the matcher then finds."""

from __future__ import annotations

import http.server
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Claim, ExternalFactCheck
from tests.factories import UserFactory
from tests.local_site import site_serving

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent.parent / "data" / "claimreview-import"
SINGLE = DATA / "single.json"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_claimreview", *args, stdout=out)
    return out.getvalue()


def test_a_file_is_imported_with_every_field_and_a_claim_the_matcher_finds(api_as, alice):
    output = run(str(SINGLE))

    check = ExternalFactCheck.objects.get()
    assert "1 imported, 0 already known, 0 refused" in output
    assert (check.publisher_name, check.url, check.rating_text, check.rating_value) == (
        "Checkpoint",
        "https://checkpoint.example/2026/11/bus-fares-doubled",
        "Mostly false",
        2.0,
    )
    assert check.claim.text == "Bus fares in Eastford have doubled since 2024."
    assert check.appearances[0] == "https://eastford-gazette.example/politics/council-debate"
    found = api_as(alice).get(
        "/api/v1/claims/similar/", {"text": "Since 2024, bus fares in Eastford have doubled."}
    )
    best = found.json()["results"][0]
    assert (best["claim"], best["verdict"]) == (check.claim_id, None)
    assert best["external"] == [
        {
            "publisher": "Checkpoint",
            "url": check.url,
            "rating": "Mostly false",
            "language": "en",
            "cross_language": False,
        }
    ]


def test_importing_again_keeps_what_was_there_and_reuses_the_claim(editor):
    Claim.objects.create(text="Bus fares in  Eastford have doubled since 2024", created_by=editor)
    run(str(SINGLE))
    output = run(str(SINGLE))

    assert "0 imported, 1 already known" in output
    assert ExternalFactCheck.objects.count() == 1
    assert Claim.objects.count() == 1  # the desk's claim, equal once normalised


def test_refused_items_are_listed_with_their_reasons_and_the_rest_is_imported():
    output = run(str(DATA / "refusals.json"))

    imported = ExternalFactCheck.objects.count()
    refused = [line for line in output.splitlines() if line.startswith("  refused item")]
    assert imported >= 1
    assert refused
    assert f"{imported} imported" in output
    assert all(": " in line for line in refused)


def test_a_document_with_nothing_to_import_is_an_error_and_stores_nothing(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"@type": "ClaimReview", "url": ')

    with pytest.raises(CommandError, match="Nothing was imported"):
        run(str(broken))
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.json"))
    assert not ExternalFactCheck.objects.exists()
    assert not Claim.objects.exists()


def test_a_feed_and_a_page_are_fetched_from_their_urls(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    files = {"/feed": ("application/json", SINGLE), "/page": ("text/html", DATA / "page.html")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content_type, path = files[self.path]
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with site_serving(Handler) as site:
        from_feed = run(f"{site}/feed")
        from_page = run(f"{site}/page")

    assert "1 imported" in from_feed
    assert " imported" in from_page and " 0 imported" not in from_page
    assert ExternalFactCheck.objects.count() >= 2


def test_a_private_address_is_refused_as_for_articles(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False

    with pytest.raises(CommandError, match="private or local address"):
        run("http://127.0.0.1:9/feed")


def test_editors_import_through_the_api_and_others_may_not(api_as, editor, alice):
    document = json.loads(SINGLE.read_text())

    refused = api_as(alice).post("/api/v1/fact-checks/import/", document, format="json")
    done = api_as(editor).post("/api/v1/fact-checks/import/", document, format="json")
    again = api_as(editor).post("/api/v1/fact-checks/import/", document, format="json")
    nothing = api_as(editor).post("/api/v1/fact-checks/import/", {"a": 1}, format="json")

    assert refused.status_code == 403
    assert (done.status_code, done.json()["created"], done.json()["refusals"]) == (200, 1, [])
    assert ExternalFactCheck.objects.get().imported_by == editor
    assert (again.status_code, again.json()["known"]) == (200, [document["url"]])
    assert nothing.status_code == 422
    assert nothing.json()["created"] == 0 and nothing.json()["refusals"]
    no_role = api_as(UserFactory(username="nobody"))
    assert no_role.post("/api/v1/fact-checks/import/", document, format="json").status_code == 403


def test_the_api_takes_a_document_sent_as_json_ld_with_the_same_limits(api_as, editor, settings):
    client = api_as(editor)
    body = SINGLE.read_bytes()

    done = client.post("/api/v1/fact-checks/import/", body, content_type="application/ld+json")
    bomb = client.post(
        "/api/v1/fact-checks/import/",
        b"[" * 1000 + b"]" * 1000,
        content_type="application/ld+json; charset=utf-8",
    )
    other = client.post("/api/v1/fact-checks/import/", body, content_type="text/turtle")

    assert (done.status_code, done.json()["created"]) == (200, 1)
    assert bomb.status_code == 400 and "deeper than" in bomb.json()["detail"]
    assert other.status_code == 415
    assert ExternalFactCheck.objects.count() == 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body) - 1
    too_large = client.post("/api/v1/fact-checks/import/", body, content_type="application/ld+json")
    assert (too_large.status_code, too_large.json()["code"]) == (413, "body_too_large")
