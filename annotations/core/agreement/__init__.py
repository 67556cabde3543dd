"""Inter-reviewer agreement statistics for the fact-checking desk.

Pure Python + NumPy: nothing here imports Django, so the service layer decides what data to
load and this package only computes. Data is a reliability matrix, one row per reviewer and
one column per unit (claim, article, ...), ``None``/NaN for a missing rating; ratings are
numbers or labels.

Every coefficient returns a :class:`Statistic`. Degenerate input (no ratings, a single
reviewer, no unit rated twice, no variation at all) gives ``value=None`` with a ``reason``,
never NaN and never a silent 1. Malformed input (unknown level, rows of different lengths,
ratings outside the declared ``values``) raises ``ValueError``.
"""

from __future__ import annotations

from .alpha import LEVELS, Level, krippendorff_alpha
from .bootstrap import BootstrapInterval, alpha_bootstrap
from .conger import conger_kappa
from .kappa import cohen_kappa, cohen_kappa_max, scott_pi
from .multirater import (
    brennan_prediger,
    fleiss_kappa,
    fleiss_kappa_by_category,
    gwet_ac1,
    percent_agreement,
)
from .reliability import Basis, Statistic
from .significance import ZTest, fleiss_kappa_z
from .spans import PairwiseSpanF1, Span, SpanF1, mean_pairwise_span_f1, span_f1
from .unitizing import UnitizingAlpha, unitizing_alpha

__all__ = [
    "LEVELS",
    "Basis",
    "BootstrapInterval",
    "Level",
    "PairwiseSpanF1",
    "Span",
    "SpanF1",
    "Statistic",
    "UnitizingAlpha",
    "ZTest",
    "alpha_bootstrap",
    "brennan_prediger",
    "cohen_kappa",
    "cohen_kappa_max",
    "conger_kappa",
    "fleiss_kappa",
    "fleiss_kappa_by_category",
    "fleiss_kappa_z",
    "gwet_ac1",
    "krippendorff_alpha",
    "mean_pairwise_span_f1",
    "percent_agreement",
    "scott_pi",
    "span_f1",
    "unitizing_alpha",
]
