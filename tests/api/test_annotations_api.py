"""The annotation endpoints: the write shape, the read shape, and every kind of bad input."""

from __future__ import annotations

import pytest

from annotations.models import Annotation, Review, Source
from tests.factories import AnnotationFactory, ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."


def claim_payload(article, **overrides):
    start = article.text.index(CLAIM)
    payload = {
        "article": article.pk,
        "kind": "claim",
        "target": {
            "exact": CLAIM,
            "prefix": article.text[start - 10 : start],
            "suffix": "",
            "start": start,
            "end": start + len(CLAIM),
        },
        "verdict": "mostly-false",
        "rationale": "Unemployment rose by 12%.",
        "sources": [
            {"url": "https://stats.example.org/jobs", "title": "Jobs report", "stance": "refutes"}
        ],
    }
    payload.update(overrides)
    return payload


def test_reviewer_creates_an_annotation_and_reads_it_back_in_the_same_shape(api_as, alice, article):
    response = api_as(alice).post("/api/v1/annotations/", claim_payload(article), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    start = article.text.index(CLAIM)
    assert body["target"] == {
        "exact": CLAIM,
        "prefix": article.text[start - 32 : start],
        "suffix": "",
        "start": start,
        "end": start + len(CLAIM),
    }
    assert body["verdict"] == "mostly-false"
    assert body["reviewer"] == "alice"
    assert body["sources"][0]["url"] == "https://stats.example.org/jobs"
    assert body["sources"][0]["stance"] == "refutes"
    assert body["revision"] == 1
    assert body["anchor"] == {
        "revision": 1,
        "start": start,
        "end": start + len(CLAIM),
        "method": "position",
        "confidence": 1.0,
        "change": None,
    }
    assert {"id", "created", "modified"} <= body.keys()
    fetched = api_as(alice).get(f"/api/v1/annotations/{body['id']}/").json()
    assert fetched == body


def test_creating_an_annotation_opens_the_reviewers_review(api_as, alice, article):
    api_as(alice).post("/api/v1/annotations/", claim_payload(article), format="json")

    review = Review.objects.get(article=article, reviewer=alice)
    assert review.status == Review.Status.IN_PROGRESS


def test_a_retried_post_is_refused_with_a_409_naming_the_first_highlight(api_as, alice, article):
    first = api_as(alice).post("/api/v1/annotations/", claim_payload(article), format="json")
    again = api_as(alice).post("/api/v1/annotations/", claim_payload(article), format="json")

    assert first.status_code == 201, first.content
    assert again.status_code == 409, again.content
    body = again.json()
    assert body["code"] == "annotation_duplicate"
    assert f"highlight #{first.json()['id']}" in body["detail"]
    assert Annotation.objects.count() == 1
    assert Source.objects.count() == 1


def test_a_quote_needs_its_speaker(api_as, alice, article):
    response = api_as(alice).post(
        "/api/v1/annotations/", claim_payload(article, kind="quote"), format="json"
    )

    assert response.status_code == 400
    assert "speaker" in response.json()


def test_posted_owner_and_read_only_fields_are_ignored(api_as, alice, bob, article):
    payload = claim_payload(article, reviewer=bob.pk, id=999, created="2000-01-01T00:00:00Z")

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 201
    annotation = Annotation.objects.get(pk=response.json()["id"])
    assert annotation.reviewer == alice
    assert annotation.pk != 999
    assert annotation.created.year != 2000


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": 1}, "exact"),  # shifted by one: the quote is not there
        ({"exact": "Critics say unemployment has tripled since 2020."}, "exact"),
        ({"start": 50, "end": 40}, "end"),
        ({"end": 10_000_000}, "end"),
        ({"start": -1}, "start"),
        ({"start": "twelve"}, "start"),
        ({"start": 1.5}, "start"),
        ({"exact": ""}, "exact"),
        ({"prefix": "something else entirely"}, "prefix"),
        ({"suffix": "not what follows"}, "suffix"),
    ],
)
def test_a_target_that_does_not_match_the_text_is_refused_field_by_field(
    api_as, alice, article, change, field
):
    payload = claim_payload(article)
    start = article.text.index(CLAIM)
    if change.get("start") == 1:
        change = {"start": start - 1, "end": start - 1 + len(CLAIM)}
    payload["target"] = {**payload["target"], **change}

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["target"]
    assert not Annotation.objects.exists()
    assert not Source.objects.exists()


def test_utf16_offsets_sent_by_mistake_are_refused_with_an_explanation(api_as, alice):
    article = ArticleFactory(text="Emoji first 😀😀 then the claim: prices fell by half.")
    claim = "prices fell by half."
    code_points = article.text.index(claim)
    utf16 = len(article.text[:code_points].encode("utf-16-le")) // 2
    payload = {
        "article": article.pk,
        "target": {"exact": claim, "start": utf16, "end": utf16 + len(claim)},
        "verdict": "false",
    }

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    message = response.json()["target"]["exact"][0]
    assert "UTF-16" in message
    assert f"start {code_points}" in message


def test_code_point_offsets_after_astral_characters_are_accepted(api_as, alice):
    article = ArticleFactory(text="𝕏 and 😀 before: the bridge cost 3 million.")
    claim = "the bridge cost 3 million."
    start = article.text.index(claim)
    payload = {
        "article": article.pk,
        "target": {"exact": claim, "start": start, "end": start + len(claim)},
        "verdict": "true",
    }

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["target"]["start"] == start


