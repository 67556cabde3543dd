"""ClaimReview that current consumers read, and look-up by the document's URL: a verdict's
claimant typed Person or Organization (with the desk's list of known claimants), and each
article's URL look-up key (core.uri.uri_key), filled here for the articles already stored.

On SQLite, adding a column with a default rebuilds the table, and the search index's triggers
naming it (migration 0015) would stop the rebuild: they are dropped first and made again
after, both ways (as 0022 does). PostgreSQL alters in place.
"""

import importlib

import annotations.validators
import django.db.models.functions.text
from django.db import migrations, models


BATCH = 2000


def _triggers() -> list[str]:
    search = importlib.import_module("annotations.migrations.0015_search")
    return [
        statement
        for statement in search.sqlite_sql()
        if statement.startswith("CREATE TRIGGER")
        and ("annotations_verdict" in statement or "annotations_article" in statement)
    ]


def triggers_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _triggers():
        name = statement.split()[2]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def triggers_restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _triggers():
        statement = statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
        schema_editor.execute(statement, params=None)


def url_keys_fill(apps, schema_editor):
    # The normaliser is pure and versioned with the code; a later change to its rules comes
    # with its own migration recomputing the keys.
    from annotations.core.uri import uri_key_or_empty

    Article = apps.get_model("annotations", "Article")
    rows = Article.objects.exclude(source_url="").only("pk", "source_url").order_by("pk")
    changed = []
    for article in rows.iterator(chunk_size=BATCH):
        article.url_key = uri_key_or_empty(article.source_url)
        changed.append(article)
        if len(changed) >= BATCH:
            Article.objects.bulk_update(changed, ["url_key"])
            changed = []
    if changed:
        Article.objects.bulk_update(changed, ["url_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0025_article_created_order'),
    ]

    operations = [
        migrations.RunPython(triggers_drop, triggers_restore),
        migrations.AddField(
            model_name='article',
            name='url_key',
            field=models.CharField(blank=True, db_default='', db_index=True, default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='claimant_type',
            field=models.CharField(blank=True, choices=[('Person', 'Person'), ('Organization', 'Organization')], db_default='', default='', max_length=12),
        ),
        migrations.AddField(
            model_name='verdict',
            name='claimant_type',
            field=models.CharField(blank=True, choices=[('Person', 'Person'), ('Organization', 'Organization')], db_default='', default='', max_length=12),
        ),
        migrations.CreateModel(
            name='KnownClaimant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, validators=[annotations.validators.VisibleNameValidator()])),
                ('kind', models.CharField(choices=[('Person', 'Person'), ('Organization', 'Organization')], max_length=12)),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Upper('name'), name='knownclaimant_name_unique_any_case', violation_error_message='This claimant is already listed (in any case).'), models.CheckConstraint(condition=models.Q(('kind__in', ['Person', 'Organization'])), name='knownclaimant_kind_valid')],
            },
        ),
        migrations.RunPython(url_keys_fill, migrations.RunPython.noop),
        migrations.RunPython(triggers_restore, triggers_drop),
    ]
