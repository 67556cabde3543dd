"""The search index (annotations.selectors.search): one document per claim, verdict, external
fact-check and article, kept current by triggers in the database itself, so that every write
(services, the admin, bulk updates, raw SQL) reaches it.

PostgreSQL: a table with a stored, weighted `tsvector` ('english' configuration; title 'A',
body 'B') under a GIN index, filled by PL/pgSQL triggers (and emptied, per kind, when a table
is truncated). SQLite: an FTS5 virtual table (porter stemmer over unicode61) whose rowid is the
entry's id, filled by SQL triggers. Either way an entry's id is the object's id * 4 + its kind
(SearchEntry.Kind), and stored text loses the two private-use characters that mark matches in
snippets (core/search_text.py), so stored text can never fake a highlight.

The model is unmanaged: Django knows its shape, these operations make the table.
"""

import django.contrib.postgres.search
from django.db import migrations, models

MARKS = (57344, 57345)  # MARK_START, MARK_END

# kind: (code, table, title expression, body expression, columns whose change re-indexes)
SOURCES_OF_VERDICT = (
    "(SELECT {concat} FROM annotations_verdict_sources AS vs "
    "JOIN annotations_source AS s ON s.id = vs.source_id WHERE vs.verdict_id = t.id)"
)
KINDS = {
    "claim": (0, "annotations_claim", "t.text", "''", ("text",)),
    "verdict": (
        1,
        "annotations_verdict",
        "t.claim_reviewed",
        "t.explanation || ' ' || t.claimant || ' ' || coalesce({sources}, '')",
        ("claim_reviewed", "explanation", "claimant"),
    ),
    "factcheck": (
        2,
        "annotations_externalfactcheck",
        "t.claim_text",
        "t.claimant || ' ' || t.publisher_name || ' ' || t.rating_text",
        ("claim_text", "claimant", "publisher_name", "rating_text"),
    ),
    "article": (
        3,
        "annotations_article",
        "t.title",
        "t.byline || ' ' || t.publisher || ' ' || t.text",
        ("title", "byline", "publisher", "text"),
    ),
}


def _select(kind, clean, concat_sources):
    code, table, title, body, _ = KINDS[kind]
    body = body.format(sources=SOURCES_OF_VERDICT.format(concat=concat_sources))
    return f"SELECT t.id * 4 + {code}, {clean(title)}, {clean(body)} FROM {table} AS t"


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_clean(expression):
    start, end = MARKS
    return f"replace(replace(coalesce({expression}, ''), char({start}), ''), char({end}), '')"


SQLITE_SOURCES = "group_concat(s.title || ' ' || s.publisher || ' ' || s.url, ' ')"


def _sqlite_insert(kind, where):
    select = _select(kind, _sqlite_clean, SQLITE_SOURCES)
    return f"INSERT INTO annotations_search (rowid, title, body) {select} WHERE {where};"


def sqlite_sql():
    statements = [
        "CREATE VIRTUAL TABLE annotations_search USING fts5("
        "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
    ]
    for kind, (code, table, _, _, columns) in KINDS.items():
        name = f"annotations_search_{kind}"
        delete_old = f"DELETE FROM annotations_search WHERE rowid = old.id * 4 + {code};"
        statements += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN "
            f"{_sqlite_insert(kind, 't.id = new.id')} END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
            f"BEGIN {delete_old} {_sqlite_insert(kind, 't.id = new.id')} END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
            _sqlite_insert(kind, "1 = 1"),
        ]
    for row, event in (("new", "INSERT"), ("old", "DELETE")):
        statements.append(
            f"CREATE TRIGGER annotations_search_verdict_source_{event.lower()} "
            f"AFTER {event} ON annotations_verdict_sources BEGIN "
            f"DELETE FROM annotations_search WHERE rowid = {row}.verdict_id * 4 + 1; "
            f"{_sqlite_insert('verdict', f't.id = {row}.verdict_id')} END"
        )
    citing = "SELECT verdict_id FROM annotations_verdict_sources WHERE source_id = new.id"
    statements.append(
        "CREATE TRIGGER annotations_search_source_update "
        "AFTER UPDATE OF title, publisher, url ON annotations_source BEGIN "
        f"DELETE FROM annotations_search WHERE rowid IN "
        f"(SELECT verdict_id * 4 + 1 FROM annotations_verdict_sources WHERE source_id = new.id); "
        f"{_sqlite_insert('verdict', f't.id IN ({citing})')} END"
    )
    return statements


def sqlite_reverse_sql():
    names = [
        f"annotations_search_{kind}_{event}"
        for kind in KINDS
        for event in ("insert", "update", "delete")
    ] + [
        "annotations_search_verdict_source_insert",
        "annotations_search_verdict_source_delete",
        "annotations_search_source_update",
    ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names] + [
        "DROP TABLE IF EXISTS annotations_search"
    ]


