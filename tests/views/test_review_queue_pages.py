"""Who may open the review pages, and the editors' queue: order, filters, counts, pages and
queries. Forms post as a browser without JavaScript would."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import (
    Article,
    Assignment,
    ClaimUnit,
)
from annotations.services.adjudication import VerdictInput, unit_decide
from tests.factories import (
    ArticleFactory,
    verdict,
)
from tests.pages import logged_in
from tests.views.review_scenario import (
    CRIME,
    JOBS,
    TAXES,
    action_url,
    decision,
    queue_ids,
    unit_of,
)

pytestmark = pytest.mark.django_db

# --- Who may see what ----------------------------------------------------------------------------


def test_the_review_pages_need_a_login(client, disputed):
    unit = unit_of(disputed, CRIME)
    for url in ("/review/", f"/review/units/{unit.pk}/", "/assignments/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/login/")
    for url in (action_url(unit, "decide"), f"/articles/{disputed.pk}/assign/"):
        response = client.post(url, {"version": 1})
        assert response.status_code == 302
        assert response.url.startswith("/login/")


def test_reviewers_are_refused_the_queue_the_unit_page_and_its_forms(reviewers, disputed):
    client = logged_in(reviewers[0])
    unit = unit_of(disputed, CRIME)

    assert client.get("/review/").status_code == 403
    assert client.get(f"/review/units/{unit.pk}/").status_code == 403
    for action in ("decide", "reject", "send-back", "merge", "split", "publish", "start"):
        assert client.post(action_url(unit, action), decision(unit)).status_code == 403
    assert unit_of(disputed, CRIME).status == ClaimUnit.Status.NEEDS_REVIEW


def test_reviewers_cannot_assign_articles(reviewers, disputed):
    rosalind, tobias = reviewers

    response = logged_in(rosalind).post(
        f"/articles/{disputed.pk}/assign/", {"reviewers": [tobias.pk]}
    )

    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_editors_open_the_queue_and_the_unit_page(editor, disputed):
    client = logged_in(editor)

    assert client.get("/review/").status_code == 200
    assert client.get(f"/review/units/{unit_of(disputed, CRIME).pk}/").status_code == 200


def test_editors_are_refused_the_reviewers_inbox(editor):
    assert logged_in(editor).get("/assignments/").status_code == 403


def test_an_unknown_unit_is_a_404(editor):
    assert logged_in(editor).get("/review/units/999999/").status_code == 404


def test_the_navigation_links_each_role_to_its_pages(editor, reviewers):
    editor_page = logged_in(editor).get("/").content.decode()
    reviewer_page = logged_in(reviewers[0]).get("/").content.decode()

    assert 'href="/review/"' in editor_page
    assert 'href="/assignments/"' not in editor_page
    assert 'href="/assignments/"' in reviewer_page
    assert 'href="/review/"' not in reviewer_page


# --- The queue -----------------------------------------------------------------------------------


def test_the_queue_puts_the_most_disputed_claim_first_with_its_verdicts(editor, disputed):
    response = logged_in(editor).get("/review/")
    html = response.content.decode()

    crime, taxes, jobs = (unit_of(disputed, claim) for claim in (CRIME, TAXES, JOBS))
    assert queue_ids(response) == [crime.pk, taxes.pk, jobs.pk]
    first_row = html[
        html.index(f'data-unit-id="{crime.pk}"') : html.index(f'data-unit-id="{taxes.pk}"')
    ]
    assert CRIME in first_row
    assert "4 steps apart" in first_row
    chips = re.findall(r'class="verdict-chip">.*?</svg>(.*?)</li>', first_row, re.DOTALL)
    assert [chip.strip() for chip in chips] == ["True", "False"]
    assert 'fill="#1a9850"' in first_row  # the verdicts' colours, as SVG fills (CSP-safe)
    assert html.count("Needs more reviews") == 1
    assert "Town hall budget" in first_row


def test_the_queue_filters_by_article_verdict_reviewer_and_status(editor, disputed, reviewers):
    client = logged_in(editor)
    crime, taxes, jobs = (unit_of(disputed, claim) for claim in (CRIME, TAXES, JOBS))
    other = ArticleFactory(title="Another article")
    ClaimUnit.objects.create(article=other, kind="claim", start=0, end=10)

    assert queue_ids(client.get("/review/?label=mostly-false")) == [taxes.pk]
    assert queue_ids(client.get("/review/?reviewer=rosalind")) == [crime.pk, taxes.pk]
    assert len(queue_ids(client.get(f"/review/?article={other.pk}"))) == 1
    assert queue_ids(client.get("/review/?status=decided")) == []
    unit_decide(
        unit=jobs,
        editor=editor,
        seen_version=jobs.version,
        verdict=VerdictInput(label=verdict("mixed"), claim_reviewed="Jobs"),
    )
    assert queue_ids(client.get("/review/?status=decided")) == [jobs.pk]
    assert jobs.pk not in queue_ids(client.get("/review/"))


def test_an_invalid_filter_is_ignored_rather_than_refused(editor, disputed):
    response = logged_in(editor).get("/review/?status=bogus&article=nope")

    assert response.status_code == 200
    assert len(queue_ids(response)) == 3


def test_the_queue_counts_the_units_of_each_status(editor, disputed):
    crime = unit_of(disputed, CRIME)
    logged_in(editor).post(action_url(crime, "reject"), {"version": crime.version})

    html = logged_in(editor).get("/review/").content.decode()

    def count(name: str) -> str:
        return re.search(rf"{name} <span class=\"status-tab__count\">(\d+)</span>", html).group(1)

    assert count("Awaiting a decision") == "2"
    assert count("Needs review") == "2"
    assert count("Rejected") == "1"
    assert count("Published") == "0"


def units_bulk(count: int, articles: list[Article]) -> None:
    """`count` open units spread over the articles, with rankings set as the recomputation would."""
    ClaimUnit.objects.bulk_create(
        ClaimUnit(
            article=articles[i % len(articles)],
            kind="claim",
            start=i % 40,
            end=i % 40 + 25,
            ratings=1 + i % 3,
            ordinal_spread=i % 5 if i % 3 else None,
            nominal_disagreement=(i % 4) / 4,
        )
        for i in range(count)
    )


def test_the_queue_shows_fifty_units_a_page(editor):
    units_bulk(120, ArticleFactory.create_batch(2))
    client = logged_in(editor)

    first = client.get("/review/")
    last = client.get("/review/?page=3")

    assert len(queue_ids(first)) == 50
    assert len(queue_ids(last)) == 20
    assert "Page 3 of 3" in last.content.decode()
    assert set(queue_ids(first)).isdisjoint(queue_ids(last))


def test_queue_queries_do_not_grow_with_units(editor, django_assert_num_queries):
    articles = ArticleFactory.create_batch(3)
    client = logged_in(editor)
    units_bulk(10, articles)
    client.get("/review/")  # warm up: the session, content types
    with CaptureQueriesContext(connection) as ten:
        response = client.get("/review/")
    assert len(queue_ids(response)) == 10
    assert len(ten.captured_queries) > 0

    units_bulk(9_990, articles)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get("/review/")

    assert len(queue_ids(response)) == 50
    assert "of <strong>10000</strong> claims" in response.content.decode()


def test_the_queue_links_the_exports_of_the_published_verdicts(editor, disputed):
    # The exports were reachable only by typing their /api/v1/ address (walk 19, finding 25).
    client = logged_in(editor)
    html = client.get("/review/").content.decode()

    exports = html.split('id="verdict-exports"', 1)[1].split("</p>", 1)[0]
    links = re.findall(r'href="([^"]+)"', exports)
    assert links == [
        "/api/v1/verdicts/export.csv",
        "/api/v1/verdicts/export.jsonl",
        "/api/v1/verdicts/export-sources.csv",
        "/api/v1/verdicts/claimreview/",
        "/api/v1/verdicts/factchecktools/",
    ]
    for link in links:
        assert client.get(link).status_code == 200, link
