"""Each label of the rating scale gets a name and a description per language of the interface
(issue 17: verdicts in the reader's language), and the default scale (0002) its names in
Arabic, French and Spanish, in fact-checkers' usual wording.

A label is translated only while it is still the default one: its slug and its English name
(in any case) as 0002 made them. A desk that renamed "Mixed" to "Half true" gets no "Mitigé"
under it; its admin writes the names on the label's page. Rows a desk already has are kept.
"""

import annotations.models
import annotations.validators
import django.db.models.deletion
from django.db import migrations, models

# slug: (English name as 0002 made it, {language: (name, description)})
DEFAULT_SCALE_TRANSLATIONS = {
    "true": (
        "True",
        {
            "ar": ("صحيح", "دقيق، ولا ينقصه شيء مهم."),
            "fr": ("Vrai", "Exact, sans omission importante."),
            "es": ("Verdadero", "Exacto, sin omisiones importantes."),
        },
    ),
    "mostly-true": (
        "Mostly true",
        {
            "ar": ("صحيح في معظمه", "دقيق، لكنه يحتاج إلى توضيح أو سياق."),
            "fr": ("Plutôt vrai", "Exact, mais demande des précisions ou du contexte."),
            "es": ("Mayormente verdadero", "Exacto, pero necesita aclaraciones o contexto."),
        },
    ),
    "mixed": (
        "Mixed",
        {
            "ar": ("صحيح جزئيًا", "دقيق في جانب منه وغير دقيق في جانب آخر."),
            "fr": ("Mitigé", "En partie exact, en partie inexact."),
            "es": ("Verdad a medias", "En parte exacto, en parte no."),
        },
    ),
    "mostly-false": (
        "Mostly false",
        {
            "ar": ("خطأ في معظمه", "يتضمن شيئًا من الحقيقة، لكنه مضلِّل."),
            "fr": ("Plutôt faux", "Contient une part de vérité, mais induit en erreur."),
            "es": ("Mayormente falso", "Contiene un elemento de verdad, pero induce a error."),
        },
    ),
    "false": (
        "False",
        {
            "ar": ("خطأ", "غير دقيق."),
            "fr": ("Faux", "Inexact."),
            "es": ("Falso", "No es exacto."),
        },
    ),
    "unverifiable": (
        "Unverifiable",
        {
            "ar": ("لا يمكن التحقق منه", "لا يمكن التحقق منه بالأدلة المتاحة."),
            "fr": ("Invérifiable", "Impossible à vérifier avec les éléments disponibles."),
            "es": ("No verificable", "No se puede comprobar con las pruebas disponibles."),
        },
    ),
}


def default_scale_translate(apps, schema_editor):
    VerdictLabel = apps.get_model("annotations", "VerdictLabel")
    VerdictLabelTranslation = apps.get_model("annotations", "VerdictLabelTranslation")
    labels = VerdictLabel.objects.filter(slug__in=DEFAULT_SCALE_TRANSLATIONS)
    for label in labels:
        english, translations = DEFAULT_SCALE_TRANSLATIONS[label.slug]
        if label.name.casefold() != english.casefold():
            continue
        for language, (name, description) in translations.items():
            taken = VerdictLabelTranslation.objects.filter(language=language, name=name)
            if taken.exists():  # another label already carries this name in this language
                continue
            VerdictLabelTranslation.objects.get_or_create(
                label=label,
                language=language,
                defaults={"name": name, "description": description},
            )


class Migration(migrations.Migration):
    # Numbered 0029 when branched from 0028; follows main's 0031 until the lead renumbers it.
    dependencies = [
        ("annotations", "0029_language_preference"),
    ]

    operations = [
        migrations.CreateModel(
            name="VerdictLabelTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(choices=annotations.models.label_languages, max_length=16),
                ),
                (
                    "name",
                    models.CharField(
                        max_length=80, validators=[annotations.validators.VisibleNameValidator()]
                    ),
                ),
                ("description", models.TextField(blank=True)),
                (
                    "label",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="annotations.verdictlabel",
                    ),
                ),
            ],
            options={
                "ordering": ["label", "language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("label", "language"),
                        name="verdictlabeltranslation_one_per_language",
                        violation_error_message="This label already has a name in this language.",
                    ),
                    models.UniqueConstraint(
                        fields=("language", "name"),
                        name="verdictlabeltranslation_name_unique_per_language",
                        violation_error_message="Another label has this name in this language.",
                    ),
                    models.CheckConstraint(
                        condition=~models.Q(language=""), name="verdictlabeltranslation_has_language"
                    ),
                ],
            },
        ),
        migrations.RunPython(default_scale_translate, migrations.RunPython.noop),
    ]
