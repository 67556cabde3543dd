"""What the claim matcher needs, stored with each claim, and the database's lexical index over
it (docs/claims.md, "Matching at scale").

- `normalised`, `facts`, `embedding` on Claim, filled here for the claims already there
  (about 15 ms a claim, most of it reading the facts);
- PostgreSQL: a GIN full-text index over the words of `normalised` (`simple` configuration);
- SQLite: an FTS5 table over `normalised` (the unicode61 tokenizer: words), external content
  kept current by triggers on annotations_claim. (Trigrams were tried first: pg_trgm and FTS5's
  trigram tokenizer; a query's trigrams are shared by thousands of claims, so they were
  several times slower, see docs/claims.md.) A later
  migration that makes Django rebuild annotations_claim on SQLite (most ALTERs do) drops the
  triggers: it must create them again (`tests/selectors/test_claim_lexical.py` would fail).
"""

import importlib

from django.db import migrations, models

BATCH = 500
FTS_TABLE = "annotations_claim_fts"

# Full-text search over the words of the normal form ("simple": no stemming, no stop words; the
# matcher asks for a claim's rarest words, see selectors/claim_matching.py).
# The words are stored (a generated column Django does not map: the database keeps it) so that
# reading the rows the index found does not parse every text again.
POSTGRES_FORWARD = [
    "ALTER TABLE annotations_claim ADD COLUMN IF NOT EXISTS normalised_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', normalised)) STORED",
    "CREATE INDEX IF NOT EXISTS claim_normalised_words ON annotations_claim "
    "USING gin (normalised_words)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS claim_normalised_words",
    "ALTER TABLE annotations_claim DROP COLUMN IF EXISTS normalised_words",
]


def _sqlite_forward(tokenizer: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(normalised, "
        f"content='annotations_claim', content_rowid='id', tokenize='{tokenizer}')",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON annotations_claim
        BEGIN
            INSERT INTO {FTS_TABLE}(rowid, normalised) VALUES (new.id, new.normalised);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON annotations_claim
        BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, normalised)
            VALUES ('delete', old.id, old.normalised);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update
        AFTER UPDATE OF normalised ON annotations_claim
        BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, normalised)
            VALUES ('delete', old.id, old.normalised);
            INSERT INTO {FTS_TABLE}(rowid, normalised) VALUES (new.id, new.normalised);
        END""",
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]


SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def lexical_index_create(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, _sqlite_forward("unicode61"))


def lexical_index_drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


def matching_fields_fill(apps, schema_editor) -> None:
    from annotations.core.claims.matching import matching_fields
    from annotations.core.facts import facts_as_json

    Claim = apps.get_model("annotations", "Claim")
    ids = list(Claim.objects.filter(normalised="").order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        claims = list(Claim.objects.filter(pk__in=ids[start : start + BATCH]).order_by("pk"))
        for claim, fields in zip(claims, matching_fields([c.text for c in claims]), strict=True):
            claim.normalised = fields.normalised
            claim.facts = facts_as_json(fields.facts) if fields.facts is not None else None
            claim.embedding = fields.vector
        Claim.objects.bulk_update(claims, ["normalised", "facts", "embedding"])


def search_claim_triggers_restore(apps, schema_editor):
    """On SQLite, adding the JSON field rebuilds annotations_claim, which drops the search
    index's triggers on it (migration 0015): create them again where they are missing.
    PostgreSQL alters in place."""
    if schema_editor.connection.vendor != "sqlite":
        return
    search = importlib.import_module("annotations.migrations.0015_search")
    for statement in search.sqlite_sql():
        if statement.startswith("CREATE TRIGGER annotations_search_claim_"):
            statement = statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0015_search"),
    ]

    operations = [
        # Undone, the fields' removal rebuilds the table again: this runs last then.
        migrations.RunPython(migrations.RunPython.noop, search_claim_triggers_restore),
        migrations.AddField(
            model_name="claim",
            name="embedding",
            field=models.BinaryField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="facts",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="normalised",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(search_claim_triggers_restore, migrations.RunPython.noop),
        migrations.RunPython(lexical_index_create, lexical_index_drop),
        migrations.RunPython(matching_fields_fill, migrations.RunPython.noop),
    ]
