"""The public index of published verdicts: newest first, paged by keyset, searched through the
desk's search index, filtered by label, date range, publisher and claimant; bad input is a 400.
Its query count does not grow with the verdicts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client

from annotations.models import Verdict
from annotations.selectors.public import INDEX_PAGE_SIZE
from annotations.selectors.search_backends import KINDS
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)


def on_day(n: int, **fields: object) -> Verdict:
    return published_verdict(published_at=DAY + datetime.timedelta(days=n), **fields)


def listed(client: Client, query: str = "") -> list[int]:
    response = client.get(f"/verdicts/{query}")
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'data-verdict="(\d+)"', response.content.decode())]


def test_the_index_lists_published_verdicts_newest_first_without_a_login(client: Client):
    older, newer = on_day(1), on_day(2)
    draft = on_day(3)
    Verdict.objects.filter(pk=draft.pk).update(is_published=False)

    assert listed(client) == [newer.pk, older.pk]


def test_the_index_pages_by_keyset_with_a_fixed_page_size(client: Client):
    verdicts = [on_day(n % 3) for n in range(INDEX_PAGE_SIZE + 5)]  # ties on the time
    newest_first = sorted(verdicts, key=lambda v: (v.published_at, v.pk), reverse=True)

    first = client.get("/verdicts/").content.decode()
    older = re.search(r'href="\?after=([0-9-]+)" rel="next"', first)
    assert older is not None
    second = listed(client, f"?after={older.group(1)}")

    assert listed(client) + second == [v.pk for v in newest_first]
    assert len(second) == 5
    assert 'rel="next"' not in client.get(f"/verdicts/?after={older.group(1)}").content.decode()


def test_a_verdict_published_between_two_pages_neither_skips_nor_repeats_one(client: Client):
    for n in range(INDEX_PAGE_SIZE + 2):
        on_day(n)
    first = client.get("/verdicts/").content.decode()
    cursor = re.search(r'href="\?after=([0-9-]+)"', first).group(1)
    on_day(50)

    seen = [int(pk) for pk in re.findall(r'data-verdict="(\d+)"', first)]
    seen += listed(client, f"?after={cursor}")

    assert sorted(seen) == sorted(
        Verdict.objects.exclude(published_at=DAY + datetime.timedelta(days=50)).values_list(
            "pk", flat=True
        )
    )


def test_the_index_filters_by_label_dates_publisher_and_claimant(client: Client):
    echo = ArticleFactory(publisher="The Weekly Echo")
    false_one = on_day(1, label="false", claimant="Dev Mistry")
    echoed = on_day(5, article=echo, claimant="Ana Ruiz")
    late = on_day(9, claimant="ana ruiz")

    assert listed(client, "?label=false") == [false_one.pk]
    assert listed(client, "?date_from=2026-11-05&date_to=2026-11-06") == [echoed.pk]
    assert listed(client, "?date_to=2026-11-02") == [false_one.pk]
    assert listed(client, "?publisher=the+weekly+echo") == [echoed.pk]
    assert listed(client, "?claimant=Ana+Ruiz") == [late.pk, echoed.pk]


def test_a_search_finds_published_verdicts_through_the_desks_search_index(client: Client):
    budget = on_day(1, claim_reviewed="The harbour budget tripled", explanation="It doubled.")
    on_day(2, claim_reviewed="Ferries run on time")
    draft = on_day(3, claim_reviewed="The harbour budget was cut")
    Verdict.objects.filter(pk=draft.pk).update(is_published=False)

    response = client.get("/verdicts/?q=harbour+budget")

    html = response.content.decode()
    assert [int(pk) for pk in re.findall(r'data-verdict="(\d+)"', html)] == [budget.pk]
    assert "<mark>" in html
    assert "of <strong>1</strong> fact check," in html


def test_a_search_counts_ranks_and_pages_the_most_recent_matches_only_up_to_a_limit(
    client: Client, monkeypatch: pytest.MonkeyPatch
):
    # A common word matches most verdicts: reading and scoring them all cost too much.
    monkeypatch.setattr("annotations.selectors.public.INDEX_SEARCH_MOST", 3)
    monkeypatch.setattr("annotations.public_views.pages.INDEX_PAGE_SIZE", 2)
    made = [on_day(day, claim_reviewed=f"The harbour budget rose {day}%") for day in range(5)]
    newest = sorted((verdict.pk for verdict in made), reverse=True)

    first = client.get("/verdicts/?q=harbour").content.decode()
    last = client.get("/verdicts/?q=harbour&page=2").content.decode()

    assert "of more than <strong>3</strong> fact checks (the 3 most recent are listed" in first
    # The second page is the last: the three most recent matches, ranked, and no others.
    listed = re.findall(r'data-verdict="(\d+)"', first) + re.findall(r'data-verdict="(\d+)"', last)
    assert sorted(int(pk) for pk in listed) == sorted(newest[:3])
    assert 'rel="next"' not in last
    # At or under the limit, the count is exact.
    exact = client.get("/verdicts/?q=harbour+4").content.decode()
    assert "of <strong>1</strong> fact check," in exact


@pytest.mark.postgres
def test_postgres_knows_how_the_search_index_splits_into_kinds():
    # Migration 0027: without statistics on the entry's kind, the planner guessed a kind held
    # 0.5% of the index and read every match of a common word (75 ms at 100,000 verdicts).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_statisticsobjdef(oid) FROM pg_statistic_ext "
            "WHERE stxname = 'annotations_search_kind'"
        )
        (definition,) = cursor.fetchone()

    assert f"(id % {KINDS}" in definition and "FROM annotations_search" in definition


def test_a_search_takes_the_filters_too(client: Client):
    on_day(1, claim_reviewed="The harbour budget tripled", claimant="Dev Mistry")
    by_ana = on_day(2, claim_reviewed="The harbour budget halved", claimant="Ana Ruiz")

    assert listed(client, "?q=harbour&claimant=ana+ruiz") == [by_ana.pk]
    assert listed(client, "?q=harbour&label=false") == []


@pytest.mark.parametrize(
    "query",
    [
        "?date_from=yesterday",
        "?date_from=2026-11-05&date_to=2026-11-01",
        "?label=no-such-label",
        "?after=not-a-cursor",
        "?after=99999999999999999999-1",
        "?q=%22%22",
        "?page=0",
        f"?claimant={'x' * 201}",
    ],
)
def test_bad_input_is_a_400_with_the_form_not_a_500(client: Client, query: str):
    response = client.get(f"/verdicts/{query}")

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("page", ["99999", "-1", "0", "two"])
def test_a_page_number_out_of_range_is_refused_in_words_a_reader_can_act_on(
    client: Client, page: str
):
    response = client.get(f"/verdicts/?q=harbour&page={page}")

    assert response.status_code == 400
    html = response.content.decode()
    assert "This is not a page of the index: start again." in html
    assert "Ensure this value" not in html and "Enter a whole number" not in html


def test_an_empty_index_says_so(client: Client):
    assert 'id="index-empty"' in client.get("/verdicts/").content.decode()


@pytest.mark.parametrize(
    "query", ["", "?label=false&publisher=The+Daily+Example", "?q=unemployment"]
)
def test_the_index_reads_as_many_queries_for_five_verdicts_as_for_fifty(
    client: Client, django_assert_max_num_queries, query: str
):
    for n in range(5):
        on_day(n, label="false")
    # 7: the scale and its names in other languages (2), and on PostgreSQL a search reads its
    # count, ranks and snippets in queries of their own.
    with django_assert_max_num_queries(7) as few:
        client.get(f"/verdicts/{query}")
    for n in range(45):
        on_day(n, label="false")

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(listed(client, query)) == INDEX_PAGE_SIZE
