"""What the API takes is exactly what it documents: no unknown query parameters on any
endpoint, integers that are integers, URLs that are URLs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from annotations.api.query import StrictQueryParameters
from annotations.models import Annotation, Source
from tests.api.test_annotations_api import claim_payload
from tests.api.test_review_api import CRIME, TEXT, unit_of
from tests.factories import ArticleFactory, claims_reviewed

pytestmark = pytest.mark.django_db

UNKNOWN = "Unknown parameter."


def _api_views() -> list[tuple[str, type]]:
    found: list[tuple[str, type]] = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                if view is not None:
                    found.append((prefix + str(pattern.pattern), view))

    walk(get_resolver().url_patterns, "")
    return found


def test_every_api_view_refuses_unknown_query_parameters():
    views = [
        (route, view)
        for route, view in _api_views()
        # The schema and its viewer are drf-spectacular's own (they read ?lang= and ?format=).
        if route.startswith("api/v1/")
    ]
    assert len(views) > 10
    for route, view in views:
        assert issubclass(view, StrictQueryParameters), route


def _documented_get_operations() -> list[tuple[str, list[str]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in schema["paths"].items():
        if "get" in methods:
            names = [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"]
            operations.append((path, names))
    return operations


@pytest.fixture
def admin_client(editor) -> APIClient:
    editor.is_superuser = editor.is_staff = True
    editor.save()
    # Also a reviewer: some reads are a reviewer's own (GET /api/v1/feedback/).
    editor.groups.add(Group.objects.get(name="reviewer"))
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_every_documented_query_parameter_is_accepted_and_an_unknown_one_is_named(admin_client):
    operations = _documented_get_operations()
    assert len(operations) > 10
    for path, names in operations:
        url = path.replace("{id}", "1").replace("{number}", "1")
        for name in names:
            response = admin_client.get(url, {name: "1"})
            assert UNKNOWN not in response.content.decode(), (path, name, response.content)
        response = admin_client.get(url, {"url": "x"})
        assert response.status_code == 400, (path, response.status_code)
        assert response.json()["url"][0].startswith(UNKNOWN), path


@pytest.mark.parametrize(
    ("query", "name"),
    [("limit=0", "limit"), ("offset=-5", "offset"), ("url=https://x.org/", "url")],
)
def test_the_annotation_list_names_a_parameter_it_does_not_take(api_as, alice, query, name):
    response = api_as(alice).get(f"/api/v1/annotations/?{query}")

    assert response.status_code == 400
    assert response.json()[name][0].startswith(UNKNOWN)
    assert "cursor" in response.json()[name][0]


@pytest.mark.parametrize(
    ("query", "name"), [("limit=0", "limit"), ("offset=-5", "offset"), ("limit=x", "limit")]
)
def test_a_limit_offset_list_refuses_values_out_of_range(api_as, alice, query, name):
    response = api_as(alice).get(f"/api/v1/articles/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_a_detail_endpoint_refuses_list_parameters(api_as, alice, article):
    response = api_as(alice).get(f"/api/v1/articles/{article.pk}/?search=x")

    assert response.status_code == 400
    assert response.json()["search"][0].startswith(UNKNOWN)


def test_an_unknown_format_is_a_400_naming_it_and_a_known_one_works(api_as, alice):
    refused = api_as(alice).get("/api/v1/articles/?format=xml")
    anonymous = APIClient().get("/api/v1/verdicts/claimreview/?format=yaml")
    accepted = api_as(alice).get("/api/v1/articles/?format=json")

    assert refused.status_code == 400
    assert refused.json()["format"] == ["Use one of: api, json."]
    assert anonymous.status_code == 400
    assert accepted.status_code == 200


def test_anonymous_feeds_and_exports_refuse_unknown_parameters_too():
    for url in (
        "/api/v1/verdicts/?since=2026-01-01",
        "/api/v1/verdicts/export.csv?after=1",
        "/api/v1/annotations/w3c/?pages=2",
    ):
        response = APIClient().get(url)
        if url.startswith("/api/v1/annotations/"):
            assert response.status_code in {400, 401, 403}, url
        else:
            assert response.status_code == 400, url
            assert next(iter(response.json().values()))[0].startswith(UNKNOWN)


# --- Typed bodies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"), [("start", "41"), ("start", True), ("end", 52.0), ("end", "52")]
)
def test_a_target_offset_must_be_a_json_integer(api_as, alice, article, field, value):
    payload = claim_payload(article)
    payload["target"][field] = value

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["target"][field] == ["A valid integer is required."]
    assert not Annotation.objects.exists()


@pytest.mark.parametrize("value", ["1", True])
def test_an_annotations_article_id_must_be_a_json_integer(api_as, alice, article, value):
    payload = claim_payload(article)
    payload["article"] = value if value is True else str(article.pk)

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    assert "Incorrect type" in response.json()["article"][0]


@pytest.fixture
def crime_unit(django_capture_on_commit_callbacks):
    """A claim unit two reviewers disagree on, waiting for an editor's decision."""
    article = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true"})
        claims_reviewed(article, {CRIME: "false"})
    return unit_of(article, CRIME)


