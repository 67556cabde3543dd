"""Content negotiation on the standards endpoints and the exports (issue 16, part 2): each
answers to the types clients really send, says what it serves in Content-Type, never labels
HTML as JSON-LD, and answers 406 (as JSON) only for what it cannot give."""

from __future__ import annotations

import pytest

from annotations.core.formats.w3c import MEDIA_TYPE as W3C
from tests.api.test_standards import published_verdict
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db

ANNO_PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
CSV = "text/csv; charset=utf-8"
JSONL = "application/jsonl; charset=utf-8"

# What clients send, and what each endpoint must answer with.
W3C_ACCEPTED = [
    ANNO_PROFILE,
    'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
    "application/ld+json",
    'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"',
    "application/json",
    "*/*",
    "application/*",
    "",
    "application/ld+json, application/json;q=0.9, */*;q=0.1",  # pyld's document loader
    "text/html;q=0.1, application/ld+json",
]
W3C_REFUSED = [
    'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"',
    'application/ld+json; profile="https://schema.org"',
    "text/csv",
    "application/xml",
    "application/ld+json;q=0, application/json;q=0",
]


@pytest.fixture
def w3c_urls(api_as, alice, article):
    """Each W3C endpoint and who reads it (None: anyone): collections, items, the agents.
    Alice reads her own highlights and the Person they name."""
    annotation = AnnotationFactory(article=article, reviewer=alice)
    published = published_verdict()
    item = f"/api/v1/annotations/w3c/{annotation.pk}/"
    person = api_as(alice).get(item).json()["creator"]["id"]
    return [
        ("/api/v1/annotations/w3c/", alice),
        (item, alice),
        ("/api/v1/verdicts/w3c/", None),
        (f"/api/v1/verdicts/w3c/{published.pk}/", None),
        ("/api/v1/desk/", None),
        (person.removeprefix("http://testserver"), alice),
    ]


@pytest.mark.parametrize("accept", W3C_ACCEPTED)
def test_the_w3c_endpoints_serve_w3c_json_ld_to_every_type_clients_send(api_as, w3c_urls, accept):
    for url, user in w3c_urls:
        response = api_as(user).get(url, HTTP_ACCEPT=accept)

        assert response.status_code == 200, (url, accept, response.content[:200])
        assert response["Content-Type"] == W3C, url
        assert response.json()["@context"] == "http://www.w3.org/ns/anno.jsonld", url
        assert "Accept" in response["Vary"]


@pytest.mark.parametrize("accept", W3C_REFUSED)
def test_the_w3c_endpoints_refuse_what_they_cannot_give_with_a_json_406(api_as, w3c_urls, accept):
    for url, user in w3c_urls:
        response = api_as(user).get(url, HTTP_ACCEPT=accept)

        assert response.status_code == 406, (url, accept)
        assert response["Content-Type"] == "application/json"
        assert "application/ld+json" in response.json()["detail"]


@pytest.mark.parametrize("accept", ["text/html", "text/html,application/xhtml+xml,*/*;q=0.8"])
def test_a_browser_gets_the_browsable_page_typed_as_html_never_as_json_ld(api_as, w3c_urls, accept):
    for url, user in w3c_urls:
        response = api_as(user).get(url, HTTP_ACCEPT=accept)

        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
        assert b"<html" in response.content.lower()


def test_the_claimreview_feed_answers_json_ld_and_json_clients(api_as):
    published_verdict()
    for accept in ("application/ld+json", "application/json", "*/*", "", W3C_ACCEPTED[3]):
        response = api_as(None).get("/api/v1/verdicts/claimreview/", HTTP_ACCEPT=accept)

        assert response.status_code == 200, accept
        assert response["Content-Type"] == "application/ld+json"
        assert response.json()["@context"] == "https://schema.org"
    for accept in (ANNO_PROFILE, "text/csv"):
        response = api_as(None).get("/api/v1/verdicts/claimreview/", HTTP_ACCEPT=accept)
        assert response.status_code == 406, accept
    html = api_as(None).get("/api/v1/verdicts/claimreview/", HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("url", "served", "accepted", "refused"),
    [
        (
            "/api/v1/verdicts/export.csv",
            CSV,
            ["text/csv", "text/csv; charset=utf-8", "text/csv;charset=UTF-8", "text/*", "*/*", ""],
            ["application/json", "text/html", "text/csv; charset=latin-1", "text/csv;q=0"],
        ),
        (
            "/api/v1/verdicts/export-sources.csv",
            CSV,
            ["text/csv", "text/csv; charset=utf-8", "*/*"],
            ["application/json", "text/html"],
        ),
        (
            "/api/v1/verdicts/export.jsonl",
            JSONL,
            [
                "application/jsonl",
                "application/x-ndjson",
                "application/x-jsonlines",
                "application/jsonl; charset=utf-8",
                "application/x-ndjson, application/json;q=0.5",
                "*/*",
                "",
            ],
            ["application/json", "text/csv", "application/json-seq", "text/html"],
        ),
    ],
)
def test_the_exports_answer_to_their_own_types_and_their_synonyms(
    api_as, url, served, accepted, refused
):
    published_verdict()
    for accept in accepted:
        response = api_as(None).get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 200, accept
        assert response["Content-Type"] == served
        assert b"".join(response.streaming_content).count(b"\n") >= 1
    for accept in refused:
        response = api_as(None).get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 406, accept
        assert response["Content-Type"] == "application/json"
        assert served.split(";")[0] in response.json()["detail"]


def test_an_error_on_a_json_ld_endpoint_is_json_not_json_ld(api_as):
    for url in ("/api/v1/verdicts/w3c/?cursor=nonsense", "/api/v1/verdicts/w3c/999/"):
        response = api_as(None).get(url, HTTP_ACCEPT=ANNO_PROFILE)

        assert response.status_code in (400, 404), url
        assert response["Content-Type"] == "application/json"
        assert "application/ld+json" not in response["Content-Type"]


def test_an_export_error_is_json_whatever_the_client_accepts(api_as):
    response = api_as(None).get(
        "/api/v1/verdicts/export.csv?updated_after=yesterday", HTTP_ACCEPT="text/csv"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "updated_after" in response.json()


def test_the_format_parameter_still_picks_a_representation(api_as):
    published_verdict()

    response = api_as(None).get("/api/v1/verdicts/w3c/?format=jsonld")

    assert response.status_code == 200
    assert response["Content-Type"] == W3C
    assert api_as(None).get("/api/v1/verdicts/w3c/?format=xml").status_code == 400


def test_an_absurd_accept_header_is_read_in_bounded_time_and_refused(api_as):
    accept = ", ".join(["text/x-nothing"] * 5000) + ", application/ld+json"

    response = api_as(None).get("/api/v1/verdicts/w3c/", HTTP_ACCEPT=accept)

    # Only the first 64 ranges count: the JSON-LD one at the end is never read.
    assert response.status_code == 406


@pytest.mark.parametrize(
    "url", ["/api/v1/verdicts/w3c/", "/api/v1/verdicts/export.csv", "/api/v1/verdicts/export.jsonl"]
)
def test_options_describes_the_endpoint_in_json_not_as_a_document(api_as, url):
    response = api_as(None).options(url, HTTP_ACCEPT="*/*")

    assert response.status_code < 500
    assert response["Content-Type"] == "application/json"
