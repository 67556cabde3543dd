"""The review queue API: ranking, deciding, publishing, correcting, and who may do what."""

from __future__ import annotations

import pytest

from annotations.models import ClaimUnit, DeskSettings, Verdict
from tests.factories import ArticleFactory, EditorFactory, claims_reviewed

pytestmark = pytest.mark.django_db

TEXT = (
    "The mayor said crime fell by 30 percent last year. "
    "She also claimed the city has the lowest taxes in the region. "
    "Unemployment stands at 4 percent, the lowest in a decade."
)
CRIME = "crime fell by 30 percent last year"
TAXES = "the city has the lowest taxes in the region"
JOBS = "Unemployment stands at 4 percent"


@pytest.fixture
def disputed(django_capture_on_commit_callbacks):
    """Crime: True vs False (spread 4). Taxes: False vs Mostly false (1). Jobs: one review."""
    article = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true", TAXES: "false"}, sources=True)
        claims_reviewed(
            article, {CRIME: "false", TAXES: "mostly-false", JOBS: "true"}, sources=True
        )
    return article


def unit_of(article, claim) -> ClaimUnit:
    start = article.text.index(claim)
    return ClaimUnit.objects.get(article=article, start=start)


def decide(client, unit, *, version=None, label="false", sources=(), claim="Crime halved"):
    return client.post(
        f"/api/v1/units/{unit.pk}/decide/",
        {
            "version": version or unit.version,
            "label": label,
            "claim_reviewed": claim,
            "explanation": "Police figures show a 3% fall.",
            "claimant": "The mayor",
            "sources": list(sources),
        },
        format="json",
    )


def test_the_queue_puts_the_most_disputed_claim_first(api_as, editor, disputed):
    body = api_as(editor).get("/api/v1/units/").json()

    passages = [row["passage"] for row in body["results"]]
    assert passages == [CRIME, TAXES, JOBS]
    assert [row["ordinal_spread"] for row in body["results"]] == [4, 1, None]
    assert [row["needs_more_reviews"] for row in body["results"]] == [False, False, True]
    assert body["counts"]["needs_review"] == 3


def test_the_queue_filters_by_label_and_reviewer(api_as, editor, disputed):
    client = api_as(editor)
    by_label = client.get("/api/v1/units/?label=mostly-false").json()["results"]
    first_reviewer = unit_of(disputed, JOBS).annotations.get().reviewer.username
    by_reviewer = client.get(f"/api/v1/units/?reviewer={first_reviewer}").json()["results"]

    assert [row["passage"] for row in by_label] == [TAXES]
    assert sorted(row["passage"] for row in by_reviewer) == sorted([CRIME, TAXES, JOBS])
    assert client.get("/api/v1/units/?status=bogus").status_code == 400


