"""Backup and restore as docs/backup.md tells a desk to do it: `manage.py backup_database`, then
a restore into a fresh database holds every row of every table.

On the embedded pass the backup is SQLite's VACUUM INTO copy; on the PostgreSQL pass a pg_dump
archive restored with pg_restore into a freshly created database.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from annotations.models import (
    Annotation,
    AnnotationAnchor,
    Article,
    ArticleRevision,
    ClaimUnit,
    Correction,
    Review,
    Source,
    Verdict,
)
from annotations.services.revisions import article_revise
from tests.factories import desk_published_and_corrected

# Committed data: pg_dump reads from its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

Fingerprints = dict[str, tuple[int, str]]


@pytest.fixture
def desk() -> None:
    """Articles, two revisions with re-anchored highlights, reviews with sources, a published
    and corrected verdict, and the history rows all of that wrote."""
    published = desk_published_and_corrected()
    article_revise(
        article=published.article,
        text=published.article.text + "\n\nUpdated on Wednesday with the final figures.",
        created_by=published.editor,
    )
    expected = {
        Article: 1,
        ArticleRevision: 2,
        Annotation: 2,
        Source: 2,
        Review: 2,
        ClaimUnit: 1,
        Verdict: 1,
        Correction: 1,
    }
    assert {model: model.objects.count() for model in expected} == expected
    assert AnnotationAnchor.objects.filter(revision__number=2).count() == 2
    for model in (Annotation, ClaimUnit, Verdict):
        assert model.history.exists(), model  # type: ignore[attr-defined]


def sqlite_fingerprints(cursor: Any, tables: list[str]) -> Fingerprints:
    result = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (introspected table names)
        rows = sorted(repr(row) for row in cursor.fetchall())
        result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def postgres_fingerprints(cursor: Any, tables: list[str]) -> Fingerprints:
    # Each row's text form, as the server writes it: the same whichever client reads it.
    result = {}
    for table in tables:
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"  # noqa: E501, S608
        )
        count, digest = cursor.fetchone()
        result[table] = (count, digest)
    return result


def live_fingerprints() -> Fingerprints:
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return sqlite_fingerprints(cursor, tables)
        return postgres_fingerprints(cursor, tables)


def restored_sqlite(backup: Path, tmp_path: Path) -> Fingerprints:
    # docs/backup.md: with the desk stopped, the backup file replaces db.sqlite3. Read back
    # through a fresh Django connection (it brings the SQL functions the schema's checks use).
    restored = tmp_path / "db.sqlite3"
    shutil.copyfile(backup, restored)
    fresh = SQLiteWrapper({**connection.settings_dict, "NAME": str(restored)}, alias="restored")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchall() == [("ok",)]
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
            return sqlite_fingerprints(cursor, fresh.introspection.table_names(cursor))
    finally:
        fresh.close()


def pg_client(program: str, *arguments: str, dbname: str, last: tuple[str, ...] = ()) -> None:
    """Run a PostgreSQL client program with the test database's connection settings:
    `program [connection options] [arguments] dbname [last]`."""
    command, env = connection.client.settings_to_cmd_args_env(
        {**connection.settings_dict, "NAME": dbname}, list(arguments)
    )
    command = [program, *command[1:], *last]
    done = subprocess.run(  # noqa: S603 (our own arguments)
        command, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def fresh_postgres_database() -> Iterator[str]:
    name = f"fc_restore_{uuid.uuid4().hex[:12]}"
    pg_client("createdb", dbname=name)
    yield name
    pg_client("dropdb", "--if-exists", dbname=name)


def postgres_conninfo(dbname: str) -> dict[str, Any]:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": dbname,
    }


def restored_postgres(backup: Path, dbname: str) -> Fingerprints:
    # docs/backup.md: pg_restore into a freshly created database.
    pg_client(
        "pg_restore",
        "--no-owner",
        "--exit-on-error",
        "--dbname",
        dbname=dbname,
        last=(str(backup),),
    )
    with psycopg.connect(**postgres_conninfo(dbname)) as fresh:
        tables = [
            name
            for (name,) in fresh.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        ]
        return postgres_fingerprints(fresh.cursor(), tables)


def test_a_restored_backup_holds_every_row_of_every_table(desk, tmp_path, request):
    backup = tmp_path / "factcheck.backup"
    before = live_fingerprints()

    call_command("backup_database", str(backup))

    if connection.vendor == "sqlite":
        restored = restored_sqlite(backup, tmp_path)
    else:
        restored = restored_postgres(backup, request.getfixturevalue("fresh_postgres_database"))
    assert restored == before
    assert before["annotations_verdict"][0] == 1
    assert before["annotations_historicalverdict"][0] >= 3  # decided, published, corrected


@pytest.mark.postgres
def test_a_backup_taken_during_a_write_holds_the_last_committed_state(
    desk, tmp_path, fresh_postgres_database
):
    """The desk is in use during the backup: a transaction still open when it starts neither
    blocks it nor ends up in it."""
    assert connection.vendor == "postgresql", "this test needs PostgreSQL: set DATABASE_URL"
    committed = live_fingerprints()
    backup = tmp_path / "factcheck.backup"
    with psycopg.connect(**postgres_conninfo(connection.settings_dict["NAME"])) as writer:
        writer.execute("UPDATE annotations_article SET title = 'Rewritten, not committed'")
        call_command("backup_database", str(backup))
        writer.rollback()

    assert restored_postgres(backup, fresh_postgres_database) == committed


def test_a_backup_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "yesterday.backup"
    existing.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="exists"):
        call_command("backup_database", str(existing))

    assert existing.read_bytes() == b"yesterday's backup"
