"""python manage.py compile_translations: the interface's catalogues, .po → .mo, in Python.

Django's own `compilemessages` runs GNU gettext's msgfmt, which a fresh machine may not have;
Babel (already installed with trafilatura's courlan, pinned in requirements.txt) reads and writes
the same files. `make run` and `make test` run this before anything reads the catalogues; the .mo
files are build output, never committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the interface's translation catalogues (.po) into the files Django reads (.mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        compiled = 0
        for folder in settings.LOCALE_PATHS:
            for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as po_file:
                    try:
                        catalogue = read_po(po_file, abort_invalid=True)
                    except Exception as error:  # Babel raises its own PoFileError and others
                        raise CommandError(f"{po_path}: {error}") from error
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalogue)
                compiled += 1
        if options["verbosity"] > 1 or compiled:
            self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
