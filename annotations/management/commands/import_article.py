"""python manage.py import_article PATH_OR_URL [--title ...] [--new-version-of ARTICLE_ID]
[--allow-duplicate]

An article the desk already has (the same source URL, or the same text) is not imported again:
the command says which one it is and skips it (exit status 0, so that a batch goes on), unless
--allow-duplicate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.errors import DomainError
from annotations.models import Article, ArticleRevision
from annotations.services.articles import ArticleDuplicate, article_import, url_extract
from annotations.services.revisions import article_revise, article_revision_import


class Command(BaseCommand):
    help = "Import an article from a .txt or .html file, or from an http(s) URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A path to a .txt/.html file, or an http(s) URL.")
        parser.add_argument("--title", default="")
        parser.add_argument("--byline", default="")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--language", default="")
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help="Import it even if the desk has an article with the same URL or the same text.",
        )
        parser.add_argument(
            "--new-version-of",
            type=int,
            metavar="ARTICLE_ID",
            help="Import the text as a new revision of this article; highlights are re-anchored.",
        )

    def handle(
        self,
        *args: Any,
        source: str,
        title: str,
        byline: str,
        publisher: str,
        language: str,
        new_version_of: int | None,
        allow_duplicate: bool,
        **options: Any,
    ) -> None:
        if new_version_of is not None:
            self._revise(new_version_of, source)
            return
        metadata: dict[str, Any] = {
            "duplicate_refused": not allow_duplicate,
            "title": title,
            "byline": byline,
            "publisher": publisher,
            "language": language,
        }
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
        except ArticleDuplicate as duplicate:
            self.stderr.write(
                self.style.WARNING(
                    f"Skipped: {duplicate.message} It is article {duplicate.existing.pk}; "
                    "add --allow-duplicate to import it again, or --new-version-of "
                    f"{duplicate.existing.pk} to add this text to it as a revision."
                )
            )
            return
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported article {article.pk}: {article.title} ({len(article.text)} characters)"
            )
        )

    def _revise(self, article_id: int, source: str) -> None:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise CommandError(f"No article {article_id}.")
        try:
            if source.lower().startswith(("http://", "https://")):
                extracted = url_extract(source)
                revision, created = article_revise(
                    article=article,
                    text=extracted.text,
                    title=extracted.title,
                    origin=ArticleRevision.Origin.URL,
                    created_by=None,
                )
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No such file: {source}")
                revision, created = article_revision_import(
                    article=article,
                    created_by=None,
                    upload_name=path.name,
                    upload_content=path.read_bytes(),
                )
        except DomainError as error:
            raise CommandError(error.message) from None
        if not created:
            self.stdout.write(f"Article {article.pk} is unchanged: no new revision.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Article {article.pk}: revision {revision.number} saved "
                f"({len(revision.text)} characters); highlights are being placed on it."
            )
        )
