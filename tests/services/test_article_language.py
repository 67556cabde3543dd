"""services.article_language: an article's language changed on the desk, and what follows
(its inheriting claims, its suggestions computed again)."""

from __future__ import annotations

import pytest

from annotations.errors import DomainError
from annotations.models import Article, Claim, Suggestion
from annotations.services import suggestions as suggestions_service
from annotations.services.article_language import article_language_set
from annotations.services.claims import claim_link
from annotations.services.suggestions import revision_suggestions_compute
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    ReviewerFactory,
    unit_on_new_article,
)

pytestmark = pytest.mark.django_db

FRENCH_CLAIM = "Le chômage a doublé depuis 2020 selon les chiffres officiels du ministère"
ENGLISH_CLAIM = "Unemployment has doubled since 2020 according to the official figures"


def claim_first_seen_in(article: Article, text: str, language: str, editor) -> Claim:
    claim = Claim.objects.create(text=text, language=language)
    unit = unit_on_new_article()
    unit.article = article
    unit.save(update_fields=["article"])
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    return claim


def test_an_editor_changes_the_language_and_the_text_runs_its_way(editor):
    article = ArticleFactory(language="en")

    changed = article_language_set(article=article, language="ar", changed_by=editor)

    article.refresh_from_db()
    assert (changed.changed, changed.previous, article.language) == (True, "en", "ar")
    assert article.direction == "rtl"


def test_a_tag_is_cleaned_and_empty_means_not_known(editor):
    article = ArticleFactory(language="en")

    article_language_set(article=article, language=" pt_BR ", changed_by=editor)
    assert Article.objects.get(pk=article.pk).language == "pt-BR"

    article_language_set(article=article, language="", changed_by=editor)
    assert Article.objects.get(pk=article.pk).direction == "auto"


@pytest.mark.parametrize("nonsense", ["not a language", "x" * 17, "fr_", "12"])
def test_nonsense_is_a_400_on_the_language_field_and_changes_nothing(editor, nonsense):
    article = ArticleFactory(language="en")

    with pytest.raises(DomainError) as refused:
        article_language_set(article=article, language=nonsense, changed_by=editor)

    assert (refused.value.status, refused.value.field) == (400, "language")
    assert Article.objects.get(pk=article.pk).language == "en"


def test_a_reviewer_is_refused_on_another_users_article_and_allowed_on_her_own(editor):
    reviewer = ReviewerFactory()
    others = ArticleFactory(language="en", imported_by=editor)
    own = ArticleFactory(language="en", imported_by=reviewer)

    with pytest.raises(DomainError) as refused:
        article_language_set(article=others, language="fr", changed_by=reviewer)
    article_language_set(article=own, language="fr", changed_by=reviewer)

    assert refused.value.status == 403
    assert Article.objects.get(pk=others.pk).language == "en"
    assert Article.objects.get(pk=own.pk).language == "fr"


def test_claims_that_inherited_the_language_take_the_new_one_unless_their_words_say_otherwise(
    editor,
):
    article = ArticleFactory(language="en")
    inherited = claim_first_seen_in(article, FRENCH_CLAIM, "en", editor)
    own_words = claim_first_seen_in(article, ENGLISH_CLAIM, "en", editor)
    elsewhere = claim_first_seen_in(ArticleFactory(language="en"), FRENCH_CLAIM + ".", "en", editor)
    claim_link(unit=unit_on_new_article(), claim=elsewhere, relation="same", editor=editor)

    changed = article_language_set(article=article, language="fr", changed_by=editor)

    assert changed.claims == 1
    languages = dict(Claim.objects.values_list("pk", "language"))
    assert languages[inherited.pk] == "fr"
    assert languages[own_words.pk] == "en"  # fastText is sure its words are English
    assert languages[elsewhere.pk] == "en"  # first seen in another article


def test_the_suggestions_are_computed_again_in_the_new_language_keeping_used_ones(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    article = ArticleFactory(language="en")
    revision = article.revisions.get()
    revision_suggestions_compute(revision_id=revision.pk)
    used = Suggestion.objects.filter(revision=revision).order_by("start").first()
    assert used is not None
    AnnotationFactory(article=article, suggestion=used)
    unused = set(Suggestion.objects.exclude(pk=used.pk).values_list("pk", flat=True))
    assert unused
    languages: list[str] = []
    compute = suggestions_service.suggestions_compute
    monkeypatch.setattr(
        suggestions_service,
        "suggestions_compute",
        lambda text, *, language, model: (
            languages.append(language) or compute(text, language=language, model=model)
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        changed = article_language_set(article=article, language="fr", changed_by=editor)

    assert changed.suggestions_recomputed is True
    assert languages == ["fr"]
    revision.refresh_from_db()
    assert revision.suggested_at is not None
    assert Suggestion.objects.filter(pk=used.pk).exists()
    assert not unused & set(Suggestion.objects.values_list("pk", flat=True))


def test_the_same_language_again_changes_nothing(editor, django_capture_on_commit_callbacks):
    article = ArticleFactory(language="fr")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        changed = article_language_set(article=article, language="fr", changed_by=editor)

    assert (changed.changed, changed.suggestions_recomputed, callbacks) == (False, False, [])
