"""A withdrawn verdict's date and the editor's note to readers (its public page answers 410
with them), and the indexes the public index reads by: published verdicts newest first, by
claimant, and articles by publisher (any case).

On SQLite, adding the note rebuilds annotations_verdict, and the search index's triggers that
name it (migration 0015) would stop the rebuild: they are dropped first and made again after,
both ways. PostgreSQL alters in place.
"""

import importlib

from django.conf import settings
from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Upper


def _verdict_triggers() -> list[str]:
    search = importlib.import_module("annotations.migrations.0015_search")
    return [
        statement
        for statement in search.sqlite_sql()
        if statement.startswith("CREATE TRIGGER") and "annotations_verdict" in statement
    ]


def verdict_triggers_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _verdict_triggers():
        name = statement.split()[2]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def verdict_triggers_restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _verdict_triggers():
        statement = statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
        schema_editor.execute(statement, params=None)


def withdrawn_before(apps, schema_editor):
    # Verdicts unpublished before this migration: withdrawn when last changed, without a note.
    Verdict = apps.get_model("annotations", "Verdict")
    Verdict.objects.filter(is_published=False, first_published_at__isnull=False).update(
        withdrawn_at=F("updated_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0021_fast_lane'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(verdict_triggers_drop, verdict_triggers_restore),
        migrations.AddField(
            model_name='historicalverdict',
            name='withdrawal_note',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='verdict',
            name='withdrawal_note',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='verdict',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name='verdict',
            index=models.Index(condition=models.Q(('is_published', True)), fields=['published_at', 'id'], name='verdict_published_order'),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(Upper("publisher"), name="article_publisher_upper"),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(
                Upper("claimant"),
                models.OrderBy(models.F("published_at"), descending=True),
                condition=models.Q(("is_published", True)),
                name="verdict_claimant_order",
            ),
        ),
        migrations.RunPython(verdict_triggers_restore, verdict_triggers_drop),
        migrations.RunPython(withdrawn_before, migrations.RunPython.noop),
    ]
