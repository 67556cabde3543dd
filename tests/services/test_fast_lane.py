"""The fast lane: which units are ready under the desk's rules, and the bulk confirm."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from annotations.core.fast_lane import FAST_CONFIRM_MAX, FastConfirmItem, Outcome
from annotations.errors import DomainError
from annotations.management.commands.bench_queue import ready_units_build
from annotations.models import ClaimUnit, DeskSettings, Source, Verdict
from annotations.selectors.fast_lane import fast_lane_count, fast_lane_rules, units_ready
from annotations.selectors.search import search
from annotations.services.annotations import SourceInput, TargetInput, annotation_create
from annotations.services.fast_lane import units_fast_confirm
from annotations.services.reviews import review_submit
from tests.factories import ArticleFactory, ReviewerFactory, claims_reviewed, verdict
from tests.views.review_scenario import CRIME, JOBS, TAXES, TEXT, unit_of

pytestmark = pytest.mark.django_db


def ready_ids() -> set[int]:
    return {unit.pk for unit in units_ready(ClaimUnit.objects.all(), fast_lane_rules())}


def desk_rules(**changes: object) -> None:
    desk = DeskSettings.load()
    excluded = changes.pop("excluded", None)
    for name, value in changes.items():
        setattr(desk, f"fast_lane_{name}", value)
    desk.save()
    if excluded is not None:
        desk.fast_lane_excluded_labels.set([verdict(slug) for slug in excluded])


def items_of(*units: ClaimUnit) -> list[FastConfirmItem]:
    return [FastConfirmItem(unit.pk, unit.version) for unit in units]


# --- Which units are ready -------------------------------------------------------------------


def test_units_every_reviewer_agreed_on_are_ready_and_a_disputed_one_is_not(agreed):
    assert ready_ids() == {unit_of(agreed, CRIME).pk, unit_of(agreed, TAXES).pk}
    assert fast_lane_count(fast_lane_rules()) == 2


def test_the_agreed_verdict_comes_with_a_ready_unit(agreed):
    crime = units_ready(ClaimUnit.objects.filter(pk=unit_of(agreed, CRIME).pk), fast_lane_rules())

    assert crime.get().agreed_label_id == verdict("true").pk


def test_a_desk_asking_for_more_reviewers_has_nothing_ready_with_two(agreed):
    desk_rules(min_reviewers=3)

    assert ready_ids() == set()


def test_labels_the_desk_never_fast_tracks_stay_out_of_the_lane(agreed):
    desk_rules(excluded=["true"])

    assert ready_ids() == {unit_of(agreed, TAXES).pk}


def test_highlights_overlapping_less_than_the_desk_asks_are_not_ready(
    django_capture_on_commit_callbacks,
):
    article = ArticleFactory(text=TEXT)
    shorter = "crime fell by 30 percent"  # 24 of the 34 characters: an overlap of 0.71
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true"})
        claims_reviewed(article, {shorter: "true"})
    unit = ClaimUnit.objects.get(article=article)

    assert ready_ids() == set()
    desk_rules(min_overlap=0.7)
    assert ready_ids() == {unit.pk}


def test_a_source_one_reviewer_says_supports_and_another_refutes_keeps_a_unit_out(
    django_capture_on_commit_callbacks,
):
    article = ArticleFactory(text=TEXT)
    start = TEXT.index(CRIME)
    with django_capture_on_commit_callbacks(execute=True):
        for stance in ("supports", "refutes"):
            reviewer = ReviewerFactory()
            annotation_create(
                reviewer=reviewer,
                article=article,
                target=TargetInput(exact=CRIME, start=start, end=start + len(CRIME)),
                verdict=verdict("true"),
                sources=[SourceInput(url="https://police.example.org/report", stance=stance)],
            )
            review_submit(article=article, reviewer=reviewer)

    assert ClaimUnit.objects.filter(article=article).count() == 1
    assert ready_ids() == set()
    Source.objects.filter(stance="supports").update(stance="context")
    assert ready_ids() == {ClaimUnit.objects.get(article=article).pk}


# --- Confirming ------------------------------------------------------------------------------


def test_confirming_decides_each_unit_with_the_agreed_verdict(agreed, editor):
    crime, taxes = unit_of(agreed, CRIME), unit_of(agreed, TAXES)

    report = units_fast_confirm(editor=editor, items=items_of(crime, taxes), publish=False)

    assert [r.outcome for r in report.results] == [Outcome.CONFIRMED, Outcome.CONFIRMED]
    decided = Verdict.objects.get(unit=crime)
    assert (decided.label.slug, decided.claim_reviewed, decided.is_published) == (
        "true",
        CRIME,
        False,
    )
    assert decided.decided_by == editor
    assert decided.language == crime.article.language != ""  # no explanation: the article's
    assert [s.url for s in decided.sources.all()] == ["https://stats.example.org/true"]
    crime.refresh_from_db()
    assert (crime.status, crime.version) == (ClaimUnit.Status.DECIDED, 2)


def test_confirming_and_publishing_publishes_each_verdict_with_its_history(agreed, editor):
    crime = unit_of(agreed, CRIME)

    units_fast_confirm(editor=editor, items=items_of(crime), publish=True)

    published = Verdict.objects.get(unit=crime)
    assert published.is_published and published.published_at is not None
    assert unit_of(agreed, CRIME).status == ClaimUnit.Status.PUBLISHED
    unit_history = unit_of(agreed, CRIME).history.first()
    assert (unit_history.status, unit_history.history_user) == ("published", editor)
    verdict_history = published.history.get()
    assert (verdict_history.history_type, verdict_history.history_user) == ("+", editor)
    assert [s.source_id for s in verdict_history.sources.all()] == [
        s.pk for s in published.sources.all()
    ]


def test_a_unit_changed_since_the_editor_saw_it_is_reported_stale_and_the_rest_go_through(
    agreed, editor
):
    crime, taxes = unit_of(agreed, CRIME), unit_of(agreed, TAXES)
    stale = FastConfirmItem(taxes.pk, taxes.version - 1 if taxes.version > 1 else 99)

    report = units_fast_confirm(editor=editor, items=[*items_of(crime), stale], publish=True)

    assert [(r.unit_id, r.outcome) for r in report.results] == [
        (crime.pk, Outcome.CONFIRMED),
        (taxes.pk, Outcome.STALE),
    ]
    assert "Reload" in report.problems[0].message
    assert not Verdict.objects.filter(unit=taxes).exists()


def test_units_not_ready_or_not_on_the_desk_are_reported_one_by_one(agreed, editor):
    jobs = unit_of(agreed, JOBS)

    report = units_fast_confirm(
        editor=editor, items=[*items_of(jobs), FastConfirmItem(987654, 1)], publish=True
    )

    assert [r.outcome for r in report.results] == [Outcome.NOT_READY, Outcome.NOT_FOUND]
    assert not Verdict.objects.exists()


def test_a_unit_confirmed_twice_is_not_ready_the_second_time(agreed, editor):
    crime = unit_of(agreed, CRIME)
    units_fast_confirm(editor=editor, items=items_of(crime), publish=False)

    again = units_fast_confirm(editor=editor, items=items_of(unit_of(agreed, CRIME)), publish=False)

    assert again.results[0].outcome is Outcome.NOT_READY
    assert Verdict.objects.count() == 1


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([], "no_units"),
        ([FastConfirmItem(1, 1), FastConfirmItem(1, 1)], "duplicate_units"),
        ([FastConfirmItem(n, 1) for n in range(1, FAST_CONFIRM_MAX + 2)], "too_many_units"),
    ],
)
def test_empty_repeated_or_too_long_lists_are_refused(editor, items, code):
    with pytest.raises(DomainError) as refused:
        units_fast_confirm(editor=editor, items=items, publish=False)

    assert (refused.value.code, refused.value.status) == (code, 400)


def test_reviewers_cannot_confirm(agreed):
    with pytest.raises(DomainError) as refused:
        units_fast_confirm(
            editor=ReviewerFactory(), items=items_of(unit_of(agreed, CRIME)), publish=False
        )

    assert refused.value.status == 403
    assert not Verdict.objects.exists()


def confirm_counting_queries(editor, units: list[ClaimUnit]) -> int:
    editor = type(editor).objects.get(pk=editor.pk)  # its roles not yet looked up, each time
    with CaptureQueriesContext(connection) as queries:
        report = units_fast_confirm(editor=editor, items=items_of(*units), publish=True)
    assert len(report.confirmed) == len(units)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_number_of_units(editor):
    ten = confirm_counting_queries(editor, ready_units_build(10, prefix="ten", queued=False))
    two_hundred = confirm_counting_queries(
        editor, ready_units_build(200, prefix="many", queued=False)
    )

    assert ten == two_hundred <= 20


def test_confirmed_verdicts_are_in_the_search_index_and_later_writes_still_index(agreed, editor):
    crime = unit_of(agreed, CRIME)
    units_fast_confirm(editor=editor, items=items_of(crime), publish=True)
    found = [(r.kind, r.id) for r in search(editor, "crime fell")[0:10]]
    published = Verdict.objects.get(unit=crime)
    assert ("verdict", published.pk) in found

    # The deferral ends with the confirm: an ordinary change is indexed by its own trigger.
    Verdict.objects.filter(pk=published.pk).update(explanation="Burglaries rose instead.")
    assert ("verdict", published.pk) in [(r.kind, r.id) for r in search(editor, "burglaries")[0:10]]


@pytest.mark.parametrize(
    "changes",
    [
        {"fast_lane_min_reviewers": 1},
        {"fast_lane_min_reviewers": 51},
        {"fast_lane_min_overlap": 1.5},
    ],
)
def test_the_database_refuses_rules_out_of_range(db, changes):
    DeskSettings.load()

    with pytest.raises(IntegrityError), transaction.atomic():
        DeskSettings.objects.filter(pk=1).update(**changes)


def test_a_new_desk_never_fast_tracks_false():
    assert fast_lane_rules().excluded_label_ids == {verdict("false").pk}
