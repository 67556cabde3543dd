"""PostgreSQL's search index reads each entry in its language (migration 0030): French,
Spanish and Arabic words are found by their other forms, a language change re-indexes, and a
language without a configuration is read word for word. SQLite's index has one tokenizer for
every row (tests/selectors/test_search_languages.py runs on both)."""

from __future__ import annotations

import pytest

from annotations.models import Article, Claim, SearchEntry
from annotations.selectors.search import search
from tests.factories import ArticleFactory, unit_decided_and_published, unit_on_new_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ARTICLE = SearchEntry.Kind.ARTICLE.value


def found(user, text: str) -> set[tuple[str, int]]:
    return {(r.kind, r.id) for r in search(user, text)[0:100]}


def config(kind: int, object_id: int) -> str:
    return SearchEntry.objects.values_list("config", flat=True).get(id=object_id * 4 + kind)


def test_a_french_article_is_found_by_another_form_of_its_words(alice):
    article = ArticleFactory(
        language="fr",
        title="Les chevaux de la garde",
        text="Les élections municipales ont réuni des chevaux et des cavaliers.",
    )

    assert ("article", article.pk) in found(alice, "cheval")  # english reads "chevaux" as is
    assert ("article", article.pk) in found(alice, "élections")
    assert ("article", article.pk) in found(alice, "élection")
    (result,) = [r for r in search(alice, "cheval")[0:10] if r.id == article.pk]
    assert "<mark>chevaux</mark>" in result.snippet_html


def test_a_spanish_claim_and_an_arabic_article_are_found_by_their_other_forms(alice):
    claim = Claim.objects.create(text="La elección se celebró en marzo", language="es")
    article = ArticleFactory(language="ar", title="الحكومة", text="قالت الحكومة إن الدين ارتفع.")

    assert ("claim", claim.pk) in found(alice, "elecciones")
    assert ("article", article.pk) in found(alice, "حكومة")


def test_english_entries_keep_english_stemming_beside_other_languages(alice):
    ArticleFactory(language="fr", title="Les chevaux", text="Des chevaux.")
    article = ArticleFactory(language="en", title="Burglaries", text="Burglaries fell.")

    assert ("article", article.pk) in found(alice, "burglary")


def test_each_entry_keeps_its_languages_configuration(db):
    claim = Claim.objects.create(text="Hali ya hewa", language="sw")
    article = ArticleFactory(language="pt-BR", title="Eleições")
    undeclared = ArticleFactory(language="", title="Notes")

    assert config(SearchEntry.Kind.CLAIM.value, claim.pk) == "simple"
    assert config(ARTICLE, article.pk) == "portuguese"
    assert config(ARTICLE, undeclared.pk) == "english"


def test_an_articles_new_language_reindexes_it_and_its_verdicts(alice, editor):
    unit = unit_on_new_article(language="en", title="Les chevaux")
    verdict = unit_decided_and_published(unit, editor, claim_reviewed="Les chevaux ont gagné")
    assert ("article", unit.article_id) not in found(alice, "cheval")

    Article.objects.filter(pk=unit.article_id).update(language="fr")

    assert config(ARTICLE, unit.article_id) == "french"
    assert config(SearchEntry.Kind.VERDICT.value, verdict.pk) == "french"
    assert {("article", unit.article_id), ("verdict", verdict.pk)} <= found(alice, "cheval")


def test_a_claims_new_language_reindexes_it(alice):
    claim = Claim.objects.create(text="Les chevaux ont gagné", language="en")

    Claim.objects.filter(pk=claim.pk).update(language="fr")

    assert ("claim", claim.pk) in found(alice, "cheval")


def test_a_verdict_is_indexed_in_its_own_language_and_reindexed_when_it_changes(alice, editor):
    from annotations.models import Verdict

    unit = unit_on_new_article(language="ar")
    verdict = unit_decided_and_published(
        unit, editor, claim_reviewed="Las elecciones se celebraron en marzo según el gobierno"
    )
    assert verdict.language == "es"
    assert config(SearchEntry.Kind.VERDICT.value, verdict.pk) == "spanish"
    assert ("verdict", verdict.pk) in found(alice, "elección")

    Verdict.objects.filter(pk=verdict.pk).update(language="fr")

    assert config(SearchEntry.Kind.VERDICT.value, verdict.pk) == "french"
    Verdict.objects.filter(pk=verdict.pk).update(language="")
    assert config(SearchEntry.Kind.VERDICT.value, verdict.pk) == "arabic"  # its article's
