"""GET /api/v1/verdicts/: a change feed clients sync from, in update order, with tombstones."""

from __future__ import annotations

import datetime

import pytest

from annotations.models import ClaimUnit, Verdict
from annotations.services.adjudication import VerdictInput, verdict_correct, verdict_unpublish
from tests.factories import ArticleFactory, EditorFactory, verdict

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
T0 = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


def make_verdict(*, published=True, label="false", article=None, claim="A claim") -> Verdict:
    article = article or ArticleFactory()
    start = article.text.index(CLAIM)
    unit = ClaimUnit.objects.create(
        article=article,
        kind="claim",
        start=start,
        end=start + len(CLAIM),
        status="published" if published else "decided",
    )
    return Verdict.objects.create(
        unit=unit,
        label=verdict(label),
        claim_reviewed=claim,
        is_published=published,
        published_at=T0 if published else None,
        first_published_at=T0 if published else None,
    )


def stamp(verdict_obj: Verdict, minutes: int) -> None:
    Verdict.objects.filter(pk=verdict_obj.pk).update(
        updated_at=T0 + datetime.timedelta(minutes=minutes)
    )


def test_the_feed_is_in_update_order_and_pages_with_a_cursor(api_as):
    made = [make_verdict(claim=f"Claim {n}") for n in range(5)]
    for minutes, item in zip([5, 1, 4, 2, 3], made, strict=True):
        stamp(item, minutes)
    client = api_as(None)

    first = client.get("/api/v1/verdicts/?page_size=2").json()
    second = client.get(first["next"]).json()

    claims = [v["claim_reviewed"] for v in first["results"] + second["results"]]
    assert claims == ["Claim 1", "Claim 3", "Claim 4", "Claim 2"]
    assert "cursor=" in first["next"]


def test_updated_after_gives_changes_since_then_including_withdrawals(api_as):
    editor = EditorFactory()
    kept, withdrawn, old = (
        make_verdict(claim="Kept"),
        make_verdict(claim="Withdrawn"),
        make_verdict(),
    )
    stamp(old, -60)
    verdict_unpublish(verdict=withdrawn, editor=editor, seen_version=withdrawn.unit.version)
    verdict_correct(
        verdict=kept,
        editor=editor,
        seen_version=kept.unit.version,
        note="Typo fixed.",
        changes=VerdictInput(label=verdict("mostly-false"), claim_reviewed="Kept, corrected"),
    )

    feed = api_as(None).get("/api/v1/verdicts/?updated_after=2026-11-01T00:00:00Z").json()

    by_id = {item["id"]: item for item in feed["results"]}
    assert set(by_id) == {kept.pk, withdrawn.pk}
    assert by_id[kept.pk]["claim_reviewed"] == "Kept, corrected"
    assert by_id[kept.pk]["corrections"][0]["note"] == "Typo fixed."
    assert by_id[withdrawn.pk] == {
        "id": withdrawn.pk,
        "is_published": False,
        "updated_at": by_id[withdrawn.pk]["updated_at"],
    }


def test_a_withdrawn_verdict_is_simply_absent_from_the_plain_list(api_as):
    editor = EditorFactory()
    withdrawn = make_verdict(claim="Withdrawn")
    verdict_unpublish(verdict=withdrawn, editor=editor, seen_version=withdrawn.unit.version)

    assert api_as(None).get("/api/v1/verdicts/").json()["results"] == []


def test_drafts_never_appear_in_the_feed(api_as):
    make_verdict(published=False, claim="Never published")

    feed = api_as(None).get("/api/v1/verdicts/?updated_after=2000-01-01T00:00:00Z").json()

    assert feed["results"] == []


def test_editors_see_drafts_in_full(api_as, editor):
    make_verdict(published=False, claim="Draft")

    results = api_as(editor).get("/api/v1/verdicts/").json()["results"]

    assert [v["claim_reviewed"] for v in results] == ["Draft"]


def test_the_feed_filters_by_label_and_article(api_as):
    article = ArticleFactory()
    wanted = make_verdict(label="true", article=article)
    make_verdict(label="false")

    by_label = api_as(None).get("/api/v1/verdicts/?label=true").json()["results"]
    by_article = api_as(None).get(f"/api/v1/verdicts/?article={article.pk}").json()["results"]

    assert [v["id"] for v in by_label] == [wanted.pk]
    assert [v["id"] for v in by_article] == [wanted.pk]


@pytest.mark.parametrize(
    "query",
    [
        "updated_after=yesterday",
        "updated_after=2026-11-25",
        "updated_after=2026-11-25T10:00:00",
        "updated_after=",
        "article=abc",
        "article=",
        "page_size=x",
        "page_size=0",
        "page_size=5000",
        "cursor=not-a-cursor",
    ],
)
def test_malformed_feed_parameters_are_400s_naming_the_parameter(api_as, query):
    response = api_as(None).get(f"/api/v1/verdicts/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_the_feed_uses_as_many_queries_for_50_verdicts_as_for_2(
    api_as, django_assert_max_num_queries
):
    for _ in range(2):
        make_verdict()
    client = api_as(None)
    with django_assert_max_num_queries(20) as few:
        client.get("/api/v1/verdicts/")
    for _ in range(48):
        make_verdict()
    assert few.captured_queries

    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert len(client.get("/api/v1/verdicts/").json()["results"]) == 50
    assert many.captured_queries


@pytest.mark.parametrize("value", ["1e1000000", "99999999999999999999999", "0", "-3", "1.5"])
def test_an_article_filter_that_is_no_id_is_refused_before_any_query(api_as, value):
    response = api_as(None).get(f"/api/v1/verdicts/?article={value}")

    assert response.status_code == 400
    # The database was never asked: the request's transaction is still usable.
    assert api_as(None).get("/api/v1/verdicts/").status_code == 200


def test_a_time_with_an_offset_postgresql_would_refuse_is_compared_in_utc(api_as):
    make_verdict(claim="Published on the first")

    response = api_as(None).get("/api/v1/verdicts/?published_after=2026-10-31T23:00:00%2B16:00")

    assert response.status_code == 200
    assert [v["claim_reviewed"] for v in response.json()["results"]] == ["Published on the first"]
