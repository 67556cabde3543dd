"""Other fact-checkers' schema.org ClaimReview, read into plain records (the import's parsing).

`claimreviews_read` takes a JSON document (text, bytes or an already parsed value) in the
shapes met in the wild: one ClaimReview, a list of them, a top-level `@graph`, a DataFeed
(`dataFeedElement` / `item`), or ClaimReviews nested in another object (a WebPage's
`mainEntity`, an Article's `review`). The vocabulary is schema.org under any of its spellings:
`@context` "http(s)://schema.org[/]", a list or an object naming it (`@vocab` or a prefix),
`schema:` prefixed or full-IRI types and keys; a document with no @context at all is read as
schema.org, one whose @context never names schema.org is refused. `claimreviews_from_html`
reads a fact-check page's `<script type="application/ld+json">` blocks through extruct (each
block on its own: one malformed block is reported, the others read) and, when they hold no
ClaimReview, the page's microdata.

Every item is either fully read into an `ExternalCheck` or refused with its reason (a
`Refusal`): never half an item. Required: an http(s) `url` (on a page, the page's own URL when
the review names none) and `claimReviewed`; a `reviewRating` with its text (`alternateName`,
or `name`), and, when it has a `ratingValue`, the value inside its scale (`worstRating` <=
value <= `bestRating`, schema.org's defaults 1 and 5 when a bound is missing). Optional, but
refused when present and unreadable: the publisher (`author`, else `publisher`, an
Organization preferred; the review URL's host when neither names one), the claimant
(`itemReviewed.author`: a Person, an Organization or a string), `appearance` and
`firstAppearance` (a URL or a CreativeWork with one), `datePublished` (ISO 8601), `inLanguage`
(a language tag, or a Language with one). Texts are unescaped (publishers' HTML entities),
NFC-normalised, their whitespace collapsed and invisible control and direction characters
removed, as the desk does for fetched names (`core.text.name_clean`); a text longer than the
desk's own field for it is refused, not cut. The same URL twice in one document is read once.

Limits: MAX_ITEMS items per document (default 100,000). A bigger document is read up to the
cap and the rest is refused in one summary refusal (the operator splits the feed); nesting
deeper than MAX_DEPTH levels is refused. No Django import; extruct and lxml only for pages.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urljoin, urlsplit

from annotations.core.text import name_clean

MAX_ITEMS = 100_000
MAX_DEPTH = 32
# The desk's own fields: Verdict.claim_reviewed, Verdict.claimant / Source.publisher,
# URLField(max_length=2000), Article.language. A rating text is a publisher's label, often
# longer than the desk's own (VerdictLabel.name, 80), so it gets a name's length.
CLAIM_MAX = 500
NAME_MAX = 200
URL_MAX = 2000
RATING_TEXT_MAX = 200
LANGUAGE_MAX = 16
APPEARANCES_MAX = 500
# schema.org's Rating defaults when a bound is missing.
DEFAULT_BEST = 5
DEFAULT_WORST = 1

_SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")
_SCHEMA_CONTEXT = re.compile(r"https?://schema\.org/?")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_DECIMAL = re.compile(r"[+-]?\d{1,9}(?:\.\d{1,9})?")
# Containers whose every element is an item of the document (a non-ClaimReview element is
# reported); a ClaimReview nested under any other property is found too, silently otherwise.
_ITEM_CONTAINERS = ("@graph", "dataFeedElement", "item")


@dataclass(frozen=True)
class ExternalCheck:
    """One other fact-checker's published review of a claim, as read."""

    publisher: str
    publisher_url: str
    url: str
    claim: str
    claimant: str
    rating_text: str
    rating_value: float | None
    best: float | None
    worst: float | None
    date_published: dt.date | None
    language: str
    appearances: tuple[str, ...]


@dataclass(frozen=True)
class Refusal:
    """An item not read, and why. `item` counts the document's items from 1 (0: the whole
    document); `location` says where it is (`$[3]`, `$.@graph[2]`, `script[1]`); `url` is the
    item's own URL when it had a readable one."""

    item: int
    location: str
    reason: str
    url: str = ""


@dataclass(frozen=True)
class ImportReport:
    checks: tuple[ExternalCheck, ...]
    refusals: tuple[Refusal, ...]
    items_read: int
    items_over_limit: int = 0