def test_an_editor_decides_and_publishes_and_the_verdict_is_served(api_as, editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = api_as(editor)
    source_ids = list(unit.annotations.values_list("sources__pk", flat=True))[:1]

    decided = decide(client, unit, sources=source_ids)
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "decided"
    verdict_id = decided.json()["verdict"]["id"]
    assert api_as(None).get("/api/v1/verdicts/").json()["results"] == []

    published = client.post(
        f"/api/v1/verdicts/{verdict_id}/publish/",
        {"version": decided.json()["version"]},
        format="json",
    )
    assert published.status_code == 200, published.content

    served = api_as(None).get("/api/v1/verdicts/").json()["results"]
    assert [v["id"] for v in served] == [verdict_id]
    assert served[0]["label"] == "false"
    assert served[0]["claim_reviewed"] == "Crime halved"
    assert served[0]["sources"][0]["url"].startswith("https://stats.example.org/")
    assert api_as(editor).get("/api/v1/units/").json()["counts"]["published"] == 1


def test_a_stale_version_gets_a_conflict_and_nothing_is_overwritten(api_as, editor, disputed):
    unit = unit_of(disputed, CRIME)
    first = decide(api_as(editor), unit, label="false")
    assert first.status_code == 200

    second = decide(api_as(EditorFactory()), unit, label="true", version=unit.version)

    assert second.status_code == 409
    assert second.json()["code"] == "version_conflict"
    assert Verdict.objects.get(unit=unit).label.slug == "false"


def test_a_verdict_can_only_cite_this_units_sources(api_as, editor, disputed):
    other_sources = unit_of(disputed, TAXES).annotations.values_list("sources__pk", flat=True)

    response = decide(api_as(editor), unit_of(disputed, CRIME), sources=list(other_sources))

    assert response.status_code == 400
    assert "sources" in response.json()


def test_a_correction_keeps_the_earlier_version_and_shows_a_note(api_as, editor, disputed):
    client = api_as(editor)
    unit = unit_of(disputed, CRIME)
    verdict_id = decide(client, unit).json()["verdict"]["id"]
    unit.refresh_from_db()
    client.post(f"/api/v1/verdicts/{verdict_id}/publish/", {"version": unit.version}, format="json")
    unit.refresh_from_db()

    corrected = client.post(
        f"/api/v1/verdicts/{verdict_id}/correct/",
        {
            "version": unit.version,
            "note": "We misread the police figures.",
            "label": "mostly-false",
            "claim_reviewed": "Crime halved",
        },
        format="json",
    )

    assert corrected.status_code == 200, corrected.content
    body = api_as(None).get(f"/api/v1/verdicts/{verdict_id}/").json()
    assert body["label"] == "mostly-false"
    assert body["corrections"][0]["note"] == "We misread the police figures."
    correction = Verdict.objects.get(pk=verdict_id).corrections.get()
    assert correction.previous["label"] == "false"


def test_unpublished_verdicts_leave_the_public_list(api_as, editor, disputed):
    client = api_as(editor)
    unit = unit_of(disputed, CRIME)
    verdict_id = decide(client, unit).json()["verdict"]["id"]
    unit.refresh_from_db()
    client.post(f"/api/v1/verdicts/{verdict_id}/publish/", {"version": unit.version}, format="json")
    unit.refresh_from_db()

    client.post(
        f"/api/v1/verdicts/{verdict_id}/unpublish/", {"version": unit.version}, format="json"
    )

    assert api_as(None).get("/api/v1/verdicts/").json()["results"] == []
    assert api_as(None).get(f"/api/v1/verdicts/{verdict_id}/").status_code == 404
    assert client.get(f"/api/v1/verdicts/{verdict_id}/").status_code == 200


def test_reject_and_send_back_take_a_unit_out_of_the_needs_review_list(api_as, editor, disputed):
    client = api_as(editor)
    crime, taxes = unit_of(disputed, CRIME), unit_of(disputed, TAXES)

    rejected = client.post(f"/api/v1/units/{crime.pk}/reject/", {"version": 1}, format="json")
    sent_back = client.post(f"/api/v1/units/{taxes.pk}/send-back/", {"version": 1}, format="json")

    assert rejected.json()["status"] == "rejected"
    assert sent_back.json()["status"] == "more_reviews"
    queue = client.get("/api/v1/units/?status=needs_review").json()["results"]
    assert [row["passage"] for row in queue] == [JOBS]


def test_merge_folds_two_units_and_split_separates_them_again(api_as, editor, disputed):
    client = api_as(editor)
    taxes, jobs = unit_of(disputed, TAXES), unit_of(disputed, JOBS)
    # The taxes unit holds both reviewers: merging jobs (reviewed by one of them) is refused.
    refused = client.post(
        f"/api/v1/units/{taxes.pk}/merge/",
        {"other": jobs.pk, "version": 1, "other_version": 1},
        format="json",
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "merge_same_reviewer"

    moving = [taxes.annotations.order_by("pk").first().pk]
    split = client.post(
        f"/api/v1/units/{taxes.pk}/split/", {"annotations": moving, "version": 1}, format="json"
    )

    assert split.status_code == 201, split.content
    new_unit = ClaimUnit.objects.get(pk=split.json()["id"])
    assert new_unit.is_manual
    assert list(new_unit.annotations.values_list("pk", flat=True)) == moving
    assert ClaimUnit.objects.get(pk=taxes.pk).annotations.count() == 1


def test_reviewer_names_can_be_hidden_from_adjudication(api_as, editor, disputed):
    DeskSettings.objects.update_or_create(pk=1, defaults={"hide_reviewer_names": True})

    body = api_as(editor).get(f"/api/v1/units/{unit_of(disputed, CRIME).pk}/").json()

    assert sorted(a["reviewer"] for a in body["annotations"]) == ["Reviewer 1", "Reviewer 2"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/units/"),
        ("get", "/api/v1/units/{unit}/"),
        ("post", "/api/v1/units/{unit}/decide/"),
        ("post", "/api/v1/units/{unit}/start/"),
        ("post", "/api/v1/units/{unit}/reject/"),
        ("post", "/api/v1/units/{unit}/send-back/"),
        ("post", "/api/v1/units/{unit}/merge/"),
        ("post", "/api/v1/units/{unit}/split/"),
        ("post", "/api/v1/verdicts/{verdict}/publish/"),
        ("post", "/api/v1/verdicts/{verdict}/unpublish/"),
        ("post", "/api/v1/verdicts/{verdict}/correct/"),
        ("post", "/api/v1/articles/{article}/assign/"),
    ],
)
def test_reviewers_get_403_on_every_queue_endpoint(api_as, editor, disputed, method, path):
    unit = unit_of(disputed, CRIME)
    verdict_id = decide(api_as(editor), unit).json()["verdict"]["id"]
    reviewer = unit.annotations.first().reviewer
    url = path.format(unit=unit.pk, verdict=verdict_id, article=disputed.pk)

    response = getattr(api_as(reviewer), method)(url, {"version": 99}, format="json")

    assert response.status_code == 403


def test_editors_cannot_edit_a_reviewers_annotation_from_the_queue(api_as, editor, disputed):
    annotation = unit_of(disputed, CRIME).annotations.first()

    response = api_as(editor).patch(
        f"/api/v1/annotations/{annotation.pk}/", {"verdict": "true"}, format="json"
    )

    assert response.status_code == 403


def test_queue_queries_do_not_grow_with_units(
    api_as, editor, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client = api_as(editor)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(ArticleFactory(text=TEXT), {CRIME: "true", TAXES: "false"})
    with django_assert_max_num_queries(10) as baseline:
        client.get("/api/v1/units/")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            article = ArticleFactory(text=TEXT)
            claims_reviewed(article, {CRIME: "true", TAXES: "false", JOBS: "mixed"})
            claims_reviewed(article, {CRIME: "false", TAXES: "false"})

    assert baseline.captured_queries
    with django_assert_max_num_queries(len(baseline.captured_queries)) as many:
        body = client.get("/api/v1/units/").json()
    assert many.captured_queries

    assert body["count"] == 20


def test_desk_statistics_compare_each_reviewer_with_the_final_verdicts(
    api_as, editor, disputed, django_capture_on_commit_callbacks
):
    crime = unit_of(disputed, CRIME)
    said_true = crime.annotations.get(verdict__slug="true").reviewer.username
    said_false = crime.annotations.get(verdict__slug="false").reviewer.username
    client = api_as(editor)
    assert decide(client, crime, label="false").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/agreement/")
    rows = {
        row["reviewer"]: row for row in client.get("/api/v1/agreement/").json()["reviewer_vs_final"]
    }

    assert rows[said_false]["units"] == 1
    assert rows[said_false]["agreement"] == 1.0
    assert rows[said_true]["agreement"] == 0.0


def test_every_editorial_change_to_a_unit_is_in_its_history(api_as, editor, disputed):
    unit = unit_of(disputed, TAXES)
    client = api_as(editor)
    client.post(f"/api/v1/units/{unit.pk}/start/", {"version": 1}, format="json")
    client.post(f"/api/v1/units/{unit.pk}/send-back/", {"version": 2}, format="json")

    records = list(unit.history.order_by("history_date"))

    assert [r.status for r in records][-2:] == ["in_adjudication", "more_reviews"]
    assert {r.history_user for r in records[-2:]} == {editor}
    assert [r.version for r in records][-2:] == [2, 3]


@pytest.mark.parametrize(
    ("status", "has_verdict", "expected"),
    [
        ("needs_review", False, {"start", "decide", "reject", "send_back", "merge", "split"}),
        ("in_adjudication", False, {"decide", "reject", "send_back", "merge", "split"}),
        ("decided", True, {"decide", "publish"}),
        ("published", True, {"unpublish", "correct"}),
        ("unpublished", True, {"decide", "publish"}),
        ("rejected", False, set()),
    ],
)
def test_the_actions_offered_are_the_ones_the_services_accept(status, has_verdict, expected):
    from annotations.services.adjudication import unit_actions_allowed

    unit = ClaimUnit(status=status)

    assert unit_actions_allowed(unit, has_verdict=has_verdict) == expected
