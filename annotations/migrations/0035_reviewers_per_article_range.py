"""Reviewers per article held to 1 to 50 (walk 19, finding 19): the admin took 0, 4 and
99999999999. A desk that stored a value outside the range keeps the nearest one in it, so that
the constraint can be added.

Numbered 0035 and depending on 0032 on its branch: 0033 and 0034 come from other branches, and
the chain is joined when they are merged.
"""

import django.core.validators
from django.db import migrations, models


def _clamp(apps, schema_editor):
    DeskSettings = apps.get_model("annotations", "DeskSettings")
    DeskSettings.objects.filter(reviewers_per_article__lt=1).update(reviewers_per_article=1)
    DeskSettings.objects.filter(reviewers_per_article__gt=50).update(reviewers_per_article=50)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0034_notification_parameters"),
    ]

    operations = [
        migrations.RunPython(_clamp, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="desksettings",
            name="reviewers_per_article",
            field=models.PositiveSmallIntegerField(
                default=3,
                help_text="How many reviewers an article takes: reviewers picking up articles themselves stop at this many (1 to 50). An odd number avoids tied verdicts.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(50),
                ],
            ),
        ),
        migrations.AddConstraint(
            model_name="desksettings",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reviewers_per_article__gte", 1), ("reviewers_per_article__lte", 50)
                ),
                name="desksettings_reviewers_per_article_range",
            ),
        ),
    ]
