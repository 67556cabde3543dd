"""A reviewer's figures against the final verdicts, by month (annotations.core.feedback), on
hand-made counts whose answers are worked out in the comments."""

from __future__ import annotations

import datetime

import pytest

from annotations.core.agreement.reliability import NO_RATINGS, NO_VARIATION
from annotations.core.feedback import Scale, month_range, overall_figures, reviewer_figures

SCALE = [
    ("true", True),
    ("mostly-true", True),
    ("mixed", True),
    ("mostly-false", True),
    ("false", True),
    ("unverifiable", False),
]
SEP, OCT, NOV, DEC = (datetime.date(2026, month, 1) for month in (9, 10, 11, 12))


def test_distance_counts_scale_steps_between_ordered_labels():
    scale = Scale.of(SCALE)

    assert scale.widest == 4
    assert scale.distance("true", "true") == 0
    assert scale.distance("mixed", "false") == 2
    assert scale.distance("false", "true") == 4


def test_a_label_outside_the_order_against_another_label_is_the_full_width():
    scale = Scale.of(SCALE)

    assert scale.distance("unverifiable", "mixed") == 4
    assert scale.distance("mostly-true", "unverifiable") == 4
    assert scale.distance("unverifiable", "unverifiable") == 0


def test_agreement_and_mean_distance_of_a_month():
    # 3 units agreed (distance 0) and one Mixed where the final was False (distance 2):
    # agreement 3/4, mean distance 2/4.
    figures = reviewer_figures(
        finals=[(NOV, "true", "true", 3), (NOV, "mixed", "false", 1)], pairs=[], scale=SCALE
    )

    [month] = figures.months
    assert month.month == NOV
    assert (month.units, month.agreed) == (4, 3)
    assert month.agreement == pytest.approx(0.75)
    assert month.mean_distance == pytest.approx(0.5)


def test_unverifiable_overruled_weighs_as_the_widest_distance():
    figures = reviewer_figures(
        finals=[(NOV, "unverifiable", "mixed", 1), (NOV, "mixed", "mixed", 1)],
        pairs=[],
        scale=SCALE,
    )

    assert figures.months[0].mean_distance == pytest.approx(2.0)  # (4 + 0) / 2


def test_months_without_work_between_two_with_work_have_no_figures():
    figures = reviewer_figures(
        finals=[(SEP, "true", "true", 1), (NOV, "true", "false", 2)], pairs=[], scale=SCALE
    )

    assert [m.month for m in figures.months] == [SEP, OCT, NOV]
    october = figures.months[1]
    assert (october.units, october.agreement, october.mean_distance) == (0, None, None)
    assert figures.months[2].agreement == 0.0


def test_months_run_until_the_given_day_so_a_quiet_spell_shows():
    figures = reviewer_figures(
        finals=[(SEP, "true", "true", 1)],
        pairs=[],
        scale=SCALE,
        until=datetime.date(2026, 11, 17),
    )

    assert [m.month for m in figures.months] == [SEP, OCT, NOV]


def test_no_decided_work_gives_no_months_and_empty_totals():
    figures = reviewer_figures(finals=[], pairs=[], scale=SCALE, until=datetime.date(2026, 11, 1))

    assert figures.months == []
    assert figures.colleagues == []
    assert (figures.total.units, figures.total.agreement) == (0, None)


def test_totals_cover_every_month():
    figures = reviewer_figures(
        finals=[(SEP, "true", "true", 1), (NOV, "true", "false", 1), (NOV, "false", "false", 2)],
        pairs=[],
        scale=SCALE,
    )

    assert (figures.total.units, figures.total.agreed) == (4, 3)
    assert figures.total.mean_distance == pytest.approx(1.0)  # 4 steps over 4 units


def test_counts_on_any_day_of_a_month_fall_in_that_month():
    figures = reviewer_figures(
        finals=[(datetime.date(2026, 11, 30), "true", "true", 1)], pairs=[], scale=SCALE
    )

    assert figures.months[0].month == NOV


def test_kappa_with_a_colleague_by_month_and_overall():
    # November: 2 True/True and 2 False/False, perfect agreement (kappa 1).
    # December: True/False and False/True: p_o = 0, p_e = 0.5, kappa = -1.
    # Overall: p_o = 4/6, p_e = 0.5 (3 True and 3 False each), kappa = (2/3 - 1/2) / (1/2) = 1/3.
    pairs = [
        (NOV, 7, "true", "true", 2),
        (NOV, 7, "false", "false", 2),
        (DEC, 7, "true", "false", 1),
        (DEC, 7, "false", "true", 1),
    ]
    figures = reviewer_figures(finals=[(NOV, "true", "true", 4)], pairs=pairs, scale=SCALE)

    [colleague] = figures.colleagues
    assert colleague.colleague == 7
    assert colleague.units == 6
    assert colleague.kappa["value"] == pytest.approx(1 / 3)
    by_month = {m.month: m for m in colleague.months}
    assert by_month[NOV].kappa["value"] == pytest.approx(1.0)
    assert by_month[DEC].kappa["value"] == pytest.approx(-1.0)
    assert by_month[DEC].units == 2


def test_kappa_months_line_up_with_the_reviewers_months():
    pairs = [(SEP, 7, "true", "true", 1)]
    figures = reviewer_figures(
        finals=[(SEP, "true", "true", 1), (NOV, "false", "false", 1)], pairs=pairs, scale=SCALE
    )

    months = figures.colleagues[0].months
    assert [m.month for m in months] == [SEP, OCT, NOV]
    assert months[1].units == 0
    assert months[1].kappa["value"] is None
    assert months[1].kappa["reason"] == NO_RATINGS


def test_kappa_is_undefined_with_its_reason_when_everyone_gave_one_label():
    pairs = [(NOV, 7, "true", "true", 3)]
    figures = reviewer_figures(finals=[(NOV, "true", "true", 3)], pairs=pairs, scale=SCALE)

    kappa = figures.colleagues[0].kappa
    assert kappa["value"] is None
    assert kappa["reason"] == NO_VARIATION


def test_colleagues_come_in_a_stable_order():
    pairs = [(NOV, "b", "true", "true", 1), (NOV, "a", "true", "false", 1)]
    figures = reviewer_figures(finals=[], pairs=pairs, scale=SCALE)

    assert [c.colleague for c in figures.colleagues] == ["a", "b"]


def test_a_label_outside_the_scale_is_refused():
    with pytest.raises(ValueError, match="outside the scale"):
        reviewer_figures(finals=[(NOV, "pants-on-fire", "false", 1)], pairs=[], scale=SCALE)


def test_month_range_crosses_the_year():
    months = month_range(datetime.date(2026, 11, 5), datetime.date(2027, 2, 1))

    assert months == [
        datetime.date(2026, 11, 1),
        datetime.date(2026, 12, 1),
        datetime.date(2027, 1, 1),
        datetime.date(2027, 2, 1),
    ]


def test_overall_figures_sum_every_count():
    total = overall_figures([("true", "true", 2), ("false", "mostly-false", 2)], SCALE)

    assert (total.units, total.agreed) == (4, 2)
    assert total.agreement == pytest.approx(0.5)
    assert total.mean_distance == pytest.approx(0.5)