# --- PostgreSQL ------------------------------------------------------------------------------


def _postgres_clean(expression):
    start, end = MARKS
    return f"translate(coalesce({expression}, ''), chr({start}) || chr({end}), '')"


POSTGRES_SOURCES = "string_agg(s.title || ' ' || s.publisher || ' ' || s.url, ' ' ORDER BY s.id)"


def postgres_sql():
    statements = [
        "CREATE TABLE annotations_search ("
        " id bigint PRIMARY KEY,"
        " title text NOT NULL,"
        " body text NOT NULL,"
        " vector tsvector GENERATED ALWAYS AS ("
        "  setweight(to_tsvector('english'::regconfig, title), 'A')"
        "  || setweight(to_tsvector('english'::regconfig, body), 'B')"
        " ) STORED)",
        "CREATE INDEX annotations_search_vector ON annotations_search USING gin (vector)",
        "CREATE FUNCTION annotations_search_truncated() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN DELETE FROM annotations_search WHERE id % 4 = TG_ARGV[0]::int; RETURN NULL; END $$",
    ]
    for kind, (code, table, _, _, columns) in KINDS.items():
        name = f"annotations_search_{kind}"
        select = _select(kind, _postgres_clean, POSTGRES_SOURCES)
        statements += [
            # Re-index the given objects of this kind: the ones gone simply lose their entry.
            f"CREATE FUNCTION {name}_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$ "
            f"DELETE FROM annotations_search WHERE id IN (SELECT unnest(ids) * 4 + {code}); "
            f"INSERT INTO annotations_search (id, title, body) {select} WHERE t.id = ANY(ids); $$",
            f"CREATE FUNCTION {name}_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'DELETE' THEN PERFORM {name}_refresh(ARRAY[OLD.id]); "
            f"ELSE PERFORM {name}_refresh(ARRAY[NEW.id]); END IF; RETURN NULL; END $$",
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OF {', '.join(columns)} OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_changed()",
            # Django's test flush truncates: row triggers do not fire then.
            f"CREATE TRIGGER {name}_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION annotations_search_truncated('{code}')",
            f"INSERT INTO annotations_search (id, title, body) {select}",
        ]
    statements += [
        "CREATE FUNCTION annotations_search_verdict_source_changed() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'DELETE' THEN PERFORM annotations_search_verdict_refresh(ARRAY[OLD.verdict_id]); "
        "ELSE PERFORM annotations_search_verdict_refresh(ARRAY[NEW.verdict_id]); END IF; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER annotations_search_verdict_source AFTER INSERT OR UPDATE OR DELETE "
        "ON annotations_verdict_sources FOR EACH ROW "
        "EXECUTE FUNCTION annotations_search_verdict_source_changed()",
        "CREATE FUNCTION annotations_search_source_changed() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM annotations_search_verdict_refresh(ARRAY("
        "SELECT verdict_id FROM annotations_verdict_sources WHERE source_id = NEW.id)); "
        "RETURN NULL; END $$",
        "CREATE TRIGGER annotations_search_source AFTER UPDATE OF title, publisher, url "
        "ON annotations_source FOR EACH ROW EXECUTE FUNCTION annotations_search_source_changed()",
    ]
    return statements


def postgres_reverse_sql():
    statements = [
        "DROP TRIGGER IF EXISTS annotations_search_source ON annotations_source",
        "DROP TRIGGER IF EXISTS annotations_search_verdict_source ON annotations_verdict_sources",
        "DROP FUNCTION IF EXISTS annotations_search_source_changed()",
        "DROP FUNCTION IF EXISTS annotations_search_verdict_source_changed()",
    ]
    for kind, (_, table, _, _, _) in KINDS.items():
        name = f"annotations_search_{kind}"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP TRIGGER IF EXISTS {name}_truncate ON {table}",
            f"DROP FUNCTION IF EXISTS {name}_changed()",
            f"DROP FUNCTION IF EXISTS {name}_refresh(bigint[])",
        ]
    return statements + [
        "DROP FUNCTION IF EXISTS annotations_search_truncated()",
        "DROP TABLE IF EXISTS annotations_search",
    ]


BY_VENDOR = {
    "sqlite": (sqlite_sql, sqlite_reverse_sql),
    "postgresql": (postgres_sql, postgres_reverse_sql),
}


def _run(schema_editor, which):
    statements = BY_VENDOR.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(
            f"The search index supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}."
        )
    for statement in statements[which]():
        schema_editor.execute(statement, params=None)


def search_index_create(apps, schema_editor):
    _run(schema_editor, 0)


def search_index_drop(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):

    dependencies = [
        ("annotations", "0014_claim_memory_pages"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("title", models.TextField()),
                ("body", models.TextField()),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
            options={
                "db_table": "annotations_search",
                "managed": False,
            },
        ),
        migrations.RunPython(search_index_create, search_index_drop),
    ]
