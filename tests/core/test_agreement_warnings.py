"""The desk's agreement warnings name labels as editors know them (issue 15)."""

from __future__ import annotations

from collections import Counter

from annotations.core.agreement.report import desk_warnings


def test_the_dashboards_warnings_name_labels_as_editors_know_them():
    statistics = {"alpha_nominal": {"units": 100}}
    counts = Counter({"mostly-false": 95, "true": 2})

    warnings = desk_warnings(
        statistics,  # type: ignore[arg-type]  # only the count of units is read
        counts,
        ["true", "mostly-false"],
        {"true": "True", "mostly-false": "Mostly false"},
    )

    messages = " ".join(warning["message"] for warning in warnings)
    assert "“Mostly false”" in messages
    assert "for: True;" in messages
    assert "mostly-false" not in messages
