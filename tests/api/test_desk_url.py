"""The desk's own URL in documents and exports (issue 16, part 2): the request's origin, or
DESK_URL when the operator sets it; never a default host the site does not run on."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from annotations.models import SourceCapture
from tests.api.test_standards import published_verdict
from tests.api.test_w3c_iris import strings
from tests.factories import AnnotationFactory, SourceFactory

pytestmark = pytest.mark.django_db

OTHER_HOST = "desk.example"


@pytest.fixture
def cited_verdict():
    published = published_verdict()
    source = SourceFactory(url="https://stats.example/report")
    SourceCapture.objects.create(url=source.url, status="captured", sha256="a" * 64)
    published.sources.add(source)
    return published


def documents(client, **request: Any) -> Iterator[Any]:
    """Every document and export, as `client` gets them with `request` (Host, https)."""
    for url in (
        "/api/v1/verdicts/w3c/?page_size=1",
        "/api/v1/verdicts/claimreview/?page_size=1",
        "/api/v1/desk/",
        "/api/v1/annotations/w3c/",
    ):
        response = client.get(url, **request)
        assert response.status_code == 200, url
        yield response.json()
        yield response.get("Link", "")
        if url.startswith("/api/v1/verdicts/w3c/"):
            yield client.get(response.json()["first"]["next"], **request).json()
    jsonl = client.get("/api/v1/verdicts/export.jsonl", **request)
    yield [json.loads(line) for line in b"".join(jsonl.streaming_content).splitlines()]
    body = b"".join(client.get("/api/v1/verdicts/export.csv", **request).streaming_content)
    yield [json.loads(row["sources"]) for row in csv.DictReader(io.StringIO(body.decode()))]
    response = client.get("/api/v1/verdicts/export-sources.csv", **request)
    yield list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


# Hosts that are not the desk's: vocabularies, the articles and the sources cited.
ELSEWHERE = {"www.w3.org", "schema.org", "news.example.org", "stats.example", "stats.example.org"}


def links(client, **request: Any) -> list[str]:
    """Every absolute link in every document, but those to other sites."""
    found = []
    for document in documents(client, **request):
        for value in strings(document):
            for link in re.findall(r"https?://[^\s<>\"]+", value):
                if urlsplit(link).hostname not in ELSEWHERE:
                    found.append(link)
    return found


@pytest.fixture
def desk(editor, cited_verdict, article):
    """Two published verdicts (one citing a captured source) and a highlight."""
    published_verdict()
    AnnotationFactory(article=article)
    return editor


def test_links_use_the_host_the_request_came_to(api_as, desk, settings):
    settings.ALLOWED_HOSTS = [OTHER_HOST]
    settings.DESK_URL = ""

    found = links(api_as(desk), HTTP_HOST=OTHER_HOST, secure=True)

    assert len(found) > 15
    assert all(link.startswith(f"https://{OTHER_HOST}/") for link in found), found
    assert not [link for link in found if "127.0.0.1" in link or "testserver" in link]


def test_links_use_desk_url_when_the_operator_sets_it(api_as, desk, settings):
    settings.ALLOWED_HOSTS = [OTHER_HOST]
    settings.DESK_URL = "https://factcheck.example.org/"

    found = links(api_as(desk), HTTP_HOST=OTHER_HOST)

    assert len(found) > 15
    assert all(link.startswith("https://factcheck.example.org/") for link in found), found


def test_the_archived_copy_in_the_exports_follows_the_request_too(api_as, cited_verdict, settings):
    settings.ALLOWED_HOSTS = [OTHER_HOST]
    settings.DESK_URL = ""
    source = cited_verdict.sources.get()

    body = api_as(None).get("/api/v1/verdicts/export.jsonl", HTTP_HOST=OTHER_HOST)
    row = json.loads(b"".join(body.streaming_content).splitlines()[0])

    assert row["sources"][0]["archived_copy"] == f"http://{OTHER_HOST}/sources/{source.pk}/archive/"


def test_without_desk_url_the_settings_name_no_host():
    environment = {k: v for k, v in os.environ.items() if k != "DESK_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings as s; print(repr(s.DESK_URL))",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={**environment, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "''"