@pytest.mark.parametrize(
    ("field", "value"), [("version", "1"), ("version", True), ("sources", ["1"])]
)
def test_a_units_decision_takes_json_integers_only(api_as, editor, crime_unit, field, value):
    unit = crime_unit
    payload = {"version": unit.version, "label": "false", "claim_reviewed": "Crime fell."}
    payload[field] = value

    response = api_as(editor).post(f"/api/v1/units/{unit.pk}/decide/", payload, format="json")

    assert response.status_code == 400
    errors = response.json()[field]
    assert (errors if field == "version" else errors["0"]) == ["A valid integer is required."]
    unit.refresh_from_db()
    assert unit.status == "needs_review"


@pytest.mark.parametrize("value", [["false"], 1, {"slug": "false"}])
def test_a_units_decision_names_a_label_given_other_than_as_a_string(
    api_as, editor, crime_unit, value
):
    unit = crime_unit
    payload = {"version": unit.version, "label": value, "claim_reviewed": "Crime fell."}

    response = api_as(editor).post(f"/api/v1/units/{unit.pk}/decide/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["label"] == ["Give the slug as a string."]
    unit.refresh_from_db()
    assert unit.status == "needs_review"


def test_an_annotations_verdict_given_as_a_list_is_a_type_error(api_as, alice, article):
    payload = claim_payload(article, verdict=["false"])

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["verdict"] == ["Give the slug as a string."]
    assert not Annotation.objects.exists()


def test_a_number_too_long_to_convert_is_refused_in_the_clients_terms(api_as, alice, article):
    body = '{"article": ' + "1" * 1_000_000 + "}"

    response = api_as(alice).post("/api/v1/annotations/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error - a number has more than 4,300 digits.",
        "code": "parse_error",
    }


@pytest.mark.parametrize("body_format", ["multipart", "form"])
def test_a_form_or_multipart_body_is_refused_json_only(api_as, editor, crime_unit, body_format):
    unit = crime_unit
    data = {"version": str(unit.version), "label": "false", "claim_reviewed": "Crime fell."}
    if body_format == "multipart":
        response = api_as(editor).post(f"/api/v1/units/{unit.pk}/decide/", data, format="multipart")
    else:
        response = api_as(editor).generic(
            "POST",
            f"/api/v1/units/{unit.pk}/decide/",
            "&".join(f"{k}={v}".replace(" ", "+") for k, v in data.items()),
            "application/x-www-form-urlencoded",
        )

    assert response.status_code == 415, response.content
    unit.refresh_from_db()
    assert unit.status == "needs_review"


@pytest.mark.parametrize(
    "url",
    [
        "https://stats.example.org/a b",
        'https://stats.example.org/"onmouseover=alert(1)',
        "https://stats.example.org/<script>",
        "https://stats.example.org/a\\b",
        "https://stats.example.org/%zz",
        "http://[::1/",
        "https://stats.example.org:99999/",
    ],
)
def test_a_source_url_with_characters_a_url_cannot_hold_is_refused(api_as, alice, article, url):
    payload = claim_payload(article)
    payload["sources"][0]["url"] = url

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    message = response.json()["sources"]["0"]["url"][0]
    assert message.startswith(("The URL contains characters", "The URL has a %", "The URL's host"))
    assert not Source.objects.exists()


def test_an_iri_with_non_ascii_letters_and_escapes_is_accepted(api_as, alice, article):
    payload = claim_payload(article)
    payload["sources"][0]["url"] = "https://de.wikipedia.org/wiki/K%C3%B6ln?q=Köln"

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 201, response.content


def test_a_get_on_a_post_only_endpoint_is_still_a_405_whatever_its_query(api_as, editor, article):
    response = api_as(editor).get(f"/api/v1/articles/{article.pk}/assign/?limit=1")

    assert response.status_code == 405
