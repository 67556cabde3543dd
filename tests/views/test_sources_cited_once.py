"""A page two reviewers both cited is cited once by the verdict: on the readers' page and in
the ClaimReview feed (issue 15)."""

from __future__ import annotations

import json

import pytest

from annotations.models import Source, Verdict
from tests.factories import SourceFactory
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db

PAGE = "https://police.example.org/statistics/2025"


@pytest.fixture
def cited_twice(disputed):
    """Both reviewers of the crime claim cite the same page, written differently."""
    unit = unit_of(disputed, CRIME)
    first, second = unit.annotations.order_by("pk")
    return unit, [
        SourceFactory(annotation=first, url=PAGE, title=""),
        SourceFactory(annotation=second, url=f"{PAGE}/?utm_source=newsletter", title="Police"),
    ]


def test_the_verdict_cites_a_page_given_by_two_reviewers_once(editor, cited_twice):
    unit, sources = cited_twice
    client = logged_in(editor)

    client.post(action_url(unit, "decide"), decision(unit, sources=[s.pk for s in sources]))

    [cited] = Verdict.objects.get(unit=unit).sources.all()
    assert cited.title == "Police"  # the row with a title is the one kept


def test_the_readers_page_and_the_feed_list_it_once(editor, cited_twice):
    unit, sources = cited_twice
    client = logged_in(editor)
    client.post(action_url(unit, "decide"), decision(unit, sources=[s.pk for s in sources]))
    unit.refresh_from_db()
    client.post(action_url(unit, "publish"), {"version": unit.version})
    verdict = Verdict.objects.get(unit=unit)

    html = client.get(f"/verdicts/{verdict.pk}/").content.decode()
    feed = client.get("/api/v1/verdicts/claimreview/").content.decode()

    assert html.count(f'<a href="{PAGE}') == 1
    assert feed.count(PAGE) == 1


def test_a_verdict_already_citing_a_page_twice_lists_it_once_in_the_feed(editor, cited_twice):
    unit, sources = cited_twice
    client = logged_in(editor)
    client.post(action_url(unit, "decide"), decision(unit))
    unit.refresh_from_db()
    client.post(action_url(unit, "publish"), {"version": unit.version})
    # As a verdict decided before the sources were deduplicated could.
    Verdict.objects.get(unit=unit).sources.set(sources)

    feed = json.loads(client.get("/api/v1/verdicts/claimreview/").content)

    assert json.dumps(feed).count("police.example.org") == 1
    assert Source.objects.filter(url__startswith=PAGE).count() == 2
