"""The search box's words, read once for both databases, and the highlighted snippet.

`query_parse` reads what people type the way PostgreSQL's `websearch_to_tsquery` does (and
web search engines): words are all required, `"a phrase"` keeps its words together, `or`
between two terms accepts either, a leading `-` excludes a word or phrase. PostgreSQL is
given the text itself; SQLite's FTS5 gets `fts5_query(parsed)`, in which every word is a
quoted string, so nothing typed can reach FTS5's own syntax (column filters, `NEAR`, `*`).

A query must hold at least one word to look for: exclusions alone would list everything
without those words, which neither index can answer from its postings.

Snippets come back from the database with each matched term between `MARK_START` and
`MARK_END` (two private-use characters the index strips from stored text, so stored text can
never fake a mark); `snippet_html` escapes every piece and wraps the marked ones in <mark>.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MARK_START = "\ue000"
MARK_END = "\ue001"
MAX_QUERY_LENGTH = 500
NO_WORD_MESSAGE = "Give at least one word to look for (not only words to leave out)."
# A language tag as BCP 47 writes it, for the language filter: "en", "pt-BR", "zh-Hant".
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
LANGUAGE_MESSAGE = 'Give a language tag, e.g. "en" or "pt-BR".'

# A phrase (its closing quote optional, as websearch_to_tsquery allows) or a bare word, each
# with an optional leading "-".
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass(frozen=True)
class ParsedQuery:
    """What to find: every group must match, a group matching when any of its terms does;
    no document holding an excluded term is found. Terms are words or phrases as typed."""

    groups: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.groups


def _has_word(text: str) -> bool:
    return any(character.isalnum() for character in text)


def query_parse(text: str) -> ParsedQuery:
    """Read a search box's text (see the module's docstring). Terms without any letter or
    digit ("!!", "-") are dropped: both indexes would ignore them anyway."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        quoted_minus, phrase, word_minus, word = match.groups()
        negated = bool(quoted_minus or word_minus)
        term = " ".join(phrase.split()) if phrase is not None else word
        if phrase is None and not negated and word.lower() == "or":
            join_next = bool(groups)
            continue
        if not _has_word(term):
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return ParsedQuery(tuple(tuple(group) for group in groups), tuple(excluded))


def _fts5_string(term: str) -> str:
    # An FTS5 string: its tokenizer splits it into a phrase; '"' is written twice.
    return '"' + term.replace('"', '""') + '"'


def fts5_query(parsed: ParsedQuery) -> str:
    """The query in FTS5's syntax: `("a") AND ("b" OR "c") NOT "d"`. Empty for an empty query
    (the caller finds nothing rather than asking FTS5)."""
    if parsed.empty:
        return ""
    query = " AND ".join(
        "(" + " OR ".join(_fts5_string(term) for term in group) + ")" for group in parsed.groups
    )
    for term in parsed.excluded:
        # FTS5's NOT is binary and binds tighter than AND: keep the left side whole.
        query = f"({query}) NOT {_fts5_string(term)}"
    return query


def text_unmarked(text: str) -> str:
    """`text` without the two mark characters (what the index stores)."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


def snippet_segments(snippet: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, is_match) pieces in order. A mark left open runs to the end;
    a closing mark without an opening one is dropped."""
    segments: list[tuple[str, bool]] = []
    marked = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", snippet):
        if piece == MARK_START:
            marked = True
        elif piece == MARK_END:
            marked = False
        elif piece:
            segments.append((piece, marked))
    return segments


def snippet_html(snippet: str) -> str:
    """The snippet as HTML: every piece of text escaped, each match inside <mark>. Stored text
    is never trusted as HTML: a `<script>` in it comes out as `&lt;script&gt;`."""
    return "".join(
        f"<mark>{html.escape(text)}</mark>" if is_match else html.escape(text)
        for text, is_match in snippet_segments(snippet)
    )
