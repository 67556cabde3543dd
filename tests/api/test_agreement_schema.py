"""The agreement endpoints' payloads, typed: the OpenAPI schema names every field (no opaque
object), and a payload computed from real reviews has exactly the serializers' fields."""

from __future__ import annotations

import json
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.renderers import JSONRenderer

from annotations import selectors
from annotations.api.agreement_serializers import (
    ArticleAgreementSerializer,
    DeskAgreementSerializer,
)
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.agreement import desk_agreement_recompute
from tests.factories import ArticleFactory, claims_reviewed, verdict

pytestmark = pytest.mark.django_db

TEXT = (
    "The mayor said crime fell by 30 percent last year. "
    "She also claimed the city has the lowest taxes in the region. "
    "Unemployment stands at 4 percent, the lowest in a decade."
)
CRIME = "crime fell by 30 percent last year"
TAXES = "the city has the lowest taxes in the region"
JOBS = "Unemployment stands at 4 percent"

STATISTIC = {"value", "reason", "units", "reviewers", "pairable"}
PAIR = {"a", "b", "units", "agreement", "kappa"}
ARTICLE = {
    "article",
    "alpha_nominal",
    "alpha_ordinal",
    "fleiss_kappa",
    "percent_agreement",
    "unitizing_alpha",
    "span_f1_exact",
    "span_f1_overlap",
    "reasons",
    "details",
    "units",
    "reviewers",
    "computed_at",
    "stale",
    "unit_spreads",
    "pairwise",
}
DESK = {
    "alpha_nominal",
    "alpha_ordinal",
    "fleiss_kappa",
    "percent_agreement",
    "reasons",
    "details",
    "confidence_intervals",
    "units",
    "reviewers",
    "articles",
    "stale_articles",
    "computed_at",
    "stale",
    "queued",
    "per_label",
    "pairwise",
    "reviewer_vs_final",
    "warnings",
}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The object a schema node stands for, through $ref, allOf/oneOf (nullable) and arrays."""
    while True:
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        elif "allOf" in node or "oneOf" in node:
            [node] = [n for n in node.get("allOf", node.get("oneOf")) if n.get("type") != "null"]
        elif node.get("type") == "array":
            node = node["items"]
        else:
            return node


def _response_object(schema: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    response = schema["paths"][path][method]["responses"]["200"]
    return _resolved(schema, response["content"]["application/json"]["schema"])


def _schema_lists(schema: dict[str, Any], node: dict[str, Any], value: Any, where: str) -> None:
    """Every key of every object in `value` is a property the schema names at that place."""
    if isinstance(value, list):
        for item in value:
            _schema_lists(schema, node, item, f"{where}[]")
        return
    if not isinstance(value, dict):
        return
    resolved = _resolved(schema, node)
    if "properties" not in resolved and isinstance(resolved.get("additionalProperties"), dict):
        # A map (verdict slug -> count): any key, each value of the named schema.
        for key, inner in value.items():
            _schema_lists(schema, resolved["additionalProperties"], inner, f"{where}.{key}")
        return
    named = resolved.get("properties", {})
    assert set(value) <= set(named), (where, set(value) - set(named))
    for key, inner in value.items():
        _schema_lists(schema, named[key], inner, f"{where}.{key}")


def _json(value: Any) -> Any:
    return json.loads(JSONRenderer().render(value))


@pytest.fixture
def desk_computed(django_capture_on_commit_callbacks, editor):
    """Three reviewers rate three claims of one article (one left out by one of them), two
    agree on everything in another (so its statistics are undefined, with reasons), an editor
    decides a unit, and the desk is computed: every list in the payloads has rows."""
    article = ArticleFactory(text=TEXT)
    unanimous = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "false", TAXES: "mostly-false", JOBS: "true"})
        claims_reviewed(article, {CRIME: "false", TAXES: "mixed", JOBS: "true"})
        claims_reviewed(article, {CRIME: "mostly-false", TAXES: "mostly-false"})
        claims_reviewed(unanimous, {CRIME: "false"})
        claims_reviewed(unanimous, {CRIME: "false"})
    unit = article.units.order_by("start").first()
    with django_capture_on_commit_callbacks(execute=True):
        unit_decide(
            unit=unit,
            editor=editor,
            seen_version=unit.version,
            verdict=VerdictInput(label=verdict("false"), claim_reviewed="Crime fell by 30%"),
        )
    desk_agreement_recompute(bootstrap_samples=50)
    return article, unanimous


def test_the_schema_names_every_field_of_the_desk_agreement(schema):
    desk = _response_object(schema, "/api/v1/agreement/", "get")

    assert set(desk["properties"]) == DESK
    assert set(_resolved(schema, desk["properties"]["pairwise"])["properties"]) == PAIR
    per_label = _resolved(schema, desk["properties"]["per_label"])
    assert set(per_label["properties"]) == {"label", "ratings", "kappa"}
    assert set(_resolved(schema, per_label["properties"]["kappa"])["properties"]) == STATISTIC
    alpha = _resolved(schema, desk["properties"]["details"])["properties"]["alpha_ordinal"]
    assert set(_resolved(schema, alpha)["properties"]) == STATISTIC | {
        "ci_low",
        "ci_high",
        "ci_confidence",
        "ci_reason",
    }


def test_the_schema_names_every_field_of_an_articles_agreement(schema):
    article = _response_object(schema, "/api/v1/articles/{id}/agreement/", "get")

    assert set(article["properties"]) == ARTICLE
    assert set(_resolved(schema, article["properties"]["pairwise"])["properties"]) == PAIR
    spreads = _resolved(schema, article["properties"]["unit_spreads"])
    assert {"unit", "start", "end", "labels", "ordinal_spread"} <= set(spreads["properties"])
    details = _resolved(schema, article["properties"]["details"])["properties"]
    assert set(details) == ARTICLE - {
        "article",
        "reasons",
        "details",
        "units",
        "reviewers",
        "computed_at",
        "stale",
        "unit_spreads",
        "pairwise",
    }


@pytest.mark.parametrize("which", ["disputed", "unanimous"])
def test_a_computed_article_payload_is_exactly_its_serializers_fields(desk_computed, schema, which):
    article = desk_computed[0 if which == "disputed" else 1]
    payload = selectors.article_agreement_payload(article)
    assert payload["computed_at"] is not None
    assert payload["unit_spreads"] and payload["pairwise"] and payload["details"]
    if which == "unanimous":
        assert payload["reasons"]["alpha_nominal"] != selectors.NOT_COMPUTED

    # Rendered through the serializer or as the plain payload: the same JSON, so no field is
    # missing from the serializer and none is added by it.
    assert _json(ArticleAgreementSerializer(payload).data) == _json(payload)
    _schema_lists(
        schema, _response_object(schema, "/api/v1/articles/{id}/agreement/", "get"), payload, "$"
    )


def test_a_computed_desk_payload_is_exactly_its_serializers_fields(desk_computed, schema):
    payload = selectors.desk_agreement_payload()
    for name in ("per_label", "pairwise", "reviewer_vs_final", "warnings"):
        assert payload[name], name
    assert payload["confidence_intervals"] and payload["details"]

    assert _json(DeskAgreementSerializer(payload).data) == _json(payload)
    _schema_lists(schema, _response_object(schema, "/api/v1/agreement/", "get"), payload, "$")


def test_payloads_never_computed_are_their_serializers_fields_too(article):
    article_payload = selectors.article_agreement_payload(article)
    desk_payload = selectors.desk_agreement_payload()

    assert _json(ArticleAgreementSerializer(article_payload).data) == _json(article_payload)
    assert _json(DeskAgreementSerializer(desk_payload).data) == _json(desk_payload)


def test_the_endpoints_serve_the_payloads_unchanged(desk_computed, api_as, editor):
    client = api_as(editor)

    for article in desk_computed:
        served = client.get(f"/api/v1/articles/{article.pk}/agreement/").json()
        assert served == _json(selectors.article_agreement_payload(article))
    assert client.get("/api/v1/agreement/").json() == _json(selectors.desk_agreement_payload())
