"""One schema.org ClaimReview object read into an ExternalCheck, or refused with its reason.

The rules (what is required, what is refused, how texts are cleaned) are described in
annotations.core.formats.claimreview_import, which finds the items and calls `check_read`.
No Django import.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urljoin, urlsplit

from annotations.core.charts import ENGLISH, Words, gettext_noop
from annotations.core.text import name_clean

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
CLAIMANTS_MAX = 20
# schema.org's Rating defaults when a bound is missing.
DEFAULT_BEST = 5
DEFAULT_WORST = 1

_SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_DECIMAL = re.compile(r"[+-]?\d{1,9}(?:\.\d{1,9})?")


@dataclass(frozen=True)
class ExternalCheck:
    """One other fact-checker's published review of a claim, as read.

    `rating_value`, `best` and `worst` are None together: a rating given only as text.
    `appearances` are URLs, `firstAppearance` first, each once. Empty text: not given.
    """

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


class Reason(str):
    """Why an item or a document is refused: the English sentence (a `str`, as reports, the
    command line and tests read it), and the template and values it was made from, so that a
    page or the API can tell it in the reader's language (`told`). A value that is itself a
    Reason ("a list") is translated too; the rest (field paths, numbers, quoted input) never."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Reason:
        reason = super().__new__(cls, template % params if params else template)
        reason.template = template
        reason.params = params
        return reason

    def told(self, words: Words = ENGLISH) -> str:
        if not self.params:
            return words.gettext(self.template)
        values = {
            name: value.told(words) if isinstance(value, Reason) else value
            for name, value in self.params.items()
        }
        return words.gettext(self.template) % values


def reason_told(reason: str, words: Words = ENGLISH) -> str:
    """`reason` in `words`: a Reason told, a plain string (already final) as it is."""
    return reason.told(words) if isinstance(reason, Reason) else reason


class ItemRefused(Exception):
    """Why an item is not read; `url` is its own URL when that much was readable."""

    def __init__(self, reason: Reason, url: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url


def types_of(node: dict[str, Any]) -> set[str]:
    raw = get(node, "@type")
    names = raw if isinstance(raw, list) else [raw]
    return {short_name(name) for name in names[:20] if isinstance(name, str)}


def explicit_schema_type(node: dict[str, Any]) -> bool:
    raw = get(node, "@type")
    names = raw if isinstance(raw, list) else [raw]
    return any(isinstance(name, str) and name != short_name(name) for name in names[:20])


def short_name(name: str) -> str:
    """A schema.org term without its prefix: `schema:item`, `https://schema.org/item` -> `item`."""
    for prefix in _SCHEMA_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def get(node: dict[str, Any], key: str) -> Any:
    if key in node:
        return node[key]
    for prefix in _SCHEMA_PREFIXES:
        if prefix + key in node:
            return node[prefix + key]
    return None


# --- The document's nodes --------------------------------------------------------------


def node_index(document: object) -> dict[str, dict[str, Any]]:
    """The document's described nodes by @id: a @graph (as SEO plugins write it) names the
    publisher once and refers to it from each review as `{"@id": ...}`."""
    index: dict[str, dict[str, Any]] = {}
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        if isinstance(value, list):
            stack.extend((element, depth + 1) for element in value)
        elif isinstance(value, dict):
            identifier = value.get("@id")
            if isinstance(identifier, str) and not _is_reference(value):
                index.setdefault(identifier, value)
            stack.extend((inner, depth + 1) for key, inner in value.items() if key != "@context")
    return index


def _is_reference(value: dict[str, Any]) -> bool:
    return "@id" in value and all(key in {"@id", "@type"} for key in value)


@dataclass(frozen=True)
class Nodes:
    """The document's nodes by @id, and the address its relative URLs resolve against."""

    by_id: dict[str, dict[str, Any]]
    base_url: str

    def resolved(self, value: object) -> object:
        """A `{"@id": ...}` reference replaced by the node it names, when the document has it."""
        if isinstance(value, dict) and _is_reference(value):
            identifier = value["@id"]
            if isinstance(identifier, str) and identifier in self.by_id:
                return self.by_id[identifier]
        return value

    def get(self, node: dict[str, Any], key: str) -> object:
        value = get(node, key)
        if isinstance(value, list):
            return [self.resolved(element) for element in value[: APPEARANCES_MAX + 1]]
        return self.resolved(value)


# --- Reading one ClaimReview --------------------------------------------------------------


def check_read(
    review: dict[str, Any],
    nodes: Nodes,
    *,
    schema: bool | None,
    page_url: str = "",
) -> ExternalCheck:
    """`review` (a ClaimReview object) as an ExternalCheck, or ItemRefused. `schema` is what
    the @context chain above it says (False: a vocabulary other than schema.org); a review
    without a url on a page is the page's (`page_url`)."""
    if schema is False and not explicit_schema_type(review):
        raise ItemRefused(
            Reason(gettext_noop("not schema.org: its @context never names https://schema.org"))
        )
    raw_url = get(review, "url")
    if raw_url is None and page_url:
        raw_url = page_url
    if raw_url is None:
        raise ItemRefused(Reason(gettext_noop("missing url")))
    url = _url(raw_url, "url", nodes.base_url)
    try:
        return _check_fields(review, url, nodes)
    except ItemRefused as refused:
        raise ItemRefused(refused.reason, url) from None


def _check_fields(review: dict[str, Any], url: str, nodes: Nodes) -> ExternalCheck:
    claim = _text(get(review, "claimReviewed"), "claimReviewed", CLAIM_MAX)
    if not claim:
        raise ItemRefused(Reason(gettext_noop("missing claimReviewed")))
    rating_text, value, best, worst = _rating(nodes.get(review, "reviewRating"))
    publisher, publisher_url = _publisher(review, nodes)
    claimed = _one(nodes.get(review, "itemReviewed"), "itemReviewed")
    if claimed is not None and not isinstance(claimed, dict):
        raise ItemRefused(Reason(gettext_noop("itemReviewed is not a Claim object")))
    claimant = ""
    appearances: tuple[str, ...] = ()
    if claimed:
        claimant = _names(nodes.get(claimed, "author"), "itemReviewed.author", nodes)
        appearances = _appearances(claimed, nodes)
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
        date_published=_date(get(review, "datePublished"), "datePublished"),
        language=_language(get(review, "inLanguage")),
        appearances=appearances,
    )


