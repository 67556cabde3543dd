"""Reads for the revision pages: an article's revisions, chosen ones with their texts, and what
changed between two texts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

from annotations.models import ArticleRevision

# A diff that takes longer is cut short: still correct, only less minimal. Keeps a page of two
# long, very different texts from holding a worker.
DIFF_TIMEOUT_SECONDS = 1.0

PieceKind = Literal["equal", "insert", "delete"]
_KINDS: dict[int, PieceKind] = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}


@dataclass(frozen=True)
class DiffPiece:
    kind: PieceKind
    text: str


@dataclass(frozen=True)
class TextDiff:
    """The new text as pieces kept, inserted or deleted; counts in code points."""

    pieces: list[DiffPiece]
    inserted: int
    deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)


def article_revisions(article_id: int) -> list[ArticleRevision]:
    """The article's revisions, oldest first, with who made each; their texts are not read."""
    return list(
        ArticleRevision.objects.filter(article_id=article_id)
        .select_related("created_by")
        .defer("text")
        .order_by("number")
    )


def revisions_with_text(article_id: int, numbers: Iterable[int]) -> dict[int, ArticleRevision]:
    """Some of the article's revisions, texts included, by number, in one query."""
    return {
        revision.number: revision
        for revision in ArticleRevision.objects.filter(
            article_id=article_id, number__in=set(numbers)
        )
    }


def texts_diff(old: str, new: str) -> TextDiff:
    """What changed from `old` to `new`: diff-match-patch's diff, cleaned up for people to read
    (diff_cleanupSemantic merges the many small equalities a character diff leaves)."""
    differ = diff_match_patch()
    differ.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    operations = differ.diff_main(old, new)
    differ.diff_cleanupSemantic(operations)
    pieces = [DiffPiece(kind=_KINDS[operation], text=text) for operation, text in operations]
    return TextDiff(
        pieces=pieces,
        inserted=sum(len(piece.text) for piece in pieces if piece.kind == "insert"),
        deleted=sum(len(piece.text) for piece in pieces if piece.kind == "delete"),
    )
