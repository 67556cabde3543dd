"""python manage.py import_article PATH_OR_URL [--title ...]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.errors import DomainError
from annotations.services.articles import article_import


class Command(BaseCommand):
    help = "Import an article from a .txt or .html file, or from an http(s) URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A path to a .txt/.html file, or an http(s) URL.")
        parser.add_argument("--title", default="")
        parser.add_argument("--byline", default="")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--language", default="")

    def handle(
        self,
        *args: Any,
        source: str,
        title: str,
        byline: str,
        publisher: str,
        language: str,
        **options: Any,
    ) -> None:
        metadata = {"title": title, "byline": byline, "publisher": publisher, "language": language}
        try:
            if source.lower().startswith(("http://", "https://")):
                article = article_import(imported_by=None, url=source, **metadata)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No such file: {source}")
                article = article_import(
                    imported_by=None,
                    upload_name=path.name,
                    upload_content=path.read_bytes(),
                    **metadata,
                )
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported article {article.pk}: {article.title} ({len(article.text)} characters)"
            )
        )
