"""The revision a page shows: `?revision=N` read from the URL, the chosen revision's text, and the
article's other revisions to switch to (the article page and the diff page both use it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404

from annotations.models import Article, ArticleRevision
from annotations.selectors.revision_pages import article_revisions, revisions_with_text

# Revision numbers as the query string may give them: digits, short enough for any integer
# column. Anything else is a page that does not exist, not a server error.
_NUMBER = re.compile(r"[0-9]{1,9}")


def revision_number(value: str) -> int:
    """A revision number from the URL, or a 404."""
    if not _NUMBER.fullmatch(value):
        raise Http404("No such revision.")
    return int(value)


@dataclass(frozen=True)
class RevisionChoice:
    """The revision a page shows (text loaded), among all the article's (texts not loaded)."""

    shown: ArticleRevision
    revisions: list[ArticleRevision]

    @property
    def latest(self) -> ArticleRevision:
        return self.revisions[-1]

    @property
    def is_latest(self) -> bool:
        return self.shown.number == self.latest.number


def revision_choose(article: Article, requested: str | None) -> RevisionChoice:
    """The revision `?revision=N` asks for, by default the latest; a 404 if there is none.

    Two queries whatever the number of revisions: the list, then the chosen text.
    """
    revisions = article_revisions(article.pk)
    if not revisions:
        raise Http404("This article has no revision.")
    number = revisions[-1].number if requested is None else revision_number(requested)
    shown = revisions_with_text(article.pk, [number]).get(number)
    if shown is None:
        raise Http404("No such revision.")
    return RevisionChoice(shown=shown, revisions=revisions)
