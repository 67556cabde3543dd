"""The search index reads each entry in its own language (issue 17): on PostgreSQL an entry
keeps the text search configuration of its object's language (`config`), its `tsvector` is
built with it, and a query is read in every configuration the index holds, OR-ed.

- `annotations_search_config(language)` maps a language tag to a configuration PostgreSQL
  has (en -> english, fr -> french, es -> spanish, ar -> arabic, ...; those this server lacks
  are left out when the function is made); an empty tag is the desk's default, english, and
  a language without a configuration is read by `simple` (words as written, lower-cased).
- An entry's language: a claim's, an external fact-check's and an article's own; a verdict's,
  its article's. The triggers re-index an object when its language changes, and an article's
  verdicts with it.
- `annotations_search_configs` lists the configurations the index holds (a statement trigger
  adds those of new rows; one no longer used stays, and costs one more OR-ed term).
  `annotations_search_query(q)` is `websearch_to_tsquery(config, q)` in each, OR-ed with
  `tsquery_or`, or the english one when the index is empty.

Why every configuration rather than the query's language: a search is one to three words,
too few for a language to be told (core.languages gives no answer under four words), and a
French editor searching an English claim by its English words must still find it. A word
read by a configuration it is not in mostly comes out as written, so OR-ing adds little
noise.

SQLite's FTS5 index has one tokenizer for every row (porter over unicode61): it is left as it
is, and finds other languages' words as written.
"""

import importlib

from django.db import migrations, models

# ISO 639-1 primary subtag -> PostgreSQL's text search configuration (pg_ts_config).
CONFIGS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

# Each kind's language, as an SQL expression over its row `t`.
LANGUAGES = {
    "claim": "t.language",
    "verdict": (
        "(SELECT a.language FROM annotations_claimunit AS u "
        "JOIN annotations_article AS a ON a.id = u.article_id WHERE u.id = t.unit_id)"
    ),
    "factcheck": "t.language",
    "article": "t.language",
}
# The columns whose change re-indexes an object: 0015's, and its language.
LANGUAGE_COLUMN = {"claim": True, "verdict": False, "factcheck": True, "article": True}

ARTICLE_VERDICTS = (
    "ARRAY(SELECT v.id FROM annotations_verdict AS v JOIN annotations_claimunit AS u "
    "ON u.id = v.unit_id WHERE u.article_id = NEW.id)"
)


def _search():
    return importlib.import_module("annotations.migrations.0015_search")


def _config_function(available):
    cases = " ".join(
        f"WHEN '{code}' THEN '{name}'::regconfig"
        for code, name in CONFIGS.items()
        if name in available
    )
    return (
        "CREATE OR REPLACE FUNCTION annotations_search_config(language text) RETURNS regconfig "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE "
        "lower(split_part(split_part(coalesce(language, ''), '-', 1), '_', 1)) "
        f"WHEN '' THEN 'english'::regconfig {cases} ELSE 'simple'::regconfig END $$"
    )


def _vector(config):
    return (
        "vector tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector({config}, title), 'A') "
        f"|| setweight(to_tsvector({config}, body), 'B')) STORED"
    )


def _refresh(kind, with_config):
    search = _search()
    code, table, _, _, _ = search.KINDS[kind]
    select = search._select(kind, search._postgres_clean, search.POSTGRES_SOURCES)
    name = f"annotations_search_{kind}"
    if with_config:
        columns = "(id, title, body, config)"
        select = select.replace(
            f" FROM {table} AS t",
            f", annotations_search_config({LANGUAGES[kind]}) FROM {table} AS t",
            1,
        )
    else:
        columns = "(id, title, body)"
    return (
        f"CREATE OR REPLACE FUNCTION {name}_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$ "
        f"DELETE FROM annotations_search WHERE id IN (SELECT unnest(ids) * 4 + {code}); "
        f"INSERT INTO annotations_search {columns} {select} WHERE t.id = ANY(ids); $$"
    )


def _trigger(kind, with_language):
    _, table, _, _, columns = _search().KINDS[kind]
    columns = (*columns, "language") if with_language else columns
    name = f"annotations_search_{kind}"
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OF {', '.join(columns)} OR DELETE "
        f"ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_changed()",
    ]


