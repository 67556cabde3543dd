"""Comments as the desk shows them: Markdown-like text rendered to safe HTML, with `@name`
mentions of people who may read the thread.

Rendering is two steps, each doing one job:

1. markdown-it-py's CommonMark parser with its `html` option off: raw HTML in the text is not
   parsed as HTML, so it comes out escaped, as text. Mentions are found in the parsed text
   tokens only, so an `@name` inside a code span or a link's address is not a mention.
2. nh3 (the Rust `ammonia` sanitiser) with a short allow-list (`ALLOWED_TAGS`): whatever the
   renderer produced, no tag, attribute or URL scheme outside the list reaches the page.

`@name` is a mention when `name` is a username the caller says may be mentioned (case does not
matter); any other `@word` stays plain text. Pure Python, no Django.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape, unescape

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# How long the author may edit a comment; after that a correction is a new comment.
EDIT_WINDOW = datetime.timedelta(minutes=15)
# The longest comment the desk stores (characters).
MAX_LENGTH = 10_000

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span"}
)
# (a span's class is allowed through ALLOWED_CLASSES alone: nh3 refuses it in both)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_CLASSES = {"span": {"mention"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

# A username as Django allows it (letters, digits and @.+-_), after an @ that does not follow a
# word character (so "ana@example.org" is an address, not a mention).
MENTION = re.compile(r"(?<![\w@.+-])@([\w.+-]+[\w+-]|[\w])")


@dataclass(frozen=True)
class RenderedComment:
    html: str
    mentions: list[str]  # the usernames mentioned, as given in `mentionable`, in order, once each


def _markdown() -> MarkdownIt:
    # "commonmark" with html off: no raw HTML blocks or inline tags; images are turned into
    # their alt text by the sanitiser (img is not allowed).
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # An image would load a third-party URL in every reader's browser: `![alt](url)` stays text.
    return md.disable("image")


def _mention_rule(mentionable: Mapping[str, str], found: list[str]) -> object:
    def split_mentions(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            children: list[Token] = []
            inside_link = 0
            for token in block.children:
                if token.type == "link_open":
                    inside_link += 1
                elif token.type == "link_close":
                    inside_link -= 1
                if token.type != "text" or inside_link:
                    children.append(token)
                    continue
                children.extend(_split(token, mentionable, found))
            block.children = children

    return split_mentions


def _split(token: Token, mentionable: Mapping[str, str], found: list[str]) -> list[Token]:
    pieces: list[Token] = []
    position = 0
    for match in MENTION.finditer(token.content):
        name = mentionable.get(match.group(1).lower())
        if name is None:
            continue
        if match.start() > position:
            pieces.append(Token("text", "", 0, content=token.content[position : match.start()]))
        pieces.append(Token("mention", "", 0, content=name))
        if name not in found:
            found.append(name)
        position = match.end()
    if position == 0:
        return [token]
    if position < len(token.content):
        pieces.append(Token("text", "", 0, content=token.content[position:]))
    return pieces


def _render_mention(
    self: object, tokens: Sequence[Token], idx: int, options: object, env: object
) -> str:
    return f'<span class="mention">@{escape(tokens[idx].content)}</span>'


def sanitise(html: str) -> str:
    """Only the allow-listed tags, attributes, classes and URL schemes; everything else goes
    (tags stripped, their text kept; script and style dropped with their content)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def comment_render(text: str, mentionable: Mapping[str, str] | None = None) -> RenderedComment:
    """`text` as safe HTML, and who it mentions.

    `mentionable` maps lower-cased usernames to usernames: the people who may read the thread.
    """
    found: list[str] = []
    md = _markdown()
    md.core.ruler.push("mentions", _mention_rule(mentionable or {}, found))  # type: ignore[arg-type]
    md.add_render_rule("mention", _render_mention)
    html = md.render(text)
    return RenderedComment(html=sanitise(html), mentions=found)


def comment_plain_text(text: str) -> str:
    """The comment as one line of plain text (formatting dropped), for notification summaries
    and e-mails."""
    bare = nh3.clean(_markdown().render(text), tags=set())
    return " ".join(unescape(bare).split())


def mentions_in(text: str, mentionable: Mapping[str, str]) -> list[str]:
    """The usernames `text` mentions (see comment_render), in order, once each."""
    return comment_render(text, mentionable).mentions


def editable(created: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether a comment made at `created` may still be edited at `now` (EDIT_WINDOW)."""
    return now - created <= EDIT_WINDOW
