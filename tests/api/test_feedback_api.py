"""GET /api/v1/feedback/: the requesting reviewer's own figures, as the feedback page shows
them, with colleagues named as the desk names reviewers, and for reviewers only."""

from __future__ import annotations

import pytest

from annotations.api.feedback_serializers import FeedbackSerializer
from annotations.models import DeskSettings
from annotations.selectors.feedback import feedback_key, feedback_pseudonym
from tests.factories import ArticleFactory, UserFactory
from tests.feedback_desk import decided_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def overruled(alice, bob):
    """November 2026: Alice Mixed and Bob False, decided False; both True, decided True."""
    article = ArticleFactory()
    decided_units(article, ratings={alice: "mixed", bob: "false"}, final="false")
    decided_units(article, ratings={alice: "true", bob: "true"}, final="true")


def test_a_reviewer_reads_their_figures_by_month(api_as, alice, overruled):
    response = api_as(alice).get("/api/v1/feedback/")

    assert response.status_code == 200
    body = response.json()
    assert body["reviewer"] == "alice"
    assert body["widest_distance"] == 4
    assert body["total"] == {"units": 2, "agreed": 1, "agreement": 0.5, "mean_distance": 1.0}
    november = body["months"][0]
    assert november["month"] == "2026-11-01"
    assert (november["units"], november["agreed"], november["agreement"]) == (2, 1, 0.5)


def test_kappa_with_colleagues_names_them_unless_names_are_hidden(api_as, alice, bob, overruled):
    [colleague] = api_as(alice).get("/api/v1/feedback/").json()["colleagues"]
    assert colleague["colleague"] == "bob"
    assert colleague["units"] == 2
    # Alice Mixed, True; Bob False, True: p_o = 1/2, p_e = 1/4, kappa = (1/4) / (3/4) = 1/3.
    assert colleague["kappa"]["value"] == pytest.approx(1 / 3)
    assert colleague["months"][0]["kappa"]["value"] == pytest.approx(1 / 3)

    DeskSettings.load()
    DeskSettings.objects.filter(pk=1).update(hide_reviewer_names=True)
    body = api_as(alice).get("/api/v1/feedback/").json()
    assert body["names_hidden"] is True
    assert body["colleagues"][0]["colleague"] == feedback_pseudonym(feedback_key(bob.pk))
    assert "bob" not in str(body)


def test_the_payload_has_exactly_the_documented_fields(api_as, alice, overruled):
    body = api_as(alice).get("/api/v1/feedback/").json()

    assert set(body) == set(FeedbackSerializer().fields)
    month_fields = set(FeedbackSerializer().fields["months"].child.fields)
    assert all(set(month) == month_fields for month in body["months"])


def test_a_reviewer_without_decided_work_gets_empty_figures(api_as, alice):
    body = api_as(alice).get("/api/v1/feedback/").json()

    assert body["months"] == [] and body["colleagues"] == []
    assert body["total"]["units"] == 0 and body["total"]["agreement"] is None


def test_only_reviewers_read_their_feedback(api_as, editor, overruled):
    assert api_as(editor).get("/api/v1/feedback/").status_code == 403
    assert api_as(UserFactory()).get("/api/v1/feedback/").status_code == 403
    assert api_as(None).get("/api/v1/feedback/").status_code in (401, 403)


def test_an_unknown_query_parameter_is_refused(api_as, alice):
    response = api_as(alice).get("/api/v1/feedback/?reviewer=bob")

    assert response.status_code == 400
    assert "reviewer" in response.content.decode()
