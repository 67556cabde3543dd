"""A notification's parameters: what its summary is made of, worded in the reader's language
when it is shown (selectors.notification_wording). Rows made before keep `{}` and show their
stored summary as it was written.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0033_article_publication_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="parameters",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
