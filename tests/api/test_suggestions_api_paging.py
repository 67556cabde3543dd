"""GET /api/v1/articles/{id}/suggestions/ in pages: `?limit=` (500 unless asked, at most 1000)
and `?offset=` with `count` and `next`, `?revision=<number>` for an earlier revision, and a
clear 400 or 404 for values it cannot serve; a constant number of queries per page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from annotations.api.suggestion_serializers import ArticleSuggestionsSerializer
from annotations.models import ArticleRevision, Suggestion
from tests.conftest import client_for
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WORD = "claim "


def article_with(suggestions: int, *, text_words: int = 1200) -> tuple[object, ArticleRevision]:
    """An article whose latest revision has `suggestions` one-word suggestions, in text order,
    and is marked computed."""
    article = ArticleFactory(text=WORD * text_words)
    revision = article.revisions.get()
    suggested(revision, suggestions)
    return article, revision


def suggested(revision: ArticleRevision, n: int, model: str = "rules") -> list[Suggestion]:
    rows = Suggestion.objects.bulk_create(
        Suggestion(
            article_id=revision.article_id,
            revision=revision,
            kind="claim",
            start=i * len(WORD),
            end=i * len(WORD) + len(WORD) - 1,
            exact=WORD.strip(),
            score=0.5,
            model=model,
        )
        for i in range(n)
    )
    revision.suggested_at = revision.created
    revision.save(update_fields=["suggested_at"])
    return rows


def url(article, query: str = "") -> str:
    return f"/api/v1/articles/{article.pk}/suggestions/{query}"


def test_without_a_limit_a_page_holds_500_suggestions_and_links_the_next(alice):
    article, _ = article_with(501)

    document = client_for(alice).get(url(article)).json()

    assert document["count"] == 501
    assert len(document["results"]) == 500
    assert document["next"] == f"http://testserver{url(article)}?offset=500"
    assert (document["model"], document["revision"], document["computed"]) == ("rules", 1, True)


def test_the_next_links_walk_every_suggestion_once_in_text_order(alice):
    article, revision = article_with(7)
    starts: list[int] = []
    address: str | None = url(article, "?limit=3")
    pages = 0

    while address is not None:
        document = client_for(alice).get(address).json()
        starts += [row["target"]["start"] for row in document["results"]]
        address = document["next"]
        pages += 1

    assert pages == 3
    assert starts == sorted(s.start for s in revision.suggestions.all())
    assert len(set(starts)) == 7


def test_the_last_page_has_no_next_and_an_offset_past_the_end_is_an_empty_page(alice):
    article, _ = article_with(4)

    last = client_for(alice).get(url(article, "?limit=2&offset=2")).json()
    beyond = client_for(alice).get(url(article, "?offset=10")).json()

    assert (len(last["results"]), last["next"], last["count"]) == (2, None, 4)
    # Still the revision's model and count, though the page holds none of its rows.
    assert (beyond["results"], beyond["next"], beyond["count"]) == ([], None, 4)
    assert beyond["model"] == "rules"


def test_a_limit_of_1000_is_served_and_1001_refused(alice):
    article, _ = article_with(1001)

    served = client_for(alice).get(url(article, "?limit=1000")).json()
    refused = client_for(alice).get(url(article, "?limit=1001"))

    assert len(served["results"]) == 1000
    assert refused.status_code == 400
    assert refused.json()["limit"] == ["Must be a whole number between 1 and 1000."]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?limit=0", "limit"),
        ("?limit=ten", "limit"),
        ("?limit=", "limit"),
        ("?offset=-1", "offset"),
        ("?offset=1.5", "offset"),
        ("?revision=0", "revision"),
        ("?revision=latest", "revision"),
        ("?page=2", "page"),
    ],
)
def test_a_bad_value_is_a_400_naming_its_parameter(alice, query, field):
    article, _ = article_with(2)

    answer = client_for(alice).get(url(article, query))

    assert answer.status_code == 400
    body = answer.json()
    assert list(body) == [field]
    assert body[field][0]  # a message saying what to send


def test_an_earlier_revision_is_served_with_its_own_suggestions(alice):
    article, first = article_with(3)
    second = ArticleRevision.objects.create(
        article=article, number=2, title=first.title, text=first.text + "more"
    )
    suggested(second, 5, model="desk-model-2025-03-01")

    latest = client_for(alice).get(url(article)).json()
    earlier = client_for(alice).get(url(article, "?revision=1&limit=2")).json()

    assert (latest["revision"], latest["count"], latest["model"]) == (
        2,
        5,
        "desk-model-2025-03-01",
    )
    assert (earlier["revision"], earlier["count"], earlier["model"]) == (1, 3, "rules")
    address = urlsplit(earlier["next"])
    assert address.path == url(article)
    assert parse_qs(address.query) == {"revision": ["1"], "limit": ["2"], "offset": ["2"]}


def test_a_revision_the_article_does_not_have_is_a_404_saying_so(alice):
    article, _ = article_with(1)
    other, _ = article_with(1)
    ArticleRevision.objects.create(article=other, number=2, title="Other", text="Other text.")

    answer = client_for(alice).get(url(article, "?revision=2"))

    assert answer.status_code == 404
    assert answer.json() == {
        "detail": "This article has no revision 2 (its latest is 1).",
        "code": "revision_not_found",
    }


def test_the_document_keeps_the_issue_shape_with_count_and_next(alice):
    article, _ = article_with(1)

    document = client_for(alice).get(url(article)).json()

    assert set(document) == set(ArticleSuggestionsSerializer().fields)
    assert {"results", "model", "count", "next"} <= set(document)


@pytest.mark.parametrize("rows", [10, 900])
def test_a_page_takes_the_same_number_of_queries_whatever_its_rows(
    alice, rows, django_assert_num_queries
):
    article, _ = article_with(rows)
    client = client_for(alice)

    # The session's user and roles, the article, the revision, the count and model, the page.
    with django_assert_num_queries(5):
        answer = client.get(url(article, "?limit=1000"))

    assert len(answer.json()["results"]) == rows
