"""python manage.py backup_database PATH: a consistent copy of the database, taken while the
desk is in use. Restoring is described in docs/backup.md."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = (
        "Back up the database to PATH: on SQLite a copy made with VACUUM INTO, on PostgreSQL "
        "a pg_dump archive (custom format, for pg_restore). PATH must not exist yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, path: Path, database: str, **options: Any) -> None:
        if path.exists():
            raise CommandError(f"{path} exists: a backup never overwrites a file.")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a folder.")
        connection = connections[database]
        if connection.vendor == "sqlite":
            # One read transaction: a consistent snapshot even while the desk writes, and
            # unlike copying the file, safe whatever the journal mode.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(path)])
        elif connection.vendor == "postgresql":
            # pg_dump takes a consistent snapshot too. The connection settings and password
            # reach it as they reach `manage.py dbshell`.
            command, env = connection.client.settings_to_cmd_args_env(
                connection.settings_dict, ["--format=custom", "--no-owner", "--file", str(path)]
            )
            command = ["pg_dump", *command[1:]]
            try:
                done = subprocess.run(  # noqa: S603 (our own arguments, no shell)
                    command,
                    env={**os.environ, **(env or {})},
                    capture_output=True,
                    text=True,
                    check=False,
                )
            except FileNotFoundError as error:
                raise CommandError("pg_dump is not installed (postgresql-client).") from error
            if done.returncode != 0:
                path.unlink(missing_ok=True)
                raise CommandError(f"pg_dump failed: {done.stderr.strip()}")
        else:
            raise CommandError(f"No backup method for {connection.vendor}.")
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}."))
