"""The search's label filter on articles: an article is found with a label when its own unit's
published verdict has it, or when one of its units is linked "same" to a claim whose desk
verdict has it (a reviewer only through the units blind review lets her see)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from annotations.models import Review
from annotations.selectors.search import SearchFilters, search
from annotations.services.claims import claim_create_from_unit, claim_link
from tests.factories import (
    ARTICLE_TEXT,
    ArticleFactory,
    unit_decided_and_published,
    unit_on_new_article,
)

pytestmark = pytest.mark.django_db

TEXT = ARTICLE_TEXT + "\n\nNurses in the region marched on Tuesday."


def articles_found(user, **filters) -> set[int]:
    results = search(user, "nurses", SearchFilters(kind="article", **filters))
    return {result.id for result in results[0:50]}


@pytest.fixture
def nurses(editor):
    checked = unit_on_new_article(text=TEXT)
    unit_decided_and_published(checked, editor)
    claim = claim_create_from_unit(unit=checked, editor=editor)
    repeat = unit_on_new_article(text=TEXT)
    claim_link(unit=repeat, claim=claim, relation="same", editor=editor)
    related = unit_on_new_article(text=TEXT)
    claim_link(unit=related, claim=claim, relation="related", editor=editor)
    ArticleFactory(text=TEXT)  # not linked at all
    return checked.article, repeat.article


def test_an_article_restating_a_claim_judged_false_is_found_with_the_label(editor, nurses):
    checked, repeat = nurses

    assert articles_found(editor, label="false") == {checked.pk, repeat.pk}
    assert articles_found(editor, label="true") == set()


def test_a_reviewer_finds_it_once_she_may_see_its_unit(alice, nurses):
    checked, repeat = nurses
    before = articles_found(alice, label="false")
    Review.objects.create(
        article=repeat, reviewer=alice, status=Review.Status.SUBMITTED, submitted_at=timezone.now()
    )

    assert before == {checked.pk}
    assert articles_found(alice, label="false") == {checked.pk, repeat.pk}
