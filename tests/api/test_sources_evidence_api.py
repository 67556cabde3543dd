"""The sources API's evidence (issue 14): `capture` and `health` on each source, the
`?health=` filter, and the editors' recapture and check-now actions."""

from __future__ import annotations

import pytest

from annotations.models import SourceCapture, SourceHealth
from tests.conftest import client_for
from tests.evidence_site import DriftSite, article_page, sources_cited
from tests.factories import EditorFactory, ReviewerFactory

# Transactions commit as in production, so the tasks sent on commit run in-process at once
# (the embedded default) and the answers show their outcome.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cited(drift_site):
    DriftSite.pages["/kept"] = (200, article_page("Crime fell by 12 percent."))
    DriftSite.pages["/removed"] = (200, article_page("Burglaries fell by a fifth."))
    reviewer = ReviewerFactory()
    sources = sources_cited(reviewer, f"{drift_site}/kept", f"{drift_site}/removed")
    DriftSite.pages.pop("/removed")
    return reviewer, sources


def test_health_is_null_until_checked_then_says_how_the_source_is(cited):
    reviewer, (kept, removed) = cited
    client = client_for(EditorFactory())
    assert client.get(f"/api/v1/sources/{kept.pk}/").json()["health"] is None

    response = client.post(f"/api/v1/sources/{removed.pk}/check/")
    assert response.status_code == 202
    health = response.json()["health"]
    assert health["state"] == "gone" and "404" in health["detail"]
    assert health["checked_at"]

    gone = client.get("/api/v1/sources/", {"health": "gone"}).json()["results"]
    assert [source["id"] for source in gone] == [removed.pk]
    # The reviewer who cited them sees the same on their highlight.
    (annotation,) = client_for(reviewer).get("/api/v1/annotations/").json()["results"]
    assert [s["health"] and s["health"]["state"] for s in annotation["sources"]] == [None, "gone"]


def test_an_unknown_health_value_is_a_clear_400(cited):
    response = client_for(EditorFactory()).get("/api/v1/sources/", {"health": "dead"})
    assert response.status_code == 400
    assert "health" in response.json()


def test_recapture_makes_a_new_capture_and_keeps_the_old(cited):
    _, (kept, _) = cited
    response = client_for(EditorFactory()).post(f"/api/v1/sources/{kept.pk}/recapture/")
    assert response.status_code == 202
    assert response.json()["capture"]["status"] == "captured"
    assert SourceCapture.objects.filter(url=kept.url).count() == 2


@pytest.mark.parametrize("action", ["recapture", "check"])
def test_only_editors_recapture_or_check(cited, action):
    reviewer, (kept, _) = cited
    response = client_for(reviewer).post(f"/api/v1/sources/{kept.pk}/{action}/")
    assert response.status_code == 403
    assert response.json()["code"] == "not_editor"
    assert SourceCapture.objects.filter(url=kept.url).count() == 1
    assert not SourceHealth.objects.exists()


@pytest.mark.parametrize("action", ["recapture", "check"])
def test_an_unknown_source_is_a_404(cited, action):
    assert client_for(EditorFactory()).post(f"/api/v1/sources/999999/{action}/").status_code == 404


@pytest.mark.parametrize("action", ["recapture", "check"])
def test_a_desk_that_does_not_fetch_sources_says_so(cited, settings, action):
    settings.EVIDENCE_CAPTURE = False
    _, (kept, _) = cited
    response = client_for(EditorFactory()).post(f"/api/v1/sources/{kept.pk}/{action}/")
    assert response.status_code == 409
    assert response.json()["code"] == "evidence_capture_off"
