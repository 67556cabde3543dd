"""Writes for articles: creating them from pasted text, uploaded files and URLs."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, ClassVar, TypedDict, Unpack

import trafilatura
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy
from lxml.html import HtmlElement
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

from annotations import fetching
from annotations.core.languages import language_detect, language_tag_clean
from annotations.core.text import (
    canonical_text,
    first_paragraph_split,
    has_visible_character,
    name_clean,
    paragraphs_from_lines,
    paragraphs_guessed,
)
from annotations.core.uri import uri_key_or_empty
from annotations.errors import DomainError
from annotations.models import Article, ArticleRevision
from annotations.permissions import Permission, require
from annotations.services.recurrence import revision_claims_scan_after_commit
from annotations.services.suggestions import revision_suggestions_compute_after_commit
from annotations.validators import publication_date_check, visible_name_check

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HTML_CONTENT_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_CONTENT_TYPES = {"text/plain"}


@dataclass(frozen=True)
class ExtractedArticle:
    """What an import found: the canonical text and whatever metadata the source carried."""

    text: str
    title: str = ""
    byline: str = ""
    publisher: str = ""
    published_on: datetime.date | None = None
    language: str = ""


def article_create(
    *,
    title: str,
    text: str,
    byline: str = "",
    publisher: str = "",
    source_url: str = "",
    published_on: datetime.date | None = None,
    language: str = "en",
    imported_by: User | None = None,
) -> Article:
    """Create an article from raw text, which is normalised to the canonical form first.

    The text is also the article's revision 1.
    """
    canonical = text_validate(text)
    title = _title_or_first_line(title, canonical)
    if source_url:
        source_url = _source_url_checked(source_url)
    with transaction.atomic():
        article = Article.objects.create(
            title=title[:500],
            text=canonical,
            byline=byline[:300],
            publisher=publisher[:200],
            source_url=source_url,
            url_key=uri_key_or_empty(source_url),
            published_on=published_on,
            language=(language or "en")[:16],
            imported_by=imported_by,
        )
        revision = ArticleRevision.objects.create(
            article=article,
            number=1,
            title=article.title,
            text=article.text,
            origin=ArticleRevision.Origin.IMPORT,
            created_by=article.imported_by,
            reanchored_at=article.created,
        )
        revision_claims_scan_after_commit(revision.pk)
        revision_suggestions_compute_after_commit(revision.pk)
    return article


def _source_url_checked(source_url: str) -> str:
    # Shown and linked as given: refused if it names an address a fetch would refuse.
    return fetching.url_host_check(
        source_url, allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES
    )


def _title_or_first_line(title: str, canonical: str) -> str:
    """The title as typed (spaces collapsed); without one, the text's first line, as a newsroom
    would read it (without the direction marks the text itself may rightly carry)."""
    title = " ".join(title.split())
    return title or name_clean(canonical.split("\n", 1)[0])[:200]


def text_validate(text: str) -> str:
    """The canonical form of an article's text; a field error if it is empty or too long."""
    canonical = canonical_text(text)
    if not canonical:
        raise DomainError(
            gettext("The article has no text."), code="article_text_empty", field="text"
        )
    if not has_visible_character(canonical):
        # Blank lines around a zero-width space are not an article (walk 19, finding 12).
        raise DomainError(
            gettext("The article has no text: only spaces and invisible characters."),
            code="article_text_empty",
            field="text",
        )
    if len(canonical) > settings.ARTICLE_MAX_CHARACTERS:
        raise DomainError(
            gettext("The article is longer than %(limit)s characters.")
            % {"limit": number_format(settings.ARTICLE_MAX_CHARACTERS, force_grouping=True)},
            code="article_text_too_long",
            field="text",
        )
    return canonical