class _Refused(Exception):
    def __init__(self, reason: str, url: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url


@dataclass(frozen=True)
class _Entry:
    location: str
    node: dict[str, Any] | None
    schema: bool | None  # what the @context chain says: True, False, or nothing said
    problem: str = ""


@dataclass
class _Reader:
    max_items: int
    base_url: str = ""
    page_url: str = ""
    report_other_types: bool = True
    checks: list[ExternalCheck] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    items_read: int = 0
    over_limit: int = 0
    reviews_seen: int = 0
    _urls: dict[str, int] = field(default_factory=dict)

    def read(self, value: object, location: str) -> None:
        for entry in _walk(value, location, None, 0):
            if entry.node is None and not self.report_other_types:
                continue
            if self.items_read >= self.max_items:
                self.over_limit += 1
                continue
            self.items_read += 1
            self._read_entry(entry)

    def _read_entry(self, entry: _Entry) -> None:
        if entry.node is None:
            self.refusals.append(Refusal(self.items_read, entry.location, entry.problem))
            return
        self.reviews_seen += 1
        try:
            check = _check(entry, base_url=self.base_url, page_url=self.page_url)
        except _Refused as refused:
            self.refusals.append(
                Refusal(self.items_read, entry.location, refused.reason, refused.url)
            )
            return
        first = self._urls.setdefault(check.url, self.items_read)
        if first != self.items_read:
            reason = f"the same url as item {first}, read once"
            self.refusals.append(Refusal(self.items_read, entry.location, reason, check.url))
            return
        self.checks.append(check)

    def refuse_document(self, location: str, reason: str) -> None:
        self.refusals.append(Refusal(0, location, reason))

    def report(self) -> ImportReport:
        refusals = list(self.refusals)
        if self.over_limit:
            reason = (
                f"more than {self.max_items:,} items: the first {self.max_items:,} were read, "
                f"the other {self.over_limit:,} refused (split the document)"
            )
            refusals.append(Refusal(0, "$", reason))
        return ImportReport(tuple(self.checks), tuple(refusals), self.items_read, self.over_limit)


def claimreviews_read(
    document: object, *, base_url: str = "", max_items: int = MAX_ITEMS
) -> ImportReport:
    """The ClaimReviews of a JSON document, each read or refused (see the module docstring).

    `document` is JSON text (str or bytes) or a parsed JSON value; any value gives a report,
    never an exception. Relative URLs are resolved against `base_url` (the feed's address).
    """
    reader = _Reader(max_items=max_items, base_url=base_url)
    if isinstance(document, str | bytes | bytearray):
        try:
            document = json.loads(document)
        except (ValueError, RecursionError) as error:  # JSONDecodeError, bad UTF-8, depth
            reader.refuse_document("$", f"malformed JSON: {_shown(str(error), 120)}")
            return reader.report()
    reader.read(document, "$")
    if not reader.items_read and not reader.refusals:
        reader.refuse_document("$", "the document holds no ClaimReview")
    return reader.report()


def claimreviews_from_html(
    html_text: str | bytes, base_url: str, *, max_items: int = MAX_ITEMS
) -> ImportReport:
    """The ClaimReviews embedded in a fact-check page at `base_url`: its JSON-LD blocks, else
    its microdata, read with extruct. Other types on the page (WebSite, BreadcrumbList) are
    not reported; a page with no ClaimReview gives one refusal saying so."""
    # extruct imports rdflib, pyRdfa and mf2py with it (~0.3 s): only pages pay for them.
    import lxml.etree
    from extruct.jsonld import JsonLdExtractor
    from extruct.utils import parse_html
    from extruct.w3cmicrodata import MicrodataExtractor

    reader = _Reader(
        max_items=max_items, base_url=base_url, page_url=base_url, report_other_types=False
    )
    try:
        if isinstance(html_text, str):  # lxml refuses str with an encoding declaration
            tree = parse_html(html_text.encode("utf-8"), encoding="UTF-8")
        else:
            tree = parse_html(html_text, encoding=None)
    except (ValueError, lxml.etree.LxmlError) as error:
        reader.refuse_document("page", f"not an HTML page: {_shown(str(error), 120)}")
        return reader.report()
    extractor = JsonLdExtractor()
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    for number, script in enumerate(scripts, start=1):
        try:
            items = extractor.extract_items(script)
        except (ValueError, RecursionError) as error:
            reason = f"malformed JSON-LD: {_shown(str(error), 120)}"
            reader.refuse_document(f"script[{number}]", reason)
            continue
        reader.read(items, f"script[{number}]")
    if not reader.reviews_seen:
        try:
            microdata = MicrodataExtractor(nested=True).extract_items(tree, base_url)
        except (ValueError, TypeError, lxml.etree.LxmlError) as error:
            reason = f"unreadable microdata: {_shown(str(error), 120)}"
            reader.refuse_document("microdata", reason)
        else:
            reader.read([_from_microdata(item, 0) for item in microdata], "microdata")
    if not reader.reviews_seen:
        reader.refuse_document("page", "the page has no ClaimReview (JSON-LD or microdata)")
    return reader.report()


# --- Finding the items --------------------------------------------------------------------


def _walk(value: object, location: str, schema: bool | None, depth: int) -> Iterator[_Entry]:
    """The items: the elements of lists, @graph and DataFeeds, or `value` itself."""
    if depth > MAX_DEPTH:
        yield _Entry(location, None, schema, f"nested deeper than {MAX_DEPTH} levels")
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _walk(element, f"{location}[{index}]", schema, depth + 1)
    elif not isinstance(value, dict):
        yield _Entry(location, None, schema, f"not an object but {_kind(value)}")
    else:
        schema = _schema_state(value, schema)
        if "ClaimReview" in _types(value):
            yield _Entry(location, value, schema)
            return
        containers = [key for key in _ITEM_CONTAINERS if key in value]
        for key in containers:
            yield from _walk(value[key], f"{location}.{key}", schema, depth + 1)
        found = False
        for key, inner in value.items():
            if key in containers or key == "@context":
                continue
            for entry in _search(inner, f"{location}.{_shown(str(key), 40)}", schema, depth + 1):
                found = True
                yield entry
        if not found and not containers:
            types = ", ".join(_shown(name, 40) for name in sorted(_types(value))[:3])
            yield _Entry(location, None, schema, f"not a ClaimReview (@type {types or 'none'})")


def _search(value: object, location: str, schema: bool | None, depth: int) -> Iterator[_Entry]:
    """ClaimReviews nested anywhere in `value` (a WebPage's mainEntity, an Article's review)."""
    if depth > MAX_DEPTH:
        yield _Entry(location, None, schema, f"nested deeper than {MAX_DEPTH} levels")
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _search(element, f"{location}[{index}]", schema, depth + 1)
    elif isinstance(value, dict):
        schema = _schema_state(value, schema)
        if "ClaimReview" in _types(value):
            yield _Entry(location, value, schema)
            return
        for key, inner in value.items():
            if key != "@context":
                yield from _search(inner, f"{location}.{_shown(str(key), 40)}", schema, depth + 1)


def _schema_state(node: dict[str, Any], inherited: bool | None) -> bool | None:
    # JSON-LD contexts accumulate: a nested context adding terms keeps schema.org's.
    if "@context" not in node:
        return inherited
    return bool(inherited or _names_schema(node["@context"], 0))


def _names_schema(context: object, depth: int) -> bool:
    if isinstance(context, str):
        return _SCHEMA_CONTEXT.fullmatch(context.strip()) is not None
    if depth > 3:
        return False
    if isinstance(context, list):
        return any(_names_schema(element, depth + 1) for element in context)
    if isinstance(context, dict):
        return any(_names_schema(element, depth + 1) for element in context.values())
    return False


def _types(node: dict[str, Any]) -> set[str]:
    raw = _get(node, "@type")
    names = raw if isinstance(raw, list) else [raw]
    return {_short(name) for name in names[:20] if isinstance(name, str)}


def _explicit_schema_type(node: dict[str, Any]) -> bool:
    raw = _get(node, "@type")
    names = raw if isinstance(raw, list) else [raw]
    return any(isinstance(name, str) and name != _short(name) for name in names[:20])


def _short(name: str) -> str:
    for prefix in _SCHEMA_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _get(node: dict[str, Any], key: str) -> Any:
    if key in node:
        return node[key]
    for prefix in _SCHEMA_PREFIXES:
        if prefix + key in node:
            return node[prefix + key]
    return None


def _from_microdata(item: object, depth: int) -> object:
    """extruct's microdata item (`{"type", "properties"}`) in JSON-LD's shape."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(item, list):
        return [_from_microdata(element, depth + 1) for element in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    properties = item["properties"] if isinstance(item["properties"], dict) else {}
    node: dict[str, Any] = {"@type": item.get("type")}
    for key, value in properties.items():
        node[key] = _from_microdata(value, depth + 1)
    return node


# --- Reading one ClaimReview --------------------------------------------------------------


def _check(entry: _Entry, *, base_url: str, page_url: str) -> ExternalCheck:
    review = entry.node
    assert review is not None
    if entry.schema is False and not _explicit_schema_type(review):
        raise _Refused("not schema.org: its @context never names https://schema.org")
    raw_url = _get(review, "url")
    if raw_url is None and page_url:
        raw_url = page_url
    if raw_url is None:
        raise _Refused("missing url")
    url = _url(raw_url, "url", base_url)
    try:
        return _check_fields(review, url, base_url)
    except _Refused as refused:
        raise _Refused(refused.reason, url) from None


def _check_fields(review: dict[str, Any], url: str, base_url: str) -> ExternalCheck:
    claim = _text(_get(review, "claimReviewed"), "claimReviewed", CLAIM_MAX)
    if not claim:
        raise _Refused("missing claimReviewed")
    rating_text, value, best, worst = _rating(_get(review, "reviewRating"))
    publisher, publisher_url = _publisher(review, base_url)
    claimed = _one(_get(review, "itemReviewed"), "itemReviewed")
    if claimed is not None and not isinstance(claimed, dict):
        raise _Refused("itemReviewed is not a Claim object")
    claimant = ""
    appearances: tuple[str, ...] = ()
    if claimed:
        claimant = _names(_get(claimed, "author"), "itemReviewed.author")
        appearances = _appearances(claimed, base_url)
    return ExternalCheck(
        publisher=publisher or (urlsplit(url).hostname or ""),
        publisher_url=publisher_url,
        url=url,
        claim=claim,
        claimant=claimant,
        rating_text=rating_text,
        rating_value=value,
        best=best,
        worst=worst,
        date_published=_date(_get(review, "datePublished"), "datePublished"),
        language=_language(_get(review, "inLanguage")),
        appearances=appearances,
    )


def _rating(raw: object) -> tuple[str, float | None, float | None, float | None]:
    rating = _one(raw, "reviewRating")
    if rating is None:
        raise _Refused("missing reviewRating")
    if not isinstance(rating, dict):
        raise _Refused("reviewRating is not a Rating object")
    text = _text(_get(rating, "alternateName"), "reviewRating.alternateName", RATING_TEXT_MAX)
    text = text or _text(_get(rating, "name"), "reviewRating.name", RATING_TEXT_MAX)
    if not text:
        raise _Refused("the rating has no text (reviewRating.alternateName)")
    value = _number(_get(rating, "ratingValue"), "ratingValue")
    if value is None:
        return text, None, None, None
    best = _number(_get(rating, "bestRating"), "bestRating")
    worst = _number(_get(rating, "worstRating"), "worstRating")
    best = DEFAULT_BEST if best is None else best
    worst = DEFAULT_WORST if worst is None else worst
    if not worst < best:
        raise _Refused(f"bestRating {best:g} is not above worstRating {worst:g}")
    if not worst <= value <= best:
        raise _Refused(f"ratingValue {value:g} is outside its scale {worst:g}..{best:g}")
    return text, value, best, worst


def _publisher(review: dict[str, Any], base_url: str) -> tuple[str, str]:
    """The first Organization with a name among `author` then `publisher`, else the first
    named author or publisher (a Person, a string)."""
    candidates: list[tuple[bool, str, object]] = []
    for key in ("author", "publisher"):
        raw = _get(review, key)
        for index, value in enumerate(raw if isinstance(raw, list) else [raw]):
            if isinstance(value, dict):
                name = _text(_get(value, "name"), f"{key}.name", NAME_MAX)
                link = _get(value, "url") or _get(value, "sameAs")
                if isinstance(link, list):
                    link = link[0] if link else None
                if name:
                    candidates.append(("Organization" in _types(value), name, link))
            elif value is not None:
                name = _text(value, f"{key}[{index}]", NAME_MAX)
                if name:
                    candidates.append((False, name, None))
    candidates.sort(key=lambda candidate: not candidate[0])  # stable: organisations first
    if not candidates:
        return "", ""
    _, name, link = candidates[0]
    return name, ("" if link is None else _url(link, "author.url", base_url))


def _names(raw: object, what: str) -> str:
    values = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for value in values[:20]:
        if isinstance(value, dict):
            value = _get(value, "name")
        name = _text(value, f"{what}.name", NAME_MAX)
        if name and name not in names:
            names.append(name)
    joined = ", ".join(names)
    if len(joined) > NAME_MAX:
        raise _Refused(f"{what} is longer than {NAME_MAX} characters")
    return joined


def _appearances(claim: dict[str, Any], base_url: str) -> tuple[str, ...]:
    found: list[str] = []
    for key in ("firstAppearance", "appearance"):
        raw = _get(claim, key)
        values = raw if isinstance(raw, list) else [] if raw is None else [raw]
        if len(values) > APPEARANCES_MAX:
            raise _Refused(f"more than {APPEARANCES_MAX} appearances")
        for index, value in enumerate(values):
            where = f"itemReviewed.{key}[{index}]"
            link = _get(value, "url") if isinstance(value, dict) else value
            if link is None:
                raise _Refused(f"{where} has no url")
            address = _url(link, where, base_url)
            if address not in found:
                found.append(address)
    return tuple(found[:APPEARANCES_MAX])


# --- Values -------------------------------------------------------------------------------


def _one(raw: object, what: str) -> object:
    """A single value; expanded JSON-LD wraps each in a list of one."""
    if isinstance(raw, list):
        if len(raw) > 1:
            raise _Refused(f"several {what} values")
        return raw[0] if raw else None
    return raw


def _text(raw: object, what: str, limit: int) -> str:
    value = _one(raw, what)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Refused(f"{what} is {_kind(value)}, not text")
    if len(value) > 20 * limit:  # unescaping and cleaning cannot shrink it enough; skip work
        raise _Refused(f"{what} is longer than {limit} characters")
    text = name_clean(unicodedata.normalize("NFC", html.unescape(value)))
    if len(text) > limit:
        raise _Refused(f"{what} is longer than {limit} characters")
    return text


def _url(raw: object, what: str, base_url: str) -> str:
    text = _text(raw, what, URL_MAX)
    try:
        address = urljoin(base_url, text) if base_url else text
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        raise _Refused(f"{what} is not a URL") from None
    if parts.scheme not in {"http", "https"} or not host or " " in address:
        raise _Refused(f"{what} is not an http(s) address: {_shown(text, 80)!r}")
    if len(address) > URL_MAX:
        raise _Refused(f"{what} is longer than {URL_MAX} characters")
    return address


def _number(raw: object, what: str) -> float | None:
    value = _one(raw, what)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Refused(f"{what} is {_kind(value)}, not a number")
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value.strip()):
            raise _Refused(f"{what} is not a number: {_shown(value, 30)!r}")
        try:
            value = float(Decimal(value.strip()))
        except InvalidOperation:
            raise _Refused(f"{what} is not a number") from None
    if isinstance(value, int) and abs(value) > 10**9:  # also keeps str(value) cheap
        raise _Refused(f"{what} is not a rating number")
    number = float(value)
    if not math.isfinite(number) or abs(number) > 1e9:
        raise _Refused(f"{what} is not a rating number")
    return int(number) if number.is_integer() else number


def _date(raw: object, what: str) -> dt.date | None:
    text = _text(raw, what, 40)
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).date()  # a datetime's date as written
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Refused(f"{what} is not an ISO 8601 date: {_shown(text, 40)!r}") from None


def _language(raw: object) -> str:
    value = _one(raw, "inLanguage")
    if isinstance(value, dict) and "@value" not in value:
        value = _get(value, "alternateName") or _get(value, "name")
    tag = _text(value, "inLanguage", LANGUAGE_MAX)
    if tag and not _LANGUAGE_TAG.fullmatch(tag):
        raise _Refused(f"inLanguage is not a language tag: {tag!r}")
    return tag


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _shown(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