def _rating(raw: object) -> tuple[str, float | None, float | None, float | None]:
    rating = _one(raw, "reviewRating")
    if rating is None:
        raise ItemRefused(Reason(gettext_noop("missing reviewRating")))
    if not isinstance(rating, dict):
        raise ItemRefused(Reason(gettext_noop("reviewRating is not a Rating object")))
    text = _text(get(rating, "alternateName"), "reviewRating.alternateName", RATING_TEXT_MAX)
    text = text or _text(get(rating, "name"), "reviewRating.name", RATING_TEXT_MAX)
    if not text:
        raise ItemRefused(
            Reason(gettext_noop("the rating has no text (reviewRating.alternateName)"))
        )
    value = _number(get(rating, "ratingValue"), "ratingValue")
    if value is None:
        return text, None, None, None
    best = _number(get(rating, "bestRating"), "bestRating")
    worst = _number(get(rating, "worstRating"), "worstRating")
    best = DEFAULT_BEST if best is None else best
    worst = DEFAULT_WORST if worst is None else worst
    if not worst < best:
        raise ItemRefused(
            Reason(
                gettext_noop("bestRating %(best)s is not above worstRating %(worst)s"),
                best=f"{best:g}",
                worst=f"{worst:g}",
            )
        )
    if not worst <= value <= best:
        raise ItemRefused(
            Reason(
                gettext_noop("ratingValue %(value)s is outside its scale %(worst)s..%(best)s"),
                value=f"{value:g}",
                worst=f"{worst:g}",
                best=f"{best:g}",
            )
        )
    return text, value, best, worst


def _publisher(review: dict[str, Any], nodes: Nodes) -> tuple[str, str]:
    """The first Organization with a name among `author` then `publisher`, else the first
    named author or publisher (a Person, a string)."""
    candidates: list[tuple[bool, str, object, str]] = []
    for key in ("author", "publisher"):
        raw = get(review, key)
        for index, value in enumerate(raw if isinstance(raw, list) else [raw]):
            value = nodes.resolved(value)
            if isinstance(value, dict):
                name = _text(get(value, "name"), f"{key}.name", NAME_MAX)
                link = get(value, "url") or get(value, "sameAs")
                if isinstance(link, list):
                    link = link[0] if link else None
                if name:
                    organization = "Organization" in types_of(value)
                    candidates.append((organization, name, link, f"{key}.url"))
            elif value is not None:
                name = _text(value, f"{key}[{index}]", NAME_MAX)
                if name:
                    candidates.append((False, name, None, ""))
    candidates.sort(key=lambda candidate: not candidate[0])  # stable: organisations first
    if not candidates:
        return "", ""
    _, name, link, what = candidates[0]
    return name, ("" if link is None else _url(link, what, nodes.base_url))


def _names(raw: object, what: str, nodes: Nodes) -> str:
    values = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    if len(values) > CLAIMANTS_MAX:
        raise ItemRefused(
            Reason(
                gettext_noop("%(what)s names more than %(limit)s claimants"),
                what=what,
                limit=CLAIMANTS_MAX,
            )
        )
    for value in values:
        value = nodes.resolved(value)
        if isinstance(value, dict):
            value = get(value, "name")
        name = _text(value, f"{what}.name", NAME_MAX)
        if name and name not in names:
            names.append(name)
    joined = ", ".join(names)
    if len(joined) > NAME_MAX:
        raise ItemRefused(_too_long(what, NAME_MAX))
    return joined