def html_extract(html: str | bytes, *, url: str | None = None) -> ExtractedArticle:
    """Main text, title, author, date, site name and declared language of an HTML page
    (trafilatura; the language from the page's `<html lang>`).

    The date is one the page states (its metadata, a <time>, a full date in its URL or text):
    htmldate's extensive search is off, as it falls back on any year in the text, so a
    footer's "© 2026" became 1 January 2026 (walk 18, finding 1).
    """
    tree = load_html(html)
    document = None
    if tree is None or _text_outside_navigation(tree):
        document = trafilatura.bare_extraction(
            tree if tree is not None else html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            date_extraction_params=set_date_params(extensive=False),
        )
    # A Document, or None when nothing was found (a dict only with as_dict=True, not asked for).
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise DomainError(
            gettext("Could not find the article's main text in this HTML."),
            code="html_no_main_text",
            field="file",
        )
    lines = (document.text or "").split("\n")
    title = name_clean(document.title or "")
    # trafilatura repeats the headline as the first line of the text; the title field holds it.
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    return ExtractedArticle(
        text=paragraphs_from_lines("\n".join(lines)),
        title=title,
        byline=name_clean(document.author or ""),
        publisher=name_clean(document.sitename or ""),
        published_on=_date_parse(document.date),
        language=language_tag_clean((tree.get("lang") if tree is not None else None) or ""),
    )


