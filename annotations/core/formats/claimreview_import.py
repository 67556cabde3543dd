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

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from annotations.core.charts import gettext_noop
from annotations.core.formats.claimreview_item import (
    MAX_DEPTH,
    ExternalCheck,
    ItemRefused,
    Nodes,
    Reason,
    check_read,
    kind,
    node_index,
    short_name,
    shown,
    types_of,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_ITEMS",
    "ExternalCheck",
    "ImportReport",
    "Reason",
    "Refusal",
    "claimreviews_from_html",
    "claimreviews_read",
]

MAX_ITEMS = 100_000
_SCHEMA_CONTEXT = re.compile(r"https?://schema\.org/?")


@dataclass(frozen=True)
class Refusal:
    """An item not read, and why. `item` counts the document's items from 1 (0: the whole
    document); `location` says where it is (`$[3]`, `$.@graph[2]`, `script[1]`); `url` is the
    item's own URL when it had a readable one. `reason` is a Reason: English as a string, told
    in another language with `reason.told(words)`."""

    item: int
    location: str
    reason: Reason
    url: str = ""


@dataclass(frozen=True)
class ImportReport:
    checks: tuple[ExternalCheck, ...]
    refusals: tuple[Refusal, ...]
    items_read: int
    items_over_limit: int = 0


@dataclass(frozen=True)
class _Entry:
    location: str
    node: dict[str, Any] | None
    schema: bool | None  # what the @context chain says: True, False, or nothing said
    problem: Reason | None = None


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
    _nodes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def read(self, value: object, location: str) -> None:
        self._nodes = node_index(value)
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
            problem = entry.problem or Reason(gettext_noop("not a ClaimReview"))
            self.refusals.append(Refusal(self.items_read, entry.location, problem))
            return
        self.reviews_seen += 1
        try:
            check = check_read(
                entry.node,
                Nodes(self._nodes, self.base_url),
                schema=entry.schema,
                page_url=self.page_url,
            )
        except ItemRefused as refused:
            self.refusals.append(
                Refusal(self.items_read, entry.location, refused.reason, refused.url)
            )
            return
        first = self._urls.setdefault(check.url, self.items_read)
        if first != self.items_read:
            reason = Reason(gettext_noop("the same url as item %(first)s, read once"), first=first)
            self.refusals.append(Refusal(self.items_read, entry.location, reason, check.url))
            return
        self.checks.append(check)

    def refuse_document(self, location: str, reason: Reason) -> None:
        self.refusals.append(Refusal(0, location, reason))

    def report(self) -> ImportReport:
        refusals = list(self.refusals)
        if self.over_limit:
            reason = Reason(
                gettext_noop(
                    "more than %(limit)s items: the first %(limit)s were read, the other "
                    "%(over)s refused (split the document)"
                ),
                limit=f"{self.max_items:,}",
                over=f"{self.over_limit:,}",
            )
            refusals.append(Refusal(0, "$", reason))
        return ImportReport(tuple(self.checks), tuple(refusals), self.items_read, self.over_limit)


def _too_deep() -> Reason:
    return Reason(gettext_noop("nested deeper than %(limit)s levels"), limit=MAX_DEPTH)


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
            reader.refuse_document(
                "$", Reason(gettext_noop("malformed JSON: %(error)s"), error=shown(str(error), 120))
            )
            return reader.report()
    reader.read(document, "$")
    if not reader.items_read and not reader.refusals:
        reader.refuse_document("$", Reason(gettext_noop("the document holds no ClaimReview")))
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
        reader.refuse_document(
            "page",
            Reason(gettext_noop("not an HTML page: %(error)s"), error=shown(str(error), 120)),
        )
        return reader.report()
    extractor = JsonLdExtractor()
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    for number, script in enumerate(scripts, start=1):
        try:
            items = extractor.extract_items(script)
        except (ValueError, RecursionError) as error:
            reason = Reason(
                gettext_noop("malformed JSON-LD: %(error)s"), error=shown(str(error), 120)
            )
            reader.refuse_document(f"script[{number}]", reason)
            continue
        reader.read(items, f"script[{number}]")
    if not reader.reviews_seen:
        try:
            microdata = MicrodataExtractor(nested=True).extract_items(tree, base_url)
        except (ValueError, TypeError, lxml.etree.LxmlError) as error:
            reason = Reason(
                gettext_noop("unreadable microdata: %(error)s"), error=shown(str(error), 120)
            )
            reader.refuse_document("microdata", reason)
        else:
            reader.read([_from_microdata(item, 0) for item in microdata], "microdata")
    if not reader.reviews_seen:
        reader.refuse_document(
            "page", Reason(gettext_noop("the page has no ClaimReview (JSON-LD or microdata)"))
        )
    return reader.report()


# --- Finding the items --------------------------------------------------------------------


def _walk(value: object, location: str, schema: bool | None, depth: int) -> Iterator[_Entry]:
    """The items: the elements of lists, @graph and DataFeeds (each reported if it is not a
    ClaimReview), or `value` itself; a ClaimReview nested under any other property (a
    WebPage's mainEntity) is found too."""
    if depth > MAX_DEPTH:
        yield _Entry(location, None, schema, _too_deep())
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _walk(element, f"{location}[{index}]", schema, depth + 1)
    elif not isinstance(value, dict):
        yield _Entry(
            location,
            None,
            schema,
            Reason(gettext_noop("not an object but %(kind)s"), kind=kind(value)),
        )
    else:
        schema = _schema_state(value, schema)
        if "ClaimReview" in types_of(value):
            yield _Entry(location, value, schema)
            return
        containers = [key for key in value if _is_item_container(key, value)]
        for key in containers:
            yield from _walk(value[key], f"{location}.{key}", schema, depth + 1)
        found = False
        for key, inner in value.items():
            if key in containers or key == "@context":
                continue
            for entry in _search(inner, f"{location}.{shown(str(key), 40)}", schema, depth + 1):
                found = True
                yield entry
        if not found and not containers:
            types = ", ".join(shown(name, 40) for name in sorted(types_of(value))[:3])
            yield _Entry(
                location,
                None,
                schema,
                Reason(gettext_noop("not a ClaimReview (@type %(types)s)"), types=types)
                if types
                else Reason(gettext_noop("not a ClaimReview (@type none)")),
            )


def _is_item_container(key: object, node: dict[str, Any]) -> bool:
    if not isinstance(key, str):
        return False
    name = short_name(key)
    return name in {"@graph", "dataFeedElement"} or (
        name == "item" and "DataFeedItem" in types_of(node)
    )


def _search(value: object, location: str, schema: bool | None, depth: int) -> Iterator[_Entry]:
    """ClaimReviews nested anywhere in `value` (a WebPage's mainEntity, an Article's review)."""
    if depth > MAX_DEPTH:
        yield _Entry(location, None, schema, _too_deep())
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _search(element, f"{location}[{index}]", schema, depth + 1)
    elif isinstance(value, dict):
        schema = _schema_state(value, schema)
        if "ClaimReview" in types_of(value):
            yield _Entry(location, value, schema)
            return
        for key, inner in value.items():
            if key != "@context":
                yield from _search(inner, f"{location}.{shown(str(key), 40)}", schema, depth + 1)


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
