"""GET /api/v1/search/: paged results with marked snippets, strict parameters, desk members
only (selectors.search does the searching; tests/selectors/test_search.py covers it)."""

from __future__ import annotations

import pytest

from annotations.models import Claim
from tests.factories import UserFactory
from tests.search_desk import search_desk

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/search/"


def test_results_come_paged_with_their_fields(api_as, alice, editor):
    desk = search_desk(editor)

    response = api_as(alice).get(SEARCH, {"q": "burglaries"})

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    (result,) = body["results"]
    assert {k: result[k] for k in ("kind", "id", "title", "url", "label", "label_name")} == {
        "kind": "verdict",
        "id": desk.published.pk,
        "title": "Tariffs on steel doubled in 2025",
        "url": f"/verdicts/{desk.published.pk}/",
        "label": "false",
        "label_name": "False",
    }
    assert "<mark>burglaries</mark>" in result["snippet"]
    assert "burglaries" in result["text"] and "<mark>" not in result["text"]
    assert set(result) == {
        "kind", "id", "title", "url", "snippet", "text", "score", "label", "label_name",
        "date", "publisher", "language",
    }  # fmt: skip


def test_pages_follow_limit_and_offset(api_as, alice, db):
    for n in range(5):
        Claim.objects.create(text=f"Ferries sailed {n} times")

    first = api_as(alice).get(SEARCH, {"q": "ferries", "limit": 2}).json()
    last = api_as(alice).get(SEARCH, {"q": "ferries", "limit": 2, "offset": 4}).json()

    assert (first["count"], len(first["results"]), "offset=2" in first["next"]) == (5, 2, True)
    assert (len(last["results"]), last["next"]) == (1, None)
    ids = {r["id"] for r in first["results"]} | {r["id"] for r in last["results"]}
    assert len(ids) == 3


def test_filters_are_applied(api_as, alice, editor):
    desk = search_desk(editor)

    response = api_as(alice).get(SEARCH, {"q": "tariffs", "source": "external"})

    assert [(r["kind"], r["id"]) for r in response.json()["results"]] == [
        ("fact-check", desk.fact_check.pk)
    ]


def test_stored_script_comes_back_escaped(api_as, alice, db):
    Claim.objects.create(text="<script>steal()</script> quotas rose")

    (result,) = api_as(alice).get(SEARCH, {"q": "quotas"}).json()["results"]

    # PostgreSQL may start the fragment after the "<": the closing tag is there either way.
    assert "<script" not in result["snippet"] and "</script" not in result["snippet"]
    assert "steal()&lt;/script&gt;" in result["snippet"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"q": "-tariffs"}, "q"),
        ({"q": "!!!"}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"q": "tariffs", "kind": "opinion"}, "kind"),
        ({"q": "tariffs", "kind": ""}, "kind"),
        ({"q": "tariffs", "label": "nonsense"}, "label"),
        ({"q": "tariffs", "label": "not a slug"}, "label"),
        ({"q": "tariffs", "date_from": "10/12/2026"}, "date_from"),
        ({"q": "tariffs", "date_from": "2026-12-01", "date_to": "2026-11-01"}, "date_to"),
        ({"q": "tariffs", "publisher": ""}, "publisher"),
        ({"q": "tariffs", "language": "english!"}, "language"),
        ({"q": "tariffs", "source": "wire"}, "source"),
        ({"q": "tariffs", "limit": "0"}, "limit"),
        ({"q": "tariffs", "offset": "-1"}, "offset"),
        ({"q": "tariffs", "search": "x"}, "search"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_as, alice, params, field):
    response = api_as(alice).get(SEARCH, params)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", {401, 403}), ("no_role", {403}), ("reviewer", {200})]
)
def test_desk_members_only(api_as, alice, role, status):
    user = {"anonymous": None, "no_role": UserFactory(), "reviewer": alice}[role]

    assert api_as(user).get(SEARCH, {"q": "tariffs"}).status_code in status


def test_the_schema_documents_the_endpoint(api_as, alice):
    schema = api_as(alice).get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/search/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "kind", "label", "date_from", "date_to", "publisher", "language", "source",
            "limit", "offset"} <= names  # fmt: skip
    assert "PaginatedSearchResultList" in str(operation["responses"]["200"])
    assert "results" in schema["components"]["schemas"]["PaginatedSearchResultList"]["properties"]
