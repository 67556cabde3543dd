"""Reads for feedback (selectors.feedback): the differing decisions, the figures from counts
grouped in the database, reviewers behind opaque keys, and a query count that does not grow
with the number of units."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import DeskSettings
from annotations.selectors.feedback import (
    feedback_differences,
    feedback_figures,
    feedback_key,
    feedback_pseudonym,
    feedback_reviewer_by_key,
    feedback_reviewers,
)
from annotations.selectors.people import person_key
from tests.factories import ArticleFactory, ReviewerFactory, unit_on_new_article, verdict
from tests.feedback_desk import NOV_2026, decided_units

DEC_2026 = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(alice, bob):
    """Alice and Bob: in November two units both rated True, decided True, and one Alice
    rated Mixed, Bob False, decided False; in December one both rated Mostly true, decided
    True."""
    article = ArticleFactory(title="Jobs report")
    decided_units(article, ratings={alice: "true", bob: "true"}, final="true", count=2)
    decided_units(
        article,
        ratings={alice: "mixed", bob: "false"},
        final="false",
        explanation="The ministry's own table shows no doubling.",
    )
    decided_units(
        article,
        ratings={alice: "mostly-true", bob: "mostly-true"},
        final="true",
        decided_at=DEC_2026,
    )
    return article


def test_differences_are_the_reviewers_overruled_verdicts_newest_first(desk, alice):
    rows = list(feedback_differences(alice.pk))

    assert [(row.verdict.slug, row.unit.verdict.label.slug) for row in rows] == [
        ("mostly-true", "true"),  # December
        ("mixed", "false"),  # November
    ]
    assert rows[1].unit.verdict.explanation == "The ministry's own table shows no doubling."


def test_open_units_and_other_reviewers_work_are_not_feedback(desk, alice, bob):
    open_unit = unit_on_new_article()
    open_unit.annotations.create(
        article=open_unit.article,
        reviewer=alice,
        exact="x",
        start=0,
        end=1,
        verdict=verdict("false"),
    )

    assert all(row.reviewer_id == alice.pk for row in feedback_differences(alice.pk))
    assert len(feedback_differences(alice.pk)) == 2
    assert len(feedback_differences(bob.pk)) == 1  # only December's Mostly true


def test_figures_by_month_from_the_database(desk, alice, bob):
    read = feedback_figures(alice.pk, hidden=False)

    months = {m.month: m for m in read.figures.months}
    november = months[datetime.date(2026, 11, 1)]
    assert (november.units, november.agreed) == (3, 2)
    assert november.mean_distance == pytest.approx(2 / 3)  # Mixed vs False: 2 steps
    december = months[datetime.date(2026, 12, 1)]
    assert (december.units, december.agreed, december.mean_distance) == (1, 0, 1.0)


def test_kappa_with_a_colleague_named_when_the_desk_shows_names(desk, alice, bob):
    read = feedback_figures(alice.pk, hidden=False)

    [colleague] = read.figures.colleagues
    assert read.colleague_names[colleague.colleague] == "bob"
    assert colleague.units == 4
    # Alice True, True, Mixed, Mostly true; Bob True, True, False, Mostly true:
    # p_o = 3/4, p_e = (2*2 + 1*0 + 0*1 + 1*1) / 16 = 5/16, kappa = (12/16 - 5/16) / (11/16).
    assert colleague.kappa["value"] == pytest.approx(7 / 11)


def test_colleagues_are_pseudonyms_where_the_desk_hides_names(desk, alice, bob):
    read = feedback_figures(alice.pk, hidden=True)

    assert list(read.colleague_names.values()) == [feedback_pseudonym(feedback_key(bob.pk))]
    assert "bob" not in str(read.colleague_names)


def test_reviewers_list_their_overall_and_latest_figures(desk, alice, bob):
    rows = {row.subject.name: row for row in feedback_reviewers(hidden=False)}

    assert set(rows) == {"alice", "bob"}
    assert (rows["alice"].total.units, rows["alice"].total.agreed) == (4, 2)
    assert (rows["bob"].total.units, rows["bob"].total.agreed) == (4, 3)
    assert rows["alice"].latest.month == datetime.date(2026, 12, 1)
    assert rows["alice"].latest.agreement == 0.0


def test_hidden_names_list_reviewers_by_pseudonym_only(desk, alice, bob):
    names = [row.subject.name for row in feedback_reviewers(hidden=True)]

    assert sorted(names) == sorted(feedback_pseudonym(feedback_key(u.pk)) for u in (alice, bob))
    assert "alice" not in names and "bob" not in names


def test_a_key_finds_its_reviewer_and_nothing_else(desk, alice):
    assert feedback_reviewer_by_key(feedback_key(alice.pk)) == alice
    assert feedback_reviewer_by_key("0" * 20) is None
    assert feedback_reviewer_by_key("short") is None


def test_the_key_is_not_the_w3c_person_key_which_resolves_to_a_name(desk, alice):
    assert not person_key(alice.pk).startswith(feedback_key(alice.pk))
    assert feedback_reviewer_by_key(person_key(alice.pk)[:20]) is None


def test_an_old_secret_key_still_resolves_while_it_is_a_fallback(desk, alice, settings):
    old = feedback_key(alice.pk)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new secret key that is long enough to be taken seriously"

    assert feedback_key(alice.pk) != old
    assert feedback_reviewer_by_key(old) == alice


def _queries_to_read(reviewer_id: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        figures = feedback_figures(reviewer_id, hidden=False)
        page = list(feedback_differences(reviewer_id)[:20])
        for row in page:  # what a row shows is joined in
            _ = (row.verdict.name, row.unit.verdict.label.name, row.article.title)
        feedback_reviewers(hidden=False)
    assert figures.figures.total.units > 0
    return len(queries)


def test_the_reads_cost_as_many_queries_for_200_units_as_for_10(alice, bob):
    small, large = ArticleFactory(), ArticleFactory()
    colleagues = [ReviewerFactory() for _ in range(3)]
    decided_units(small, ratings={alice: "true", bob: "false"}, final="false", count=10)
    few = _queries_to_read(alice.pk)

    many_months = [NOV_2026 - datetime.timedelta(days=31 * n) for n in range(5)]
    for index, when in enumerate(many_months):
        ratings = {alice: "mixed", bob: "false", colleagues[index % 3]: "true"}
        decided_units(large, ratings=ratings, final="false", count=40, decided_at=when)
    more = _queries_to_read(alice.pk)

    assert more == few


def test_desk_setting_is_read_for_hidden_names():
    from annotations.selectors.feedback import reviewer_names_hidden

    assert reviewer_names_hidden() is False
    DeskSettings.objects.filter(pk=1).update(hide_reviewer_names=True)
    assert reviewer_names_hidden() is True


def test_a_decision_counts_in_its_month_in_the_desks_time_zone(alice, bob, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    late = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)  # 1 December in Berlin
    decided_units(
        ArticleFactory(), ratings={alice: "true", bob: "true"}, final="true", decided_at=late
    )

    [month] = feedback_figures(alice.pk, hidden=False).figures.months[:1]
    assert month.month == datetime.date(2026, 12, 1)
    [row] = [r for r in feedback_reviewers(hidden=False) if r.subject.user == alice]
    assert row.latest.month == datetime.date(2026, 12, 1)
