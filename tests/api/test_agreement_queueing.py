"""What an annotation write queues: drafts nothing, a submission or an editor's change one
recomputation. Tasks run in-process here (the embedded default); each one that runs is counted
from Celery's own signal, with nothing patched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from celery.signals import task_prerun

from annotations.models import ArticleAgreement, ClaimUnit
from tests.factories import claims_reviewed
from tests.views.review_scenario import CRIME, TAXES, unit_of

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
RECOMPUTE = "annotations.tasks.article_agreement_recompute_task"


@pytest.fixture
def tasks_run() -> Iterator[list[str]]:
    """The names of the tasks that run during the test, in order."""
    names: list[str] = []

    def record(sender: object = None, task: object = None, **kwargs: object) -> None:
        names.append(getattr(task, "name", ""))

    task_prerun.connect(record, weak=False)
    yield names
    task_prerun.disconnect(record)


def draft(article, exact: str = CLAIM) -> dict[str, object]:
    start = article.text.index(exact)
    return {
        "article": article.pk,
        "target": {"exact": exact, "start": start, "end": start + len(exact)},
        "verdict": "false",
    }


def test_drafting_a_highlight_through_the_api_queues_no_recomputation(
    api_as, alice, article, tasks_run, django_capture_on_commit_callbacks
):
    client = api_as(alice)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/annotations/", draft(article), format="json")
        url = f"/api/v1/annotations/{created.json()['id']}/"
        changed = client.patch(url, {"verdict": "mostly-false"}, format="json")
        # Another passage: the same one again would be refused as a duplicate.
        second = client.post("/api/v1/annotations/", draft(article, CLAIM[:-1]), format="json")
        deleted = client.delete(f"/api/v1/annotations/{second.json()['id']}/")

    assert [created.status_code, changed.status_code, deleted.status_code] == [201, 200, 204]
    assert tasks_run == []
    assert not ArticleAgreement.objects.filter(article=article).exists()


def test_submitting_through_the_api_runs_one_recomputation_over_the_submitted_highlights(
    api_as, alice, bob, article, tasks_run, django_capture_on_commit_callbacks
):
    after_drafts, after_submits = [], []
    for reviewer in (alice, bob):
        client = api_as(reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            created = client.post("/api/v1/annotations/", draft(article), format="json")
        assert created.status_code == 201, created.content
        after_drafts.append(len(tasks_run))
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(f"/api/v1/articles/{article.pk}/submit/").status_code == 200
        after_submits.append(len(tasks_run))

    agreement = ArticleAgreement.objects.get(article=article)
    assert (after_drafts, after_submits) == ([0, 1], [1, 2])
    assert tasks_run == [RECOMPUTE, RECOMPUTE]
    assert not agreement.stale
    assert agreement.computations == 2
    assert agreement.statistics["alpha_nominal"]["reviewers"] == 2
    assert ClaimUnit.objects.get(article=article).annotations.count() == 2


def test_an_editors_merge_still_recomputes(
    api_as, editor, article, tasks_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CLAIM: "false"})
        claims_reviewed(article, {"approved a budget of 12 million euros": "false"})
    first, second = ClaimUnit.objects.filter(article=article)
    before = ArticleAgreement.objects.get(article=article).computations
    tasks_run.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(editor).post(
            f"/api/v1/units/{first.pk}/merge/",
            {"other": second.pk, "version": first.version, "other_version": second.version},
            format="json",
        )

    assert response.status_code == 200, response.content
    assert tasks_run == [RECOMPUTE]
    assert ArticleAgreement.objects.get(article=article).computations == before + 1


def test_a_bulk_confirm_recomputes_each_article_once_whatever_its_units(
    api_as, editor, agreed, tasks_run, django_capture_on_commit_callbacks
):
    crime, taxes = unit_of(agreed, CRIME), unit_of(agreed, TAXES)
    changes = ArticleAgreement.objects.get(article=agreed).changes
    tasks_run.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(editor).post(
            "/api/v1/units/fast-confirm/",
            {
                "items": [
                    {"unit": crime.pk, "version": crime.version},
                    {"unit": taxes.pk, "version": taxes.version},
                ],
                "publish": True,
            },
            format="json",
        )

    assert response.json()["confirmed"] == 2
    assert tasks_run == [RECOMPUTE]
    assert ArticleAgreement.objects.get(article=agreed).changes == changes + 1
