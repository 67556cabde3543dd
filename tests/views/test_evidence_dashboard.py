"""Link rot shown to editors (issue 14): the dashboard's evidence card (figures by age of
citation, a chart, the published verdicts whose evidence changed or vanished) and the notice
on such a verdict's unit page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from annotations.models import SourceCapture, SourceHealth
from annotations.selectors.evidence import evidence_figures
from tests.factories import (
    EditorFactory,
    ReviewerFactory,
    SourceFactory,
    unit_decided_and_published,
    unit_on_new_article,
)
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _health(url: str, state: str, detail: str = "") -> SourceHealth:
    return SourceHealth.objects.create(
        url=url, state=state, detail=detail, checked_at=NOW, state_since=NOW
    )


def _cited(url: str, *, days_ago: int):
    return SourceFactory(url=url, accessed_on=timezone.localdate() - datetime.timedelta(days_ago))


@pytest.fixture
def desk():
    """Sources cited over two years, some checked; one published verdict cites a source now
    gone and one changed, another verdict only live sources."""
    editor = EditorFactory()
    gone = _cited("https://gone.example/report", days_ago=400)
    changed = _cited("https://changed.example/figures", days_ago=10)
    live = _cited("https://live.example/page", days_ago=10)
    _cited("https://unchecked.example/page", days_ago=100)
    _health(gone.url, "gone", "The site answered HTTP 404.")
    _health(changed.url, "changed", "Changed: 12 percent → 14 percent")
    _health(live.url, "live")
    SourceCapture.objects.create(url=live.url, status="captured", sha256="a" * 64)
    flagged = unit_decided_and_published(unit_on_new_article(), editor, claim_reviewed="Flagged")
    flagged.sources.add(gone, changed, live)
    fine = unit_decided_and_published(unit_on_new_article(), editor, claim_reviewed="Fine")
    fine.sources.add(live)
    return editor, flagged, fine, gone, changed


def test_the_figures_count_sources_by_age_of_citation(desk):
    editor, flagged, _, gone, changed = desk
    with translation.override("en"):  # the bands are named in the active language
        figures = evidence_figures(editor)
    bands = {band.label: band for band in figures.bands}
    assert (bands["Under a month"].sources, bands["Under a month"].checked) == (2, 2)
    assert bands["Under a month"].changed_share == 0.5
    assert (bands["1 to 6 months"].sources, bands["1 to 6 months"].checked) == (1, 0)
    assert bands["1 to 6 months"].gone_share is None
    assert (bands["Over a year"].gone, bands["Over a year"].gone_share) == (1, 1.0)
    assert bands["6 to 12 months"].sources == 0
    assert (figures.captured, figures.cited) == (1, 4)
    assert {(p.verdict.pk, p.source.pk) for p in figures.problems} == {
        (flagged.pk, gone.pk),
        (flagged.pk, changed.pk),
    }


def test_the_dashboard_shows_the_evidence_card(desk):
    editor, flagged, _, gone, _ = desk
    html = logged_in(editor).get("/agreement/").content.decode()
    assert 'id="evidence"' in html
    assert "1 of 4 cited sources captured (25%)" in html
    assert "<svg" in html.split('id="evidence"')[1]
    problems = html.split("data-evidence-problems")[1].split("</ul>")[0]
    assert f"/review/units/{flagged.unit_id}/" in problems
    assert "gone.example/report" in problems and "The site answered HTTP 404." in problems
    assert "changed.example" in problems and "12 percent → 14 percent" in problems
    assert "Fine" not in problems


def test_the_unit_page_of_a_flagged_verdict_says_its_evidence_changed(desk):
    editor, flagged, fine, gone, _ = desk
    client = logged_in(editor)
    html = client.get(f"/review/units/{flagged.unit_id}/").content.decode()
    assert "Evidence changed: 2 sources of this published verdict changed or vanished" in html
    assert f"/sources/{gone.pk}/archive/" in html
    assert "Evidence changed" not in client.get(f"/review/units/{fine.unit_id}/").content.decode()


def test_reviewers_do_not_see_the_figures(desk):
    assert logged_in(ReviewerFactory()).get("/agreement/").status_code == 403


def test_the_figures_cost_the_same_queries_for_more_sources(desk, django_assert_max_num_queries):
    editor = desk[0]
    for n in range(20):
        source = _cited(f"https://more.example/{n}", days_ago=n * 40)
        _health(source.url, ["live", "gone", "changed"][n % 3])
    with django_assert_max_num_queries(6):
        figures = evidence_figures(editor)
    assert sum(band.sources for band in figures.bands) == 24