# Text in the page's body but not in its navigation, header, footer or code. favor_recall takes
# a page's only text as its main text, so a page of nothing but a menu was imported as the
# article "menu" (walk 18, finding 10).
_TEXT_OUTSIDE_NAVIGATION = (
    "//body//text()[normalize-space()]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer"
    " or ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)


def _text_outside_navigation(tree: HtmlElement) -> bool:
    return bool(tree.xpath(_TEXT_OUTSIDE_NAVIGATION))


def _date_parse(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _bytes_decode(content: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise DomainError(
        gettext("The file is not valid UTF-8 text."), code="upload_not_text", field="file"
    )


def upload_extract(*, name: str, content: bytes, content_type: str = "") -> ExtractedArticle:
    """The article in an uploaded .txt or .html file; anything else is refused."""
    lowered = name.lower()
    if b"\x00" in content[:8192]:
        raise DomainError(
            gettext("The file is binary, not text or HTML."), code="upload_not_text", field="file"
        )
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return html_extract(_bytes_decode(content, None))
    if lowered.endswith(".txt"):
        return ExtractedArticle(text=paragraphs_guessed(_bytes_decode(content, None)))
    raise DomainError(
        gettext("Upload a .txt or .html file."), code="upload_unsupported_type", field="file"
    )


def desk_page_fetch(
    url: str, *, content_types: frozenset[str] = fetching.ALLOWED_CONTENT_TYPES
) -> fetching.FetchedPage:
    """Fetch a URL with the desk's limits (timeout, size, deadline) and its address guard."""
    return fetching.page_fetch(
        url,
        timeout=settings.ARTICLE_FETCH_TIMEOUT_SECONDS,
        max_bytes=settings.ARTICLE_FETCH_MAX_BYTES,
        allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES,
        deadline=settings.ARTICLE_FETCH_DEADLINE_SECONDS,
        content_types=content_types,
    )


def url_extract(url: str) -> ExtractedArticle:
    """Fetch a URL (safely, see annotations.fetching) and extract its article."""
    page = desk_page_fetch(url)
    if page.content_type in TEXT_CONTENT_TYPES:
        return ExtractedArticle(text=paragraphs_guessed(_bytes_decode(page.content, page.charset)))
    try:
        return html_extract(page.content, url=page.url)
    except DomainError as error:
        raise DomainError(error.message, code=error.code, field="url") from None


class ArticleSource(TypedDict, total=False):
    """`article_draft`'s arguments but the importing user: where the text comes from, and the
    metadata typed with it."""

    text: str
    upload_name: str
    upload_content: bytes | None
    url: str
    title: str
    byline: str
    publisher: str
    source_url: str
    published_on: datetime.date | None
    language: str
    first_line_title: bool


@dataclass(frozen=True)
class ArticleDraft:
    """What an import would save: shown as a preview on the import page, then created."""

    title: str
    text: str
    byline: str
    publisher: str
    source_url: str
    published_on: datetime.date | None
    language: str


class ArticleDuplicate(DomainError):
    """The desk already has this article (the same URL, or the same text): a 409 whose page
    offers to open the existing one or add a revision to it. `matched` is "url" or "text"."""

    REASONS: ClassVar[dict[str, StrOrPromise]] = {
        "url": gettext_lazy("This article is already on the desk (the same URL): “%(title)s”."),
        "text": gettext_lazy("This article is already on the desk (the same text): “%(title)s”."),
    }

    def __init__(self, existing: Article, *, matched: str) -> None:
        super().__init__(
            str(self.REASONS[matched]) % {"title": existing.title},
            code="article_duplicate",
            status=409,
        )
        self.existing = existing
        self.matched = matched


def article_duplicate_find(*, source_url: str, text: str) -> tuple[Article, str] | None:
    """An article with this source URL, or whose text (any revision's) is this canonical text,
    and which of the two matched ("url" or "text"); None when the import is new."""
    if source_url:
        same_url = Article.objects.filter(source_url=source_url).order_by("pk").first()
        if same_url is not None:
            return same_url, "url"
    same_text = (
        Article.objects.filter(Q(text=text) | Q(revisions__text=text)).order_by("pk").first()
    )
    return (same_text, "text") if same_text is not None else None


def article_draft(
    *,
    imported_by: User | None,
    text: str = "",
    upload_name: str = "",
    upload_content: bytes | None = None,
    url: str = "",
    title: str = "",
    byline: str = "",
    publisher: str = "",
    source_url: str = "",
    published_on: datetime.date | None = None,
    language: str = "",
    first_line_title: bool = False,
) -> ArticleDraft:
    """What importing from exactly one of pasted text, an uploaded file or a URL would save,
    without saving it (the import page's preview; `article_import` saves it).

    Metadata typed by the user wins over what the source carried. A plain text with one
    paragraph per line and no blank line has each line taken as a paragraph.
    `first_line_title`: the text's first paragraph becomes the title (unless one was typed)
    and leaves the body.
    """
    if imported_by is not None:
        require(imported_by, Permission.Article.IMPORT)
    # What the user typed is refused if it hides characters; what a source carried is cleaned.
    for field, value in (("title", title), ("byline", byline), ("publisher", publisher)):
        visible_name_check(value, field=field)
    publication_date_check(published_on, field="published_on")
    given = [bool(text.strip()), upload_content is not None, bool(url)]
    if sum(given) != 1:
        raise DomainError(
            gettext("Paste the text, upload a file, or give a URL: exactly one of them."),
            code="article_source_ambiguous",
        )
    if upload_content is not None:
        extracted = upload_extract(name=upload_name, content=upload_content)
    elif url:
        extracted = url_extract(url)
        source_url = source_url or url
    else:
        extracted = ExtractedArticle(text=paragraphs_guessed(text))
    body = text_validate(extracted.text)
    if first_line_title:
        first, rest = first_paragraph_split(body)
        if not first:
            raise DomainError(
                gettext(
                    "The text has a single paragraph: there is no first line to take as the title."
                ),
                code="article_first_line_alone",
                field="first_line_title",
            )
        body = rest
        title = title or name_clean(first)
    return ArticleDraft(
        title=_title_or_first_line(title or extracted.title, body),
        text=body,
        byline=byline or extracted.byline,
        publisher=publisher or extracted.publisher,
        source_url=_source_url_checked(source_url) if source_url else "",
        published_on=published_on or extracted.published_on,
        language=language or _language_of(body, declared=extracted.language),
    )


def _language_of(text: str, *, declared: str) -> str:
    # What the text itself says, when the models are sure, before what its page declared (many
    # sites declare one language for every page), before the desk's default.
    guess = language_detect(text)
    return guess.language if guess else declared or "en"


def article_import(
    *,
    imported_by: User | None,
    duplicate_refused: bool = False,
    **source: Unpack[ArticleSource],
) -> Article:
    """Import an article from exactly one of: pasted text, an uploaded file, a URL (`source`:
    `article_draft`'s arguments).

    `duplicate_refused`: an article the desk already has (`article_duplicate_find`) is refused
    with `ArticleDuplicate` rather than imported a second time. `imported_by` None: an
    operator's command, on no one's behalf.
    """
    draft = article_draft(imported_by=imported_by, **source)
    if duplicate_refused:
        found = article_duplicate_find(source_url=draft.source_url, text=draft.text)
        if found is not None:
            raise ArticleDuplicate(found[0], matched=found[1])
    # The draft's fields are article_create's arguments, named alike.
    return article_create(**asdict(draft), imported_by=imported_by)
