"""An article's publication date keeps to the dates the desk accepts (1800 to tomorrow) on the
model field too, as services.articles already does through validators.publication_date_check:
the back office's forms, built from the model, refuse 0001-01-01 and 2999-12-31 as the desk's
pages and API do. A validator only: nothing changes in the database."""


import annotations.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0032_verdict_language'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='published_on',
            field=models.DateField(blank=True, null=True, validators=[annotations.validators.PublicationDateValidator()]),
        ),
    ]
