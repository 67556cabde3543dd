"""One rule for the free text people write, in the API and the pages (walk 19, finding 16): a
rationale, an explanation, a note or a comment with a text-direction override is refused with
the same message as a name, the typed text kept; nothing is saved."""

from __future__ import annotations

import pytest

from annotations.models import Annotation, Comment, Verdict
from tests.api.test_annotations_api import claim_payload
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db

RLO = "\u202e"
MESSAGE = "Remove the invisible control or text-direction characters (U+202E)."


def test_the_api_refuses_a_rationale_with_a_direction_override(api_as, alice, article):
    payload = claim_payload(article, rationale=f"Checked: {RLO}LTR")

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["rationale"] == [MESSAGE]
    assert not Annotation.objects.exists()


def test_the_api_refuses_a_source_passage_with_a_direction_override(api_as, alice, article):
    source = {"url": "https://stats.example.org/jobs", "passage": f"{RLO}quoted"}
    payload = claim_payload(article, sources=[source])

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["sources"]["0"]["passage"] == [MESSAGE]


def test_the_decision_form_refuses_an_explanation_with_a_direction_override(editor, disputed):
    unit = unit_of(disputed, CRIME)
    explanation = f"Police figures show a {RLO}3% fall."

    response = logged_in(editor).post(
        action_url(unit, "decide"), decision(unit, explanation=explanation)
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert MESSAGE in html
    assert explanation in html  # kept for the editor to correct
    assert not Verdict.objects.exists()


def test_a_comment_with_a_direction_override_is_refused_on_the_page(editor, disputed):
    unit = unit_of(disputed, CRIME)

    response = logged_in(editor).post(f"/discussion/units/{unit.pk}/", {"body": f"{RLO}RTL"})

    assert response.status_code == 400
    assert response.context["form"].errors["body"] == [MESSAGE]
    assert not Comment.objects.exists()


def test_a_comment_with_a_direction_override_is_refused_by_the_api(api_as, editor, disputed):
    unit = unit_of(disputed, CRIME)

    response = api_as(editor).post(
        "/api/v1/comments/", {"unit": unit.pk, "body": "ok \u2067isolated\u2069"}, format="json"
    )

    assert response.status_code == 400, response.content
    assert response.json()["body"] == [
        "Remove the invisible control or text-direction characters (U+2067, U+2069)."
    ]
    assert not Comment.objects.exists()


def test_an_arabic_rationale_with_a_right_to_left_mark_is_taken(api_as, alice, article):
    payload = claim_payload(article, rationale="الرقم 2,000\u200f ممرضة")

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 201, response.content
