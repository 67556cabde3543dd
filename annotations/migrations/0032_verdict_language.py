"""The language a verdict is written in (issue 17): until now always its article's, which
ClaimReview's inLanguage and its rating's alternateName followed. Verdicts already stored are
given their article's language, what they were published with; empty where the article's is
not known.

The fill is one UPDATE, which leaves `updated_at` alone: a verdict's text did not change, and
feeds synced by `updated_after` need not send every verdict again.

On PostgreSQL, the search index reads a verdict in its own language (its article's where it
has none), and a change of it re-indexes the verdict (migration 0031 made it its article's).
On SQLite, adding the column rebuilds annotations_verdict: the search index's triggers naming
it (migration 0015) are dropped first and made again after, both ways, as 0022 does.
"""

import importlib

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

ARTICLE_LANGUAGE = (
    "(SELECT a.language FROM annotations_claimunit AS u "
    "JOIN annotations_article AS a ON a.id = u.article_id WHERE u.id = t.unit_id)"
)
OWN_LANGUAGE = f"coalesce(nullif(t.language, ''), {ARTICLE_LANGUAGE})"


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


def languages_fill(apps, schema_editor):
    Verdict = apps.get_model("annotations", "Verdict")
    ClaimUnit = apps.get_model("annotations", "ClaimUnit")
    article_language = ClaimUnit.objects.filter(pk=OuterRef("unit_id")).values(
        "article__language"
    )[:1]
    Verdict.objects.update(language=Subquery(article_language))


def _search_language():
    return importlib.import_module("annotations.migrations.0031_search_language")


def _search_statements(language):
    """The verdict's refresh function reading its language from `language`, and its trigger
    re-indexing it when its language column changes (with_language) or not."""
    search = _search_language()
    refresh = search._refresh("verdict", with_config=True)
    assert search.LANGUAGES["verdict"] in refresh
    refresh = refresh.replace(search.LANGUAGES["verdict"], language, 1)
    return [refresh, *search._trigger("verdict", with_language=language == OWN_LANGUAGE)]


def search_own_language(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _search_statements(OWN_LANGUAGE):
        schema_editor.execute(statement, params=None)


def search_article_language(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _search_statements(_search_language().LANGUAGES["verdict"]):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0031_search_language"),
    ]

    operations = [
        migrations.RunPython(verdict_triggers_drop, verdict_triggers_restore),
        migrations.AddField(
            model_name="historicalverdict",
            name="language",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.AddField(
            model_name="verdict",
            name="language",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        # Before the triggers return: the fill changes no indexed text.
        migrations.RunPython(languages_fill, migrations.RunPython.noop),
        migrations.RunPython(verdict_triggers_restore, verdict_triggers_drop),
        migrations.RunPython(search_own_language, search_article_language),
    ]
