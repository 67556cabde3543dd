"""The article list at scale: pages by keyset, search and filters, bad input refused with a 400,
and a page's queries and size that do not grow with the number of articles."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from annotations.core.keyset import KeysetCursor
from annotations.models import Annotation, Article, Assignment, Review, VerdictLabel
from annotations.selectors.article_list import ARTICLE_LIST_PAGE_SIZE
from tests.factories import ArticleFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<li class="article-card">')
NEWEST = timezone.make_aware(dt.datetime(2026, 11, 30, 12, 0))


def articles_bulk(count: int, **fields: object) -> list[Article]:
    """`count` articles, one minute apart, the newest first ("Article 0" is the newest)."""
    return Article.objects.bulk_create(
        Article(
            title=f"Article {n}",
            publisher="The Daily Example",
            text=f"Text of article {n}.",
            created=NEWEST - dt.timedelta(minutes=n),
            **fields,
        )
        for n in range(count)
    )


def titles(html: str) -> list[str]:
    return re.findall(
        r'class="article-card__link" href="/articles/\d+/" dir="auto">([^<]+)</a>', html
    )


def link(html: str, rel: str) -> str | None:
    found = re.search(rf'href="([^"]+)" rel="{rel}"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_list_shows_a_page_of_the_newest_articles_and_pages_through_the_rest(alice):
    articles_bulk(ARTICLE_LIST_PAGE_SIZE * 2 + 7)
    client = logged_in(alice)

    first = client.get("/").content.decode()
    assert titles(first) == [f"Article {n}" for n in range(ARTICLE_LIST_PAGE_SIZE)]
    assert link(first, "prev") is None
    second_url = link(first, "next")
    assert second_url is not None and "after=" in second_url

    second = client.get(second_url).content.decode()
    assert titles(second) == [
        f"Article {n}" for n in range(ARTICLE_LIST_PAGE_SIZE, ARTICLE_LIST_PAGE_SIZE * 2)
    ]
    third_url = link(second, "next")
    assert third_url is not None
    third = client.get(third_url).content.decode()
    assert titles(third) == [
        f"Article {n}" for n in range(ARTICLE_LIST_PAGE_SIZE * 2, ARTICLE_LIST_PAGE_SIZE * 2 + 7)
    ]
    assert link(third, "next") is None

    back_url = link(third, "prev")
    assert back_url is not None and "before=" in back_url
    assert titles(client.get(back_url).content.decode()) == titles(second)
    back_again = link(client.get(back_url).content.decode(), "prev")
    assert back_again is not None
    assert titles(client.get(back_again).content.decode()) == titles(first)


def test_articles_imported_at_the_same_moment_are_each_listed_once(alice):
    same_time = [
        Article(title=f"Twin {n}", text="Same time.", created=NEWEST)
        for n in range(ARTICLE_LIST_PAGE_SIZE + 3)
    ]
    Article.objects.bulk_create(same_time)
    client = logged_in(alice)

    first = client.get("/").content.decode()
    second = client.get(link(first, "next") or "").content.decode()

    seen = titles(first) + titles(second)
    assert len(seen) == ARTICLE_LIST_PAGE_SIZE + 3
    assert len(set(seen)) == len(seen)


def test_a_page_of_3000_articles_costs_the_queries_and_size_of_a_page_of_a_few(
    alice, django_assert_max_num_queries
):
    few = articles_bulk(ARTICLE_LIST_PAGE_SIZE + 10)
    client = logged_in(alice)
    with django_assert_max_num_queries(30) as baseline:
        small = client.get("/").content.decode()
    assert baseline.captured_queries, "no queries captured: the measurement would be vacuous"
    Article.objects.filter(pk__in=[a.pk for a in few]).delete()

    articles_bulk(3000)
    with django_assert_max_num_queries(len(baseline.captured_queries)) as first_page:
        large = client.get("/").content.decode()
    row = Article.objects.get(title="Article 2000")
    deep = f"/?after={KeysetCursor(row.created, row.pk).token()}"
    with django_assert_max_num_queries(len(baseline.captured_queries)) as deep_page:
        deeper = client.get(deep).content.decode()

    assert len(first_page.captured_queries) == len(baseline.captured_queries)
    assert len(deep_page.captured_queries) == len(baseline.captured_queries)
    assert len(CARD.findall(large)) == ARTICLE_LIST_PAGE_SIZE
    assert titles(deeper)[0] == "Article 2001"
    # The same fifty cards: only the digits of titles and ids differ.
    assert len(large) < len(small) * 1.05
    assert len(large) < 80_000


def test_the_search_finds_every_word_in_the_title_or_the_publisher_in_any_case(alice):
    ArticleFactory(title="Town hall budget vote", publisher="Riverside Gazette")
    ArticleFactory(title="Budget for the harbour", publisher="Coast Times")
    ArticleFactory(title="Storm warning", publisher="Riverside Gazette")

    html = logged_in(alice).get("/", {"q": "BUDGET riverside"}).content.decode()

    assert titles(html) == ["Town hall budget vote"]


def test_the_publisher_filter_takes_the_whole_name_in_any_case(alice):
    ArticleFactory(title="One", publisher="Riverside Gazette")
    ArticleFactory(title="Two", publisher="Riverside Gazette Weekly")

    html = logged_in(alice).get("/", {"publisher": " riverside gazette "}).content.decode()

    assert titles(html) == ["One"]


def test_the_date_range_includes_both_of_its_days(alice):
    for day in (1, 2, 3, 4):
        ArticleFactory(title=f"Day {day}", published_on=dt.date(2026, 11, day))
    ArticleFactory(title="Undated", published_on=None)

    html = (
        logged_in(alice)
        .get("/", {"date_from": "2026-11-02", "date_to": "2026-11-03"})
        .content.decode()
    )

    assert sorted(titles(html)) == ["Day 2", "Day 3"]


def test_an_editor_lists_the_articles_they_imported(editor, alice):
    ArticleFactory(title="Mine", imported_by=editor)
    ArticleFactory(title="Theirs", imported_by=None)

    html = logged_in(editor).get("/", {"imported": "on"}).content.decode()

    assert titles(html) == ["Mine"]
    assert 'name="imported"' in html


def test_a_reviewer_lists_the_articles_assigned_to_them(alice, bob):
    mine, theirs = ArticleFactory(title="Assigned to alice"), ArticleFactory(title="To bob")
    Assignment.objects.create(article=mine, reviewer=alice)
    Assignment.objects.create(article=theirs, reviewer=bob)
    ArticleFactory(title="Nobody's")

    html = logged_in(alice).get("/", {"assigned": "on"}).content.decode()

    assert titles(html) == ["Assigned to alice"]
    assert 'name="imported"' not in html  # only editors import


def test_a_reviewer_filters_by_their_own_progress(alice, bob):
    ArticleFactory(title="Untouched")
    highlighted = ArticleFactory(title="Highlighted")
    Annotation.objects.create(
        article=highlighted,
        reviewer=alice,
        exact="text",
        start=0,
        end=4,
        verdict=VerdictLabel.objects.get(slug="mixed"),
    )
    begun = ArticleFactory(title="Begun")
    Review.objects.create(article=begun, reviewer=alice)
    done = ArticleFactory(title="Submitted")
    Review.objects.create(
        article=done, reviewer=alice, status=Review.Status.SUBMITTED, submitted_at=timezone.now()
    )
    bobs = ArticleFactory(title="Bobs")
    Review.objects.create(
        article=bobs, reviewer=bob, status=Review.Status.SUBMITTED, submitted_at=timezone.now()
    )
    client = logged_in(alice)

    def listed(progress: str) -> list[str]:
        return sorted(titles(client.get("/", {"progress": progress}).content.decode()))

    assert listed("not_started") == ["Bobs", "Untouched"]
    assert listed("in_progress") == ["Begun", "Highlighted"]
    assert listed("submitted") == ["Submitted"]
    in_progress = client.get("/", {"progress": "in_progress"}).content.decode()
    assert in_progress.count("status--in-progress") == 2  # the progress is still shown


def test_filters_stay_in_the_page_links(alice):
    articles_bulk(ARTICLE_LIST_PAGE_SIZE + 5, published_on=dt.date(2026, 11, 2))
    ArticleFactory(title="Elsewhere", publisher="Coast Times")
    client = logged_in(alice)

    first = client.get("/", {"publisher": "The Daily Example"}).content.decode()
    next_url = link(first, "next")

    assert next_url is not None and "publisher=The+Daily+Example" in next_url
    rest = titles(client.get(next_url).content.decode())
    assert len(rest) == 5 and "Elsewhere" not in rest


def test_no_match_says_so_and_offers_the_full_text_search(alice, article):
    html = logged_in(alice).get("/", {"q": "zebra"}).content.decode()

    assert "No article matches these filters" in html
    assert "/search/?kind=article&amp;q=zebra" in html
    assert "No articles yet" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"progress": "finished"}, "Choose “Any”, “Not started”, “In progress” or “Submitted”."),
        ({"date_from": "2026-13-45"}, "Enter a date as YYYY-MM-DD, or pick one."),
        ({"date_from": "2026-11-05", "date_to": "2026-11-01"}, "Must not be before"),
        ({"after": "yesterday"}, "This link to a page of the list is broken"),
        ({"before": "9" * 40 + "-1"}, "This link to a page of the list is broken"),
        ({"after": "1-1", "before": "1-1"}, "This link to a page of the list is broken"),
        ({"after": "9" * 18 + "-1"}, "This link to a page of the list is broken"),
        ({"q": "x" * 201}, "Search with fewer words: 200 characters at most."),
        ({"q": "a\x00b"}, "Null characters are not allowed"),
    ],
)
def test_a_filter_the_list_cannot_read_is_a_400_that_says_what_is_wrong(alice, query, message):
    ArticleFactory(title="Listed")

    response = logged_in(alice).get("/", query)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "These filters cannot be read" in html
    assert titles(html) == []