def _article_changed(with_verdicts):
    verdicts = (
        "IF TG_OP = 'UPDATE' AND OLD.language IS DISTINCT FROM NEW.language THEN "
        f"PERFORM annotations_search_verdict_refresh({ARTICLE_VERDICTS}); END IF; "
        if with_verdicts
        else ""
    )
    return (
        "CREATE OR REPLACE FUNCTION annotations_search_article_changed() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'DELETE' THEN PERFORM annotations_search_article_refresh(ARRAY[OLD.id]); "
        f"ELSE PERFORM annotations_search_article_refresh(ARRAY[NEW.id]); {verdicts}END IF; "
        "RETURN NULL; END $$"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    search = _search()
    statements = [
        _config_function(available),
        "ALTER TABLE annotations_search "
        "ADD COLUMN config regconfig NOT NULL DEFAULT 'english'::regconfig",
    ]
    for kind, (code, table, _, _, _) in search.KINDS.items():
        statements.append(
            f"UPDATE annotations_search AS s SET config = "
            f"annotations_search_config({LANGUAGES[kind]}) FROM {table} AS t "
            f"WHERE s.id = t.id * 4 + {code}"
        )
    statements += [
        # The vector is made again from each row's configuration (dropping it drops its index).
        "ALTER TABLE annotations_search DROP COLUMN vector",
        f"ALTER TABLE annotations_search ADD COLUMN {_vector('config')}",
        "CREATE INDEX annotations_search_vector ON annotations_search USING gin (vector)",
        "CREATE TABLE annotations_search_configs (config regconfig PRIMARY KEY)",
        "INSERT INTO annotations_search_configs SELECT DISTINCT config FROM annotations_search "
        "UNION SELECT 'english'::regconfig",
        "CREATE FUNCTION annotations_search_configs_add() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN INSERT INTO annotations_search_configs SELECT DISTINCT config FROM added "
        "ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        "CREATE TRIGGER annotations_search_configs AFTER INSERT ON annotations_search "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION annotations_search_configs_add()",
        "CREATE AGGREGATE annotations_tsquery_or(tsquery) (SFUNC = tsquery_or, STYPE = tsquery)",
        "CREATE FUNCTION annotations_search_query(q text) RETURNS tsquery LANGUAGE sql STABLE "
        "AS $$ SELECT coalesce((SELECT annotations_tsquery_or(websearch_to_tsquery(config, q) "
        "ORDER BY config::oid) FROM annotations_search_configs), "
        "websearch_to_tsquery('english'::regconfig, q)) $$",
        _article_changed(with_verdicts=True),
    ]
    for kind in search.KINDS:
        statements.append(_refresh(kind, with_config=True))
        if LANGUAGE_COLUMN[kind]:
            statements += _trigger(kind, with_language=True)
    for statement in statements:
        schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    search = _search()
    statements = [_article_changed(with_verdicts=False)]
    for kind in search.KINDS:
        statements.append(_refresh(kind, with_config=False))
        if LANGUAGE_COLUMN[kind]:
            statements += _trigger(kind, with_language=False)
    statements += [
        "DROP FUNCTION IF EXISTS annotations_search_query(text)",
        "DROP AGGREGATE IF EXISTS annotations_tsquery_or(tsquery)",
        "DROP TRIGGER IF EXISTS annotations_search_configs ON annotations_search",
        "DROP FUNCTION IF EXISTS annotations_search_configs_add()",
        "DROP TABLE IF EXISTS annotations_search_configs",
        "ALTER TABLE annotations_search DROP COLUMN vector",
        "ALTER TABLE annotations_search DROP COLUMN config",
        f"ALTER TABLE annotations_search ADD COLUMN {_vector(repr('english') + '::regconfig')}",
        "CREATE INDEX annotations_search_vector ON annotations_search USING gin (vector)",
        "DROP FUNCTION IF EXISTS annotations_search_config(text)",
    ]
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0030_label_translations"),
    ]

    operations = [
        # Unmanaged: the model learns the column, the statements above make it.
        migrations.AddField(
            model_name="searchentry",
            name="config",
            field=models.TextField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
