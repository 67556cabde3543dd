"""The search index with articles and claims in several languages, on SQLite and PostgreSQL
alike (PostgreSQL's stemming per language: tests/postgres/test_search_languages.py)."""

from __future__ import annotations

import pytest

from annotations.models import Article, Claim
from annotations.selectors.search import search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def found(user, text: str) -> set[tuple[str, int]]:
    return {(r.kind, r.id) for r in search(user, text)[0:100]}


def test_a_french_article_is_found_by_the_plural_of_its_word(alice):
    article = ArticleFactory(
        language="fr", title="Municipales", text="L'élection municipale a eu lieu dimanche."
    )

    assert found(alice, "élections") == {("article", article.pk)}


def test_arabic_and_english_entries_are_found_side_by_side(alice):
    arabic = ArticleFactory(language="ar", title="الميزانية", text="ارتفعت الميزانية هذا العام.")
    english = Claim.objects.create(text="The budget rose this year", language="en")

    assert found(alice, "الميزانية") == {("article", arabic.pk)}
    assert found(alice, "budget") == {("claim", english.pk)}


def test_an_article_whose_language_changes_is_still_found(alice):
    article = ArticleFactory(language="en", title="Municipales", text="L'élection municipale.")

    Article.objects.filter(pk=article.pk).update(language="fr")

    assert found(alice, "municipale") == {("article", article.pk)}
