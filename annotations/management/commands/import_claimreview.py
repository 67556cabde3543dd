"""python manage.py import_claimreview PATH_OR_URL [--base-url URL]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.core.formats.claimreview_import import claimreviews_from_html, claimreviews_read
from annotations.errors import DomainError
from annotations.services.fact_checks import (
    FactCheckImport,
    fact_checks_import_url,
    fact_checks_store,
)

# Refusals listed one by one; beyond this many, a count.
REFUSALS_LISTED = 50


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview: a JSON or JSON-LD file, a fact-check page saved "
        "as .html, or the URL of a feed or page. Each review is stored whole or refused with its "
        "reason; one already imported (same URL) is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A file path, or an http(s) URL.")
        parser.add_argument(
            "--base-url", default="", help="For a saved page: the address it was published at."
        )

    def handle(self, *args: Any, source: str, base_url: str, **options: Any) -> None:
        try:
            result = self._import(source, base_url)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Read {result.items_read} item(s): {result.created} imported, "
            f"{len(result.known)} already known, {len(result.refusals)} refused."
        )
        for refusal in result.refusals[:REFUSALS_LISTED]:
            where = f" {refusal.url}" if refusal.url else ""
            self.stdout.write(
                f"  refused item {refusal.item} ({refusal.location}{where}): {refusal.reason}"
            )
        if len(result.refusals) > REFUSALS_LISTED:
            self.stdout.write(f"  ... and {len(result.refusals) - REFUSALS_LISTED} more refused.")
        if not result.created and not result.known:
            raise CommandError("Nothing was imported.")

    def _import(self, source: str, base_url: str) -> FactCheckImport:
        if source.startswith(("http://", "https://")):
            return fact_checks_import_url(url=source, importer=None)
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"No such file: {source}")
        content = path.read_bytes()
        if path.suffix.lower() in {".html", ".htm"}:
            report = claimreviews_from_html(content, base_url)
        else:
            report = claimreviews_read(content, base_url=base_url)
        return fact_checks_store(report=report, importer=None)