def _appearances(claim: dict[str, Any], nodes: Nodes) -> tuple[str, ...]:
    found: list[str] = []
    for key in ("firstAppearance", "appearance"):
        raw = get(claim, key)
        values = raw if isinstance(raw, list) else [] if raw is None else [raw]
        if len(values) > APPEARANCES_MAX:
            raise ItemRefused(
                Reason(gettext_noop("more than %(limit)s appearances"), limit=APPEARANCES_MAX)
            )
        for index, value in enumerate(values):
            where = f"itemReviewed.{key}[{index}]"
            value = nodes.resolved(value)
            link = get(value, "url") if isinstance(value, dict) else value
            if link is None:
                raise ItemRefused(Reason(gettext_noop("%(what)s has no url"), what=where))
            address = _url(link, where, nodes.base_url)
            if address not in found:
                found.append(address)
    if len(found) > APPEARANCES_MAX:
        raise ItemRefused(
            Reason(gettext_noop("more than %(limit)s appearances"), limit=APPEARANCES_MAX)
        )
    return tuple(found)


# --- Values -------------------------------------------------------------------------------


def _one(raw: object, what: str) -> object:
    """A single value; expanded JSON-LD wraps each in a list of one."""
    if isinstance(raw, list):
        if len(raw) > 1:
            raise ItemRefused(Reason(gettext_noop("several %(what)s values"), what=what))
        return raw[0] if raw else None
    return raw


def _text(raw: object, what: str, limit: int) -> str:
    value = _one(raw, what)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ItemRefused(
            Reason(gettext_noop("%(what)s is %(kind)s, not text"), what=what, kind=kind(value))
        )
    if len(value) > 20 * limit:  # unescaping and cleaning cannot shrink it enough; skip work
        raise ItemRefused(_too_long(what, limit))
    value = html.unescape(value)
    if value.isascii() and value.isprintable():  # most feeds: no invisible characters to find
        text = " ".join(value.split())
    else:
        text = name_clean(unicodedata.normalize("NFC", value))
    if len(text) > limit:
        raise ItemRefused(_too_long(what, limit))
    return text


def _url(raw: object, what: str, base_url: str) -> str:
    text = _text(raw, what, URL_MAX)
    try:
        address = urljoin(base_url, text) if base_url else text
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        raise ItemRefused(Reason(gettext_noop("%(what)s is not a URL"), what=what)) from None
    if parts.scheme not in {"http", "https"} or not host or " " in address:
        raise ItemRefused(
            Reason(
                gettext_noop("%(what)s is not a web address (http:// or https://): %(value)s"),
                what=what,
                value=repr(shown(text, 80)),
            )
        )
    if len(address) > URL_MAX:
        raise ItemRefused(_too_long(what, URL_MAX))
    return address


def _number(raw: object, what: str) -> float | None:
    value = _one(raw, what)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ItemRefused(
            Reason(gettext_noop("%(what)s is %(kind)s, not a number"), what=what, kind=kind(value))
        )
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value.strip()):
            raise ItemRefused(
                Reason(
                    gettext_noop("%(what)s is not a number: %(value)s"),
                    what=what,
                    value=repr(shown(value, 30)),
                )
            )
        try:
            value = float(Decimal(value.strip()))
        except InvalidOperation:
            raise ItemRefused(Reason(gettext_noop("%(what)s is not a number"), what=what)) from None
    if isinstance(value, int) and abs(value) > 10**9:  # also keeps str(value) cheap
        raise ItemRefused(Reason(gettext_noop("%(what)s is not a rating number"), what=what))
    number = float(value)
    if not math.isfinite(number) or abs(number) > 1e9:
        raise ItemRefused(Reason(gettext_noop("%(what)s is not a rating number"), what=what))
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
        raise ItemRefused(
            Reason(
                gettext_noop("%(what)s is not an ISO 8601 date: %(value)s"),
                what=what,
                value=repr(shown(text, 40)),
            )
        ) from None


def _language(raw: object) -> str:
    value = _one(raw, "inLanguage")
    if isinstance(value, dict) and "@value" not in value:
        value = get(value, "alternateName") or get(value, "name")
    tag = _text(value, "inLanguage", LANGUAGE_MAX)
    if tag and not _LANGUAGE_TAG.fullmatch(tag):
        raise ItemRefused(
            Reason(gettext_noop("inLanguage is not a language tag: %(tag)s"), tag=repr(tag))
        )
    return tag


def kind(value: object) -> Reason:
    """What a JSON value is, in words ("a list"), told in the reader's language with the rest."""
    if value is None:
        return Reason(gettext_noop("null"))
    if isinstance(value, bool):
        return Reason(gettext_noop("a boolean"))
    if isinstance(value, int | float):
        return Reason(gettext_noop("a number"))
    if isinstance(value, str):
        return Reason(gettext_noop("text"))
    if isinstance(value, list):
        return Reason(gettext_noop("a list"))
    if isinstance(value, dict):
        return Reason(gettext_noop("an object"))
    return Reason(gettext_noop("a %(type)s"), type=type(value).__name__)


def _too_long(what: str, limit: int) -> Reason:
    return Reason(
        gettext_noop("%(what)s is longer than %(limit)s characters"), what=what, limit=limit
    )


def shown(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
