"""annotation_create and annotation_update refuse a reviewer's second highlight of the same
span and kind on the same revision (409 annotation_duplicate naming the first): a retried
request must not count a rating twice."""

from __future__ import annotations

import pytest

from annotations.errors import DomainError
from annotations.models import Annotation
from annotations.services.annotations import (
    AnnotationChanges,
    TargetInput,
    annotation_create,
    annotation_update,
)
from tests.factories import UNEMPLOYMENT_CLAIM, verdict

pytestmark = pytest.mark.django_db

BUDGET = "The city council approved a budget of 12 million euros on Tuesday"


def highlight(reviewer, article, exact: str = UNEMPLOYMENT_CLAIM, **fields) -> Annotation:
    start = article.text.index(exact)
    return annotation_create(
        reviewer=reviewer,
        article=article,
        target=TargetInput(exact=exact, start=start, end=start + len(exact)),
        verdict=fields.pop("label", verdict("false")),
        **fields,
    )


def test_the_same_highlight_made_twice_is_refused_naming_the_first(alice, article):
    first = highlight(alice, article)

    with pytest.raises(DomainError) as refused:
        highlight(alice, article, label=verdict("true"))

    error = refused.value
    assert (error.code, error.status) == ("annotation_duplicate", 409)
    assert f"highlight #{first.pk}" in error.message
    assert "as a claim" in error.message and "edit that highlight" in error.message
    assert list(Annotation.objects.values_list("pk", "verdict__slug")) == [(first.pk, "false")]


def test_a_second_quote_of_the_same_passage_is_refused_as_a_quote(alice, article):
    highlight(alice, article, kind="quote", speaker="Ana Ruiz")

    with pytest.raises(DomainError) as refused:
        highlight(alice, article, kind="quote", speaker="Someone else")

    assert "as a quote" in refused.value.message
    assert Annotation.objects.count() == 1


def test_the_same_passage_may_be_highlighted_by_another_reviewer(alice, bob, article):
    highlight(alice, article)
    highlight(bob, article)

    assert Annotation.objects.count() == 2


def test_the_same_passage_may_be_both_a_claim_and_a_quote(alice, article):
    highlight(alice, article)
    highlight(alice, article, kind="quote", speaker="Ana Ruiz")

    assert sorted(Annotation.objects.values_list("kind", flat=True)) == ["claim", "quote"]


def test_an_overlapping_span_is_not_the_same_highlight(alice, article):
    highlight(alice, article)
    highlight(alice, article, exact=UNEMPLOYMENT_CLAIM[:-1])

    assert Annotation.objects.count() == 2


def test_an_edit_that_would_make_two_identical_highlights_is_refused(alice, article):
    first = highlight(alice, article)
    second = highlight(alice, article, exact=BUDGET)
    start = article.text.index(UNEMPLOYMENT_CLAIM)
    onto_first = TargetInput(
        exact=UNEMPLOYMENT_CLAIM, start=start, end=start + len(UNEMPLOYMENT_CLAIM)
    )

    with pytest.raises(DomainError) as refused:
        annotation_update(
            annotation=second, actor=alice, changes=AnnotationChanges(target=onto_first)
        )

    assert refused.value.code == "annotation_duplicate"
    assert f"#{first.pk}" in refused.value.message
    second.refresh_from_db()
    assert second.exact == BUDGET


def test_an_edit_of_a_highlight_is_not_a_duplicate_of_itself(alice, article):
    first = highlight(alice, article)

    annotation_update(
        annotation=first, actor=alice, changes=AnnotationChanges(verdict=verdict("true"))
    )

    first.refresh_from_db()
    assert first.verdict.slug == "true"
