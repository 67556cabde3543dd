"""A verdict's language on deciding and correcting (services.adjudication.verdict_language_of):
the editor's choice kept, else detected from its text with confidence, else its article's;
and the migration that gave stored verdicts their article's."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from annotations.errors import DomainError
from annotations.models import Verdict
from annotations.services.adjudication import (
    VerdictInput,
    unit_decide,
    verdict_correct,
    verdict_publish,
)
from tests.factories import ArticleFactory, published_verdict, unit_on_new_article, verdict

pytestmark = pytest.mark.django_db

SPANISH = (
    "Las cifras oficiales muestran que el desempleo subió un 12 % desde 2020, no que se "
    "duplicara como afirma el ministro."
)
ARABIC_CLAIM = "قال الوزير إن البطالة تضاعفت منذ عام 2020"


def decide(unit, editor, **fields) -> Verdict:
    return unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(
            label=verdict("false"),
            claim_reviewed=fields.pop("claim_reviewed", ARABIC_CLAIM),
            **fields,
        ),
    )


def test_a_spanish_explanation_on_an_arabic_article_is_published_in_spanish(editor):
    decided = decide(unit_on_new_article(language="ar"), editor, explanation=SPANISH)

    assert Verdict.objects.get(pk=decided.pk).language == "es"


def test_a_three_word_explanation_keeps_the_articles_language(editor):
    decided = decide(unit_on_new_article(language="ar"), editor, explanation="Falso, según INE.")

    assert Verdict.objects.get(pk=decided.pk).language == "ar"


def test_the_editors_choice_is_kept_over_what_the_text_says(editor):
    decided = decide(
        unit_on_new_article(language="ar"), editor, explanation=SPANISH, language="es-MX"
    )

    assert Verdict.objects.get(pk=decided.pk).language == "es-MX"


def test_a_tag_is_written_as_bcp_47(editor):
    decided = decide(unit_on_new_article(language="ar"), editor, language=" pt_BR ")

    assert Verdict.objects.get(pk=decided.pk).language == "pt-BR"


@pytest.mark.parametrize("bad", ["Spanish!", "e", "español", "a" * 17])
def test_a_language_that_is_not_a_tag_is_refused_and_nothing_is_decided(editor, bad):
    unit = unit_on_new_article(language="ar")

    with pytest.raises(DomainError) as refused:
        decide(unit, editor, language=bad)

    assert (refused.value.status, refused.value.field) == (400, "language")
    assert not Verdict.objects.filter(unit=unit).exists()


def test_a_correction_detects_again_and_keeps_the_earlier_language_in_its_record(editor):
    unit = unit_on_new_article(language="ar")
    decided = decide(unit, editor)
    unit.refresh_from_db()
    verdict_publish(verdict=decided, editor=editor, seen_version=unit.version)
    unit.refresh_from_db()

    correction = verdict_correct(
        verdict=decided,
        editor=editor,
        seen_version=unit.version,
        note="Explicación añadida.",
        changes=VerdictInput(
            label=verdict("false"), claim_reviewed=ARABIC_CLAIM, explanation=SPANISH
        ),
    )

    assert Verdict.objects.get(pk=decided.pk).language == "es"
    assert correction.previous["language"] == "ar"


def test_the_migration_gives_stored_verdicts_their_articles_language_leaving_updated_at():
    migration = importlib.import_module("annotations.migrations.0032_verdict_language")
    french = published_verdict(ArticleFactory(language="fr"))
    unknown = published_verdict(ArticleFactory(language=""))
    Verdict.objects.update(language="")  # as they were before migration 0032
    before = {v.pk: v.updated_at for v in Verdict.objects.all()}

    migration.languages_fill(apps, None)

    assert Verdict.objects.get(pk=french.pk).language == "fr"
    assert Verdict.objects.get(pk=unknown.pk).language == ""
    assert {v.pk: v.updated_at for v in Verdict.objects.all()} == before


def test_an_articles_new_language_is_taken_by_its_verdicts_that_had_the_old_one(editor):
    from annotations.services.article_language import article_language_set

    inherited = decide(unit_on_new_article(language="en"), editor, claim_reviewed="Crime fell")
    article = inherited.unit.article
    other_unit = unit_on_new_article()
    other_unit.article = article
    other_unit.save(update_fields=["article"])
    spanish = decide(other_unit, editor, explanation=SPANISH)
    assert (inherited.language, spanish.language) == ("en", "es")
    before = Verdict.objects.get(pk=spanish.pk).updated_at

    changed = article_language_set(article=article, language="ar", changed_by=editor)

    assert changed.verdicts == 1
    assert Verdict.objects.get(pk=inherited.pk).language == "ar"
    assert Verdict.objects.get(pk=inherited.pk).updated_at > inherited.updated_at
    assert Verdict.objects.get(pk=spanish.pk).language == "es"  # written in its own
    assert Verdict.objects.get(pk=spanish.pk).updated_at == before
