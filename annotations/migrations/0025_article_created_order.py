"""The index the desk's article list walks: newest first by keyset on (created, id)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0024_webhooks"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["created", "id"], name="article_created_order"),
        ),
    ]
