"""The schema and the answers agree where generated clients depend on it: JSON bodies only
(a form or multipart body is a 415: test_strict_requests),
`Location` on every 201, verdict list items that are a Verdict or a tombstone, and a null
`rating_value` for labels off the scale."""

from __future__ import annotations

import jsonschema
import pytest
from django.test import Client

from annotations.models import Verdict
from annotations.services.adjudication import verdict_unpublish
from tests.factories import EditorFactory, published_verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(db):
    return Client().get("/api/schema/?format=json").json()


def _json_schema(node):
    """OpenAPI 3.0's schema objects as JSON Schema: `nullable` becomes a null type."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") and "type" in node:
        converted["type"] = [node["type"], "null"]
    return converted


def test_every_write_reads_json_only_and_every_201_names_its_location(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody")
            if body is not None and path != "/api/v1/fact-checks/import/":
                assert list(body["content"]) == ["application/json"], (method, path)
            created = operation["responses"].get("201")
            if created is not None:
                assert created["headers"]["Location"]["required"] is True, (method, path)


def test_a_201_carries_the_new_objects_address(api_as, editor):
    client = api_as(editor)

    article = client.post("/api/v1/articles/", {"text": "Hello world."})
    token = client.post("/api/v1/tokens/", {"name": "sync"})

    assert article.status_code == token.status_code == 201
    assert article["Location"] == f"http://testserver/api/v1/articles/{article.json()['id']}/"
    assert token["Location"] == f"http://testserver/api/v1/tokens/{token.json()['id']}/"
    # The address answers with the same object.
    assert client.get(article["Location"]).json()["id"] == article.json()["id"]


def test_the_verdict_list_items_fit_the_schema_tombstones_and_unverifiable_included(api_as, schema):
    kept = published_verdict()
    unverifiable = published_verdict(label="unverifiable")
    withdrawn = published_verdict()
    verdict_unpublish(
        verdict=withdrawn, editor=EditorFactory(), seen_version=withdrawn.unit.version
    )
    Verdict.objects.filter(pk__in=[kept.pk, unverifiable.pk]).update(
        updated_at=withdrawn.updated_at
    )

    page = api_as(None).get("/api/v1/verdicts/?updated_after=2000-01-01T00:00:00Z").json()

    validator = jsonschema.Draft4Validator(
        {
            "$ref": "#/components/schemas/PaginatedVerdictOrTombstoneList",
            "components": _json_schema(schema["components"]),
        }
    )
    validator.validate(page)
    by_id = {item["id"]: item for item in page["results"]}
    assert by_id[withdrawn.pk] == {
        "id": withdrawn.pk,
        "is_published": False,
        "updated_at": by_id[withdrawn.pk]["updated_at"],
    }
    assert by_id[unverifiable.pk]["rating_value"] is None
    assert by_id[kept.pk]["rating_value"] == 2
