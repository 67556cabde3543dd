"""Deeply nested JSON bodies are refused with a 400 before they are parsed, on every endpoint."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from annotations.api.parsers import MAX_JSON_DEPTH, json_depth_exceeds
from tests.api.test_annotations_api import claim_payload

pytestmark = pytest.mark.django_db

BOMB = ("[" * 100_000 + "]" * 100_000).encode()


def nested(depth: int) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_an_anonymous_json_bomb_on_the_token_endpoint_is_a_400():
    response = APIClient().post("/api/v1/auth/token/", BOMB, content_type="application/json")

    assert response.status_code == 400
    assert "deeper than" in response.json()["detail"]


def test_a_json_bomb_posted_as_an_annotation_is_a_400_and_saves_nothing(api_as, alice):
    response = api_as(alice).post(
        "/api/v1/annotations/", b'{"sources": ' + BOMB + b"}", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_nesting_one_level_past_the_limit_is_refused_and_at_the_limit_is_parsed(api_as, alice):
    too_deep = json.dumps({"name": nested(MAX_JSON_DEPTH)})  # object + MAX levels of lists
    at_limit = json.dumps({"name": nested(MAX_JSON_DEPTH - 1)})

    refused = api_as(alice).post("/api/v1/tokens/", too_deep, content_type="application/json")
    parsed = api_as(alice).post("/api/v1/tokens/", at_limit, content_type="application/json")

    assert refused.status_code == 400
    assert "deeper than" in refused.json()["detail"]
    # Parsed, then refused by the serializer for what it is: not a string.
    assert parsed.status_code == 400
    assert parsed.json()["name"] == ["Not a valid string."]


def test_a_legitimate_nested_annotation_is_still_accepted(api_as, alice, article):
    response = api_as(alice).post("/api/v1/annotations/", claim_payload(article), format="json")

    assert response.status_code == 201, response.content


def test_brackets_inside_strings_do_not_count_toward_the_depth(api_as, alice):
    name = "[" * 40 + '"{' * 20
    body = json.dumps({"name": name})

    response = api_as(alice).post("/api/v1/tokens/", body, content_type="application/json")

    assert response.status_code == 201, response.content
    assert response.json()["name"] == name


def test_a_utf16_body_is_scanned_too(api_as, alice):
    response = api_as(alice).post(
        "/api/v1/tokens/",
        ("[" * 1000 + "]" * 1000).encode("utf-16"),
        content_type="application/json; charset=utf-16",
    )

    assert response.status_code == 400
    assert "deeper than" in response.json()["detail"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"[[[]]]", False),
        (b"[[[[]]]]", True),
        (b'["[[[[[["]', False),
        (b'{"a\\"[[[[": {"b": []}}', False),
        (b"{[{[", True),
    ],
)
def test_the_depth_scan(data, expected):
    assert json_depth_exceeds(data, 3) is expected


def _api_views() -> list[type]:
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[type] = []

    def walk(patterns: list) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                if view is not None:
                    found.append(view)

    walk(get_resolver().url_patterns)
    return found


def test_every_api_view_parses_json_with_the_depth_limit():
    from rest_framework.parsers import JSONParser

    from annotations.api.parsers import DepthLimitedJSONParser

    views = _api_views()
    assert views
    for view in views:
        json_parsers = [p for p in view.parser_classes if issubclass(p, JSONParser)]
        assert all(p is DepthLimitedJSONParser for p in json_parsers), view
