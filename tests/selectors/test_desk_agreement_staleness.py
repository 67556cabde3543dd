"""The desk's figures are stale after any change that affects them, the dashboard never calls
stale figures up to date, and on the embedded default opening it recomputes them.

Transactional, as a request runs in production: after-commit work (the eager tasks) runs when
each write commits, not when a test's wrapping transaction would end."""

from __future__ import annotations

import pytest

from annotations import selectors
from annotations.models import DeskAgreement
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.revisions import article_revise
from tests.factories import ArticleFactory, ReviewerFactory, verdict
from tests.pages import logged_in
from tests.views.test_agreement_pages import VERDICTS, html, review

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(db):
    article = ArticleFactory()
    for name, row in zip(("ana", "ben", "cleo"), VERDICTS, strict=True):
        review(article, ReviewerFactory(username=name), row)
    return article


def desk_computed(editor) -> DeskAgreement:
    assert logged_in(editor).post("/agreement/recompute/").status_code == 302
    desk = DeskAgreement.objects.get()
    assert desk.computed_at is not None and not selectors.desk_agreement_stale()
    return desk


def units_decided(article, editor) -> int:
    units = list(article.units.all())
    for unit in units:
        unit_decide(
            unit=unit,
            editor=editor,
            seen_version=unit.version,
            verdict=VerdictInput(label=verdict("false"), claim_reviewed="Checked claim"),
        )
    return len(units)


def decided_units_counted(desk: DeskAgreement) -> int:
    return max((row["units"] for row in desk.reviewer_vs_final), default=0)


def test_a_new_desk_shows_real_figures_the_first_time_the_dashboard_is_opened(editor, article):
    page = html(logged_in(editor).get("/agreement/"))

    desk = DeskAgreement.objects.get()
    assert desk.computed_at is not None and desk.articles == 1
    assert "Not computed yet" not in page
    assert "<strong>3</strong> reviewers" in page
    assert "Up to date" in page


def test_deciding_units_makes_the_figures_stale(editor, article):
    desk_computed(editor)

    units_decided(article, editor)

    assert selectors.desk_agreement_stale()
    assert selectors.desk_agreement_payload()["stale"]


def test_importing_a_revision_makes_the_figures_stale(editor, article):
    desk_computed(editor)

    article_revise(article=article, text=article.text + "\n\nA line added later.", created_by=None)

    assert selectors.desk_agreement_stale()


def test_after_units_are_decided_opening_the_dashboard_shows_figures_that_include_them(
    editor, article
):
    before = desk_computed(editor)
    assert decided_units_counted(before) == 0
    decided = units_decided(article, editor)

    page = html(logged_in(editor).get("/agreement/"))

    assert decided_units_counted(DeskAgreement.objects.get()) == decided > 0
    assert "Up to date" in page and "Out of date" not in page


def test_stale_figures_waiting_for_a_worker_are_never_called_up_to_date(editor, article):
    desk_computed(editor)
    units_decided(article, editor)
    # A recomputation is already on its way to a worker: opening the page does not run one.
    DeskAgreement.objects.update(queued=True)

    page = html(logged_in(editor).get("/agreement/"))

    assert "Up to date" not in page
    assert "Out of date: recomputing" in page
    assert decided_units_counted(DeskAgreement.objects.get()) == 0


def test_figures_nothing_has_changed_since_are_up_to_date(editor, article):
    desk = desk_computed(editor)

    page = html(logged_in(editor).get("/agreement/"))

    assert "Up to date" in page
    assert DeskAgreement.objects.get().computed_at == desk.computed_at, "no needless recompute"
