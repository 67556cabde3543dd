"""Search, ordering, date ranges, change tracking and pages on the API's lists, and the
strictness that keeps a client's typo from silently widening a query."""

from __future__ import annotations

import datetime

import pytest

from annotations.models import Annotation, Article
from tests.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


def at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def stamp(annotation: Annotation, *, created: int, modified: int) -> None:
    Annotation.objects.filter(pk=annotation.pk).update(created=at(created), modified=at(modified))


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_annotations_are_searched_in_quote_rationale_and_speaker(api_as, alice, article):
    by_rationale = AnnotationFactory(article=article, reviewer=alice, rationale="Census data")
    AnnotationFactory(article=article, reviewer=alice, rationale="Payroll figures")

    response = api_as(alice).get("/api/v1/annotations/?search=census")

    assert ids(response) == [by_rationale.pk]


def test_annotations_page_by_cursor_without_gaps_or_repeats(api_as, alice, article):
    made = [AnnotationFactory(article=article, reviewer=alice) for _ in range(5)]
    for minutes, annotation in enumerate(made):
        stamp(annotation, created=minutes, modified=minutes)
    client = api_as(alice)

    seen, url = [], "/api/v1/annotations/?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]

    assert seen == [a.pk for a in made]


def test_annotations_order_by_creation_newest_first(api_as, alice, article):
    older, newer = (AnnotationFactory(article=article, reviewer=alice) for _ in range(2))
    stamp(older, created=1, modified=9)
    stamp(newer, created=2, modified=3)

    response = api_as(alice).get("/api/v1/annotations/?ordering=-created")

    assert ids(response) == [newer.pk, older.pk]


def test_annotations_updated_after_gives_only_later_changes(api_as, alice, article):
    unchanged, changed = (AnnotationFactory(article=article, reviewer=alice) for _ in range(2))
    stamp(unchanged, created=1, modified=1)
    stamp(changed, created=1, modified=10)

    response = api_as(alice).get("/api/v1/annotations/?updated_after=2026-11-01T00:05:00Z")

    assert ids(response) == [changed.pk]


def test_annotations_filter_by_a_creation_date_range(api_as, alice, article):
    early, middle, late = (AnnotationFactory(article=article, reviewer=alice) for _ in range(3))
    for minutes, annotation in ((1, early), (5, middle), (9, late)):
        stamp(annotation, created=minutes, modified=minutes)

    response = api_as(alice).get(
        "/api/v1/annotations/"
        "?created_after=2026-11-01T00:03:00Z&created_before=2026-11-01T01:08:00%2B01:00"
    )

    assert ids(response) == [middle.pk]


def test_articles_are_searched_by_title_and_ordered_by_title(api_as, alice):
    ArticleFactory(title="Budget vote delayed")
    second = ArticleFactory(title="Zoning budget approved")
    first = ArticleFactory(title="Airport budget doubles")
    ArticleFactory(title="Weather")

    response = api_as(alice).get("/api/v1/articles/?search=budget&ordering=title")

    titles = [item["title"] for item in response.json()["results"]]
    assert titles == ["Airport budget doubles", "Budget vote delayed", "Zoning budget approved"]
    assert response.json()["count"] == 3
    assert {first.pk, second.pk} <= set(ids(response))


def test_articles_filter_by_publication_dates(api_as, alice):
    ArticleFactory(title="Old", published_on=datetime.date(2026, 1, 5))
    ArticleFactory(title="Autumn", published_on=datetime.date(2026, 10, 5))

    response = api_as(alice).get(
        "/api/v1/articles/?published_from=2026-09-01&published_until=2026-10-31"
    )

    assert [item["title"] for item in response.json()["results"]] == ["Autumn"]


def test_articles_updated_after_tracks_changes(api_as, alice):
    old, touched = ArticleFactory(title="Old"), ArticleFactory(title="Touched")
    Article.objects.filter(pk=old.pk).update(modified=at(0))
    Article.objects.filter(pk=touched.pk).update(modified=at(30))

    response = api_as(alice).get("/api/v1/articles/?updated_after=2026-11-01T00:10:00Z")

    assert [item["title"] for item in response.json()["results"]] == ["Touched"]


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/annotations/?ordering=reviewer__password", "ordering"),
        ("/api/v1/annotations/?ordering=", "ordering"),
        ("/api/v1/annotations/?kind=", "kind"),
        ("/api/v1/annotations/?updated_after=2026-11-01", "updated_after"),
        ("/api/v1/annotations/?cursor=abc", "cursor"),
        ("/api/v1/annotations/?page_size=0", "page_size"),
        ("/api/v1/articles/?offset=abc", "offset"),
        ("/api/v1/articles/?offset=-1", "offset"),
        ("/api/v1/articles/?limit=0", "limit"),
        ("/api/v1/articles/?limit=100000", "limit"),
        ("/api/v1/articles/?published_from=10/25/26", "published_from"),
        ("/api/v1/articles/?ordering=text", "ordering"),
        ("/api/v1/annotations/w3c/?page=", "page"),
        ("/api/v1/annotations/?search=%00", "search"),
        ("/api/v1/articles/?search=a%00b", "search"),
        ("/api/v1/verdicts/?search=%00", "search"),
        ("/api/v1/sources/?search=%00", "search"),
    ],
)
def test_a_malformed_list_parameter_is_a_400_naming_it(api_as, alice, path, parameter):
    response = api_as(alice).get(path)

    assert response.status_code == 400
    assert parameter in response.json()


def test_a_cursor_whose_position_is_not_a_time_is_a_400(api_as, alice, article):
    # A well-formed cursor (base64 of "p=...") whose position cannot be a modified time.
    AnnotationFactory(article=article, reviewer=alice)

    response = api_as(alice).get("/api/v1/annotations/?cursor=cD1ub3QtYS10aW1l")

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_number_where_text_belongs_is_refused_not_converted(api_as, editor):
    response = api_as(editor).post(
        "/api/v1/articles/", {"title": "T", "text": 12345}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["text"] == ["Not a valid string."]
    assert not Article.objects.filter(title="T").exists()


def test_an_unknown_api_address_answers_in_json(api_as, alice):
    response = api_as(alice).get("/api/v1/articles/1234567890123456789012/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_an_unknown_page_address_still_answers_in_html(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_annotation_list_uses_as_many_queries_for_60_rows_as_for_3(
    api_as, alice, article, django_assert_max_num_queries
):
    for _ in range(3):
        AnnotationFactory(article=article, reviewer=alice)
    client = api_as(alice)
    with django_assert_max_num_queries(30) as few:
        assert len(client.get("/api/v1/annotations/?search=unemployment").json()["results"]) == 3
    for _ in range(57):
        AnnotationFactory(article=article, reviewer=alice)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/annotations/?search=unemployment").json()["results"]) == 60


def test_an_error_without_a_field_still_has_the_documented_object_shape():
    from rest_framework.exceptions import ValidationError

    from annotations.api.errors import exception_handler

    response = exception_handler(ValidationError(["Something is wrong."]), {})

    assert response.status_code == 400
    assert response.data == {"detail": "Something is wrong.", "code": "invalid"}
