"""A claim's language (issue 17): its first appearance's article's, else its first external
review's, unless its own words say another (core.languages.claim_language, as for new claims).

On SQLite, adding a column with a default rebuilds annotations_claim: the triggers naming it
(the search index's, migration 0015, and the claims' lexical index, 0016) are dropped first
and made again after, both ways, as 0022 and 0026 do. PostgreSQL alters in place.
"""

import importlib

from django.db import migrations, models

BATCH = 2000


def _triggers() -> list[str]:
    search = importlib.import_module("annotations.migrations.0015_search")
    lexical = importlib.import_module("annotations.migrations.0016_claim_lexical")
    statements = [*search.sqlite_sql(), *lexical._sqlite_forward("unicode61")]
    return [
        " ".join(statement.split())
        for statement in statements
        if statement.lstrip().startswith("CREATE TRIGGER") and "annotations_claim" in statement
    ]


def triggers_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _triggers():
        name = statement.replace("IF NOT EXISTS ", "").split()[2]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def triggers_restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _triggers():
        if "IF NOT EXISTS" not in statement:
            statement = statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
        schema_editor.execute(statement, params=None)


def languages_fill(apps, schema_editor):
    Claim = apps.get_model("annotations", "Claim")
    ClaimLink = apps.get_model("annotations", "ClaimLink")
    ExternalFactCheck = apps.get_model("annotations", "ExternalFactCheck")
    found: dict[int, str] = {}
    for check in (
        ExternalFactCheck.objects.exclude(claim=None)
        .exclude(language="")
        .order_by("-pk")
        .values("claim_id", "language")
    ):
        found[check["claim_id"]] = check["language"]  # the first review's wins
    for link in (
        ClaimLink.objects.filter(relation="same")
        .order_by("-pk")
        .values("claim_id", "unit__article__language")
    ):
        if link["unit__article__language"]:
            found[link["claim_id"]] = link["unit__article__language"]  # appearances first
    from annotations.core.languages import claim_language

    claims = list(Claim.objects.filter(pk__in=found).only("pk", "text"))
    for claim in claims:
        claim.language = claim_language(claim.text, inherited=found[claim.pk][:16])
    Claim.objects.bulk_update(claims, ["language"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0027_search_kind_statistics"),
    ]

    operations = [
        migrations.RunPython(triggers_drop, triggers_restore),
        migrations.AddField(
            model_name="claim",
            name="language",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="language",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(languages_fill, migrations.RunPython.noop),
        migrations.RunPython(triggers_restore, triggers_drop),
    ]