def test_an_over_long_highlight_is_refused(api_as, alice, settings):
    settings.ANNOTATION_MAX_CHARACTERS = 20
    article = ArticleFactory()
    payload = claim_payload(article)

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    assert "at most 20" in response.json()["target"]["exact"][0]


def test_an_unknown_verdict_is_refused(api_as, alice, article):
    response = api_as(alice).post(
        "/api/v1/annotations/", claim_payload(article, verdict="pants-on-fire"), format="json"
    )

    assert response.status_code == 400
    assert "verdict" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " https://example.org/leading-space",
        "https://example.org/trailing-space ",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/file",
        "//example.org/no-scheme",
        "https:///no-host",
        "http://exa\nmple.org/",
        "",
    ],
)
def test_a_source_url_that_is_not_plain_http_is_refused(api_as, alice, article, url):
    payload = claim_payload(article, sources=[{"url": "https://ok.example.org/"}, {"url": url}])

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400, response.content
    assert "url" in response.json()["sources"]["1"]
    assert not Annotation.objects.exists()


def test_an_upper_case_url_scheme_is_stored_in_canonical_form(api_as, alice, article):
    payload = claim_payload(article, sources=[{"url": "HTTPS://Example.org/Report"}])

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 201
    assert response.json()["sources"][0]["url"] == "https://Example.org/Report"


def test_a_wrongly_typed_body_gets_a_clear_400(api_as, alice, article):
    for body in (["a", "list"], "a string", {"article": "twelve"}, {"target": "x"}):
        response = api_as(alice).post("/api/v1/annotations/", body, format="json")
        assert response.status_code == 400, (body, response.content)


def test_malformed_json_gets_a_400(api_as, alice):
    response = api_as(alice).post(
        "/api/v1/annotations/", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json()


def test_an_oversized_body_gets_a_413_and_saves_nothing(api_as, alice, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    payload = claim_payload(article, rationale="x" * 20_000)

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 413
    assert not Annotation.objects.exists()


def test_an_article_the_user_cannot_see_does_not_exist_for_posting(api_as, article):
    from tests.factories import UserFactory

    outsider = UserFactory(username="nobody")  # logged in, but no role on the desk

    response = api_as(outsider).post("/api/v1/annotations/", claim_payload(article), format="json")

    assert response.status_code == 403


def test_an_editor_cannot_annotate(api_as, editor, article):
    response = api_as(editor).post("/api/v1/annotations/", claim_payload(article), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "not_reviewer"


def test_anonymous_clients_are_refused(api_as, article):
    assert api_as(None).get("/api/v1/annotations/").status_code in (401, 403)
    assert api_as(None).post("/api/v1/annotations/", {}, format="json").status_code in (401, 403)


def test_patch_changes_the_verdict_and_replaces_the_sources(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)
    SourceFactory(annotation=annotation)

    response = api_as(alice).patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {
            "verdict": "false",
            "sources": [{"url": "https://new.example.org/", "stance": "supports"}],
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == "false"
    assert [s["url"] for s in response.json()["sources"]] == ["https://new.example.org/"]
    assert annotation.sources.count() == 1


def test_patch_with_a_bad_target_changes_nothing(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)

    response = api_as(alice).patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"verdict": "false", "target": {"exact": "nope", "start": 0, "end": 4}},
        format="json",
    )

    assert response.status_code == 400
    annotation.refresh_from_db()
    assert annotation.verdict.slug == "mostly-false"


@pytest.mark.parametrize("target", [{}, {"start": 0}, {"exact": "x", "end": 4}])
def test_patch_with_part_of_a_target_names_what_is_missing(api_as, alice, article, target):
    annotation = AnnotationFactory(article=article, reviewer=alice)

    response = api_as(alice).patch(
        f"/api/v1/annotations/{annotation.pk}/", {"target": target}, format="json"
    )

    assert response.status_code == 400
    missing = {"exact", "start", "end"} - set(target)
    assert set(response.json()["target"]) == missing
    annotation.refresh_from_db()
    assert annotation.verdict.slug == "mostly-false"


def test_turning_a_claim_into_a_quote_needs_a_speaker(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)

    response = api_as(alice).patch(
        f"/api/v1/annotations/{annotation.pk}/", {"kind": "quote"}, format="json"
    )

    assert response.status_code == 400
    assert "speaker" in response.json()


def test_put_is_not_allowed(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)

    response = api_as(alice).put(
        f"/api/v1/annotations/{annotation.pk}/", claim_payload(article), format="json"
    )

    assert response.status_code == 405


def test_delete_removes_the_annotation_and_its_sources(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)
    SourceFactory(annotation=annotation)

    response = api_as(alice).delete(f"/api/v1/annotations/{annotation.pk}/")

    assert response.status_code == 204
    assert not Annotation.objects.exists()
    assert not Source.objects.exists()


def test_the_list_filters_by_article(api_as, alice, article):
    AnnotationFactory(article=article, reviewer=alice)
    AnnotationFactory(article=ArticleFactory(), reviewer=alice)

    response = api_as(alice).get(f"/api/v1/annotations/?article={article.pk}")

    assert len(response.json()["results"]) == 1
    assert response.json()["results"][0]["article"] == article.pk


def test_a_non_numeric_article_filter_is_a_400(api_as, alice):
    response = api_as(alice).get("/api/v1/annotations/?article=abc")

    assert response.status_code == 400
