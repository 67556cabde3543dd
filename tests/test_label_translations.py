"""A rating label's names and descriptions in the interface's other languages: one per label and
language, named like the labels themselves (visible characters, unique in their language),
and migration 0029 gives the default scale its Arabic, French and Spanish names."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotations.models import VerdictLabel, VerdictLabelTranslation, label_languages

pytestmark = pytest.mark.django_db

migration = importlib.import_module("annotations.migrations.0030_label_translations")


def names_in(language: str) -> dict[str, str]:
    return dict(
        VerdictLabelTranslation.objects.filter(language=language).values_list("label__slug", "name")
    )


def test_a_label_may_be_named_in_every_interface_language_but_its_own():
    assert [code for code, _ in label_languages()] == ["ar", "fr", "es"]


def test_the_languages_follow_the_settings_without_a_migration(settings):
    settings.LANGUAGES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch")]
    field = VerdictLabelTranslation._meta.get_field("language")

    assert [code for code, _ in field.choices] == ["fr", "de"]


def test_the_default_scale_is_named_in_arabic_french_and_spanish():
    assert names_in("fr") == {
        "true": "Vrai",
        "mostly-true": "Plutôt vrai",
        "mixed": "Mitigé",
        "mostly-false": "Plutôt faux",
        "false": "Faux",
        "unverifiable": "Invérifiable",
    }
    assert names_in("es") == {
        "true": "Verdadero",
        "mostly-true": "Mayormente verdadero",
        "mixed": "Verdad a medias",
        "mostly-false": "Mayormente falso",
        "false": "Falso",
        "unverifiable": "No verificable",
    }
    assert names_in("ar")["true"] == "صحيح" and names_in("ar")["false"] == "خطأ"
    assert len(names_in("ar")) == 6
    described = VerdictLabelTranslation.objects.exclude(description="")
    assert described.count() == VerdictLabelTranslation.objects.count() == 18


def test_every_default_name_passes_the_models_own_validation():
    for translation in VerdictLabelTranslation.objects.all():
        translation.full_clean()


def test_the_migration_skips_a_label_the_desk_renamed_and_keeps_what_is_there():
    VerdictLabelTranslation.objects.all().delete()
    VerdictLabel.objects.filter(slug="mixed").update(name="Half true")
    false = VerdictLabel.objects.get(slug="false")
    VerdictLabelTranslation.objects.create(label=false, language="fr", name="Erroné")

    migration.default_scale_translate(apps, None)

    assert "mixed" not in names_in("fr") and "mixed" not in names_in("ar")
    assert names_in("fr")["false"] == "Erroné"  # the desk's own word stays
    assert names_in("fr")["true"] == "Vrai"


def test_running_the_migrations_data_step_twice_changes_nothing():
    before = list(VerdictLabelTranslation.objects.values_list("label_id", "language", "name"))

    migration.default_scale_translate(apps, None)

    after = list(VerdictLabelTranslation.objects.values_list("label_id", "language", "name"))
    assert after == before


def test_a_label_has_one_name_per_language():
    true = VerdictLabel.objects.get(slug="true")

    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictLabelTranslation.objects.create(label=true, language="fr", name="Exact")
    with pytest.raises(ValidationError, match="already has a name in this language"):
        VerdictLabelTranslation(label=true, language="fr", name="Exact").full_clean()


def test_two_labels_cannot_share_a_name_in_one_language_but_may_across_languages():
    mixed = VerdictLabel.objects.get(slug="mixed")
    VerdictLabelTranslation.objects.filter(label=mixed).delete()

    with pytest.raises(ValidationError, match="Another label has this name in this language"):
        VerdictLabelTranslation(label=mixed, language="fr", name="Vrai").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictLabelTranslation.objects.create(label=mixed, language="fr", name="Vrai")
    # "Falso" is Spanish for False; in French it is free.
    VerdictLabelTranslation(label=mixed, language="fr", name="Falso").full_clean()


def test_a_name_with_invisible_or_direction_characters_is_refused():
    mixed = VerdictLabel.objects.get(slug="mixed")
    VerdictLabelTranslation.objects.filter(label=mixed).delete()

    with pytest.raises(ValidationError) as refused:
        VerdictLabelTranslation(label=mixed, language="ar", name="\u202eمختلط").full_clean()

    assert "name" in refused.value.message_dict


def test_a_language_outside_the_interfaces_others_is_refused():
    mixed = VerdictLabel.objects.get(slug="mixed")
    VerdictLabelTranslation.objects.filter(label=mixed).delete()

    for language in ("en", "de", ""):
        with pytest.raises(ValidationError) as refused:
            VerdictLabelTranslation(label=mixed, language=language, name="Mixed").full_clean()
        assert "language" in refused.value.message_dict


def test_a_translation_without_a_language_is_refused_by_the_database():
    mixed = VerdictLabel.objects.get(slug="mixed")

    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictLabelTranslation.objects.create(label=mixed, language="", name="Sans langue")
