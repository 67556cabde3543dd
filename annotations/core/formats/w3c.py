"""Highlights and published verdicts as W3C Web Annotations (JSON-LD).

Follows the W3C Web Annotation Data Model, Recommendation of 23 February 2017
(https://www.w3.org/TR/annotation-model/); section numbers below are that document's.
Everything returned satisfies every MUST assertion of the Working Group's JSON Schema test
suite (tests/data/w3c-web-annotation-tests, run by tests/services/test_w3c_export.py);
inputs that could not produce such output raise ValueError rather than emit it.

Shape of one annotation (§3.1, §3.2, §4):
- `motivation` "assessing" (§3.3.5): a reviewer, or the desk, assesses the highlighted claim.
- `body` is a list; each body says what it is for with `purpose` (§3.3.5):
  - "assessing" TextualBody: the verdict's name, as readers see it;
  - "classifying" SpecificResource whose `source` is the verdict label's IRI;
  - "tagging" TextualBodies: the label's slug and the highlight's kind (claim / quote);
  - "describing" TextualBodies: the speaker of a quote, the claim as reviewed, the claimant;
  - "commenting" TextualBodies: the reviewer's rationale, the desk's explanation, corrections;
  - one "linking" SpecificResource per source.
  A TextualBody whose role the purpose alone does not tell carries an rdfs:label (`label`,
  defined in anno.jsonld) naming it ("Speaker", "Claimant", "Correction", ...), so `value`
  stays the raw text.
- `target` is a SpecificResource on the article: a TextQuoteSelector and a
  TextPositionSelector (§4.2.4, §4.2.5) for the same span, positions in Unicode code points,
  end exclusive.

Why links are SpecificResources: `purpose` is defined only on SpecificResources and
TextualBodies (§3.3.5; §4.1 wraps an External Web Resource that needs one), and the suite's
MUST assertion 3.3.5-bodyEWRNoPurpose fails an External Web Resource body that carries one.
So a source is `{"type": "SpecificResource", "purpose": "linking", "source": <the URL, or
{"id", "label"} when it has a title>}`, and the verdict label IRI is wrapped the same way with
purpose "classifying". The model has no term for a source's stance (supports / refutes /
context) or a document's title; rather than invent keys that JSON-LD processors would drop,
both go in rdfs:label (`label`), on the linking resource and on its source respectively.

No Django import: views pass plain values from the database and serialise the dicts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# The media type, with its profile, that the Web Annotation Protocol serves annotations,
# collections and pages as.
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

KINDS = ("claim", "quote")
# §3.3.2: the Agent classes the model names (foaf:Person, foaf:Organization, as:Application).
AGENT_TYPES = ("Person", "Organization", "Software")
# The desk's wording of each stance (annotations.models.Source.Stance), as the rdfs:label of
# a linking body.
STANCE_LABELS = {
    "supports": "Supports the claim",
    "refutes": "Refutes the claim",
    "context": "Gives context",
}

# An absolute IRI starts with a scheme (RFC 3987 §2.2, RFC 3986 §3.1).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters that no IRI may contain (RFC 3987 §2.2: controls, space and "<>\^`{|}), plus
# any Unicode space (and the BOM), which URI checkers treat as the end of the IRI.
# Percent-encoded (RFC 3987 §3.1) rather than refused: a stored URL with a stray space must
# not make a whole collection invalid.
_NOT_IN_IRI = re.compile(r'[\s\x00-\x1f\x7f"<>\\^`{|}\ufeff]')


def annotation_w3c(
    *,
    id: str,
    creator_id: str,
    creator_name: str,
    created: dt.datetime,
    modified: dt.datetime,
    source_url: str,
    exact: str,
    prefix: str,
    suffix: str,
    start: int,
    end: int,
    verdict_slug: str,
    verdict_name: str,
    verdict_iri: str,
    rationale: str,
    sources: Sequence[Mapping[str, str]],
    kind: str = "claim",
    speaker: str = "",
    article_iri: str = "",
    source_date: dt.datetime | None = None,
) -> dict[str, Any]:
    """One reviewer's highlight as a Web Annotation (§3.1), motivated by "assessing".

    `creator` is the reviewer as a Person Agent (§3.3.2). The target's source is `source_url`
    (the article as published) or, when the desk has no URL for it, `article_iri`: §4 requires
    exactly one source, an IRI. `sources` are `{"url", "title", "stance"}` mappings, stance
    one of supports / refutes / context; `title` may be empty; with `archived_url` and
    `archived_at` (ISO 8601), the desk's capture of the source becomes its TimeState
    (§4.3.1: `cached`, `sourceDate`). `speaker` (a quote's speaker)
    becomes a "describing" body labelled "Speaker" whenever it is given. `source_date`, when
    given, is when the revision the selectors refer to was saved (a TimeState).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    body = _verdict_bodies(name=verdict_name, iri=verdict_iri, slug=verdict_slug)
    body.append(_textual_body(purpose="tagging", value=kind))
    if speaker:
        body.append(_textual_body(purpose="describing", value=speaker, label="Speaker"))
    if rationale:
        body.append(_textual_body(purpose="commenting", value=rationale))
    body.extend(_linking_body(source) for source in sources)
    return _assessing(
        id=id,
        creator=_agent(id=creator_id, name=creator_name, type="Person"),
        created=created,
        modified=modified,
        body=body,
        target=_target(
            source_url=source_url,
            article_iri=article_iri,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            source_date=source_date,
        ),
    )


def verdict_w3c(
    *,
    id: str,
    creator_id: str,
    creator_name: str,
    created: dt.datetime,
    modified: dt.datetime,
    source_url: str,
    article_iri: str,
    exact: str,
    prefix: str,
    suffix: str,
    start: int,
    end: int,
    label_slug: str,
    label_name: str,
    label_iri: str,
    claim_reviewed: str,
    explanation: str,
    claimant: str,
    sources: Sequence[Mapping[str, str]],
    corrections: Sequence[Mapping[str, Any]],
    source_date: dt.datetime | None = None,
    language: str = "",
) -> dict[str, Any]:
    """The desk's published verdict on a claim as a Web Annotation (§3.1), "assessing".

    `creator` is the desk as an Organization Agent (§3.3.2); `created` is when the verdict was
    first published and `modified` when it last changed (§3.3.1). Same body and target
    conventions as `annotation_w3c`, plus: the claim as reviewed and the claimant as
    "describing" bodies, the explanation as a "commenting" body, and each correction
    (`{"note", "created"}`, created an aware datetime or ISO 8601 string, optional) as a
    "commenting" body labelled "Correction" with its own `created` (§3.3.1 applies to bodies).
    `language` (a BCP 47 tag, the language the verdict is written in) is the `language` of
    the claim as reviewed and the explanation (§3.2.4: a Textual Body's language SHOULD be
    given); empty, none is said. The label's name is the desk's own, and a claimant's name
    or a correction note is in no language the desk records.
    """
    if not claim_reviewed:
        raise ValueError("a verdict needs the claim it reviewed")
    body = _verdict_bodies(name=label_name, iri=label_iri, slug=label_slug)
    body.append(
        _textual_body(
            purpose="describing", value=claim_reviewed, label="Claim reviewed", language=language
        )
    )
    if claimant:
        body.append(_textual_body(purpose="describing", value=claimant, label="Claimant"))
    if explanation:
        body.append(_textual_body(purpose="commenting", value=explanation, language=language))
    for correction in corrections:
        note = correction.get("note", "")
        if not note:
            raise ValueError("a correction needs its note")
        correction_body = _textual_body(purpose="commenting", value=note, label="Correction")
        if correction.get("created"):
            correction_body["created"] = xsd_datetime(correction["created"])
        body.append(correction_body)
    body.extend(_linking_body(source) for source in sources)
    return _assessing(
        id=id,
        creator=_agent(id=creator_id, name=creator_name, type="Organization"),
        created=created,
        modified=modified,
        body=body,
        target=_target(
            source_url=source_url,
            article_iri=article_iri,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            source_date=source_date,
        ),
    )


def annotation_collection(
    *,
    id: str,
    label: str,
    total: int,
    first: str | None,
    last: str | None,
    first_page: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An AnnotationCollection (§5.1): the list of a set of annotations, split into pages.

    `first` and `last` are the IRIs of the first and last pages. §5.1 requires `first` when
    the collection is not empty. Pass `first_page` (an `annotation_page`) to embed the first
    page instead of linking it, saving clients a request: it loses its `@context` (the
    collection's applies to everything inside it) and a `partOf` that only points back here.
    """
    if total < 0:
        raise ValueError("total must not be negative")
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _iri(id, field="id"),
        "type": "AnnotationCollection",
    }
    if label:
        collection["label"] = label
    collection["total"] = total
    if first_page is not None:
        if first is not None and first != first_page.get("id"):
            raise ValueError("first and first_page name different pages")
        collection["first"] = _embedded_page(first_page, collection_id=collection["id"])
    elif first is not None:
        collection["first"] = _iri(first, field="first")
    elif total > 0:
        raise ValueError("a collection with annotations needs its first page (§5.1)")
    if last is not None:
        collection["last"] = _iri(last, field="last")
    return collection


def annotation_page(
    *,
    id: str,
    part_of: str,
    items: list[dict[str, Any]],
    start_index: int,
    next: str | None,
    prev: str | None,
    total: int,
) -> dict[str, Any]:
    """An AnnotationPage (§5.2), served on its own: `@context` plus the page's annotations.

    §5.2 lets `partOf` be the collection's IRI or a description of it; it is the description
    `{"id", "total"}`, so that a client holding just this page knows how many annotations there
    are in all, and because the suite's MUST page assertions (5.2-pageTotalValidated and six
    more) reject a bare IRI there. `startIndex` is the 0-based position of the first item in
    the whole collection; `next` / `prev` link the following / preceding page, when there is
    one. Items drop their own `@context` when it is the annotation context: the page's applies
    to them.
    """
    if start_index < 0:
        raise ValueError("start_index must not be negative")
    if total < 0:
        raise ValueError("total must not be negative")
    page: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _iri(id, field="id"),
        "type": "AnnotationPage",
        "partOf": {"id": _iri(part_of, field="part_of"), "total": total},
        "startIndex": start_index,
        "items": [_without_annotation_context(item) for item in items],
    }
    if next is not None:
        page["next"] = _iri(next, field="next")
    if prev is not None:
        page["prev"] = _iri(prev, field="prev")
    return page


def xsd_datetime(value: dt.datetime | str) -> str:
    """An xsd:dateTime in UTC with a "Z" (§3.3.1: xsd:dateTime, SHOULD have a timezone).

    Naive datetimes are refused: which zone they meant is unknowable here. Whole seconds
    stay whole ("2026-11-25T09:00:00Z"); fractions are kept when there are any.
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{value!r} has no timezone")
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _verdict_bodies(*, name: str, iri: str, slug: str) -> list[dict[str, Any]]:
    if not name:
        raise ValueError("a verdict needs its label's name")
    bodies = [
        _textual_body(purpose="assessing", value=name),
        {
            "type": "SpecificResource",
            "purpose": "classifying",
            "source": _iri(iri, field="verdict label IRI"),
        },
    ]
    if slug:
        bodies.append(_textual_body(purpose="tagging", value=slug))
    return bodies


def _textual_body(
    *, purpose: str, value: str, label: str = "", language: str = ""
) -> dict[str, Any]:
    # §3.2.4: an Embedded Textual Body; format text/plain because nothing the desk stores is
    # markup, and consumers must not render it as HTML.
    body: dict[str, Any] = {"type": "TextualBody", "purpose": purpose}
    if label:
        body["label"] = label
    body["value"] = value
    body["format"] = "text/plain"
    if language:
        body["language"] = language
    return body


def _linking_body(source: Mapping[str, str]) -> dict[str, Any]:
    stance = source.get("stance", "context")
    if stance not in STANCE_LABELS:
        raise ValueError(f"stance must be one of {tuple(STANCE_LABELS)}, not {stance!r}")
    url = _iri(source["url"], field="source url")
    title = source.get("title", "")
    body: dict[str, Any] = {
        "type": "SpecificResource",
        "purpose": "linking",
        "label": STANCE_LABELS[stance],
        # §4: `source` is the IRI itself, or the External Web Resource described.
        "source": {"id": url, "label": title} if title else url,
    }
    if source.get("archived_url"):
        # §4.3.1 Time State: the desk's copy of the source as it was when captured.
        body["state"] = {
            "type": "TimeState",
            "cached": _iri(source["archived_url"], field="archived_url"),
            "sourceDate": xsd_datetime(source["archived_at"]),
        }
    return body


def agent_w3c(*, id: str, name: str, type: str, homepage: str = "") -> dict[str, Any]:
    """An Agent (§3.3.2) served on its own, at the IRI an annotation's `creator` names:
    `type` "Person" or "Organization", `name` left out when empty (a desk that does not
    show who reviewed gives only the IRI and the type), `homepage` when given."""
    agent = {"@context": CONTEXT} | _agent(id=id, name=name, type=type)
    if homepage:
        agent["homepage"] = _iri(homepage, field="homepage")
    return agent


def _agent(*, id: str, name: str, type: str) -> dict[str, Any]:
    if type not in AGENT_TYPES:
        raise ValueError(f"type must be one of {AGENT_TYPES}, not {type!r}")
    agent: dict[str, Any] = {"id": _iri(id, field="creator_id"), "type": type}
    if name:
        agent["name"] = name
    return agent


def _assessing(
    *,
    id: str,
    creator: dict[str, Any],
    created: dt.datetime,
    modified: dt.datetime,
    body: list[dict[str, Any]],
    target: dict[str, Any],
) -> dict[str, Any]:
    """The Annotation (§3.1) both a highlight and a verdict are: an assessment of a passage."""
    return {
        "@context": CONTEXT,
        "id": _iri(id, field="id"),
        "type": "Annotation",
        "motivation": "assessing",
        "creator": creator,
        "created": xsd_datetime(created),
        "modified": xsd_datetime(modified),
        "body": body,
        "target": target,
    }


def _target(
    *,
    source_url: str,
    article_iri: str,
    exact: str,
    prefix: str,
    suffix: str,
    start: int,
    end: int,
    source_date: dt.datetime | None = None,
) -> dict[str, Any]:
    if not source_url and not article_iri:
        raise ValueError("the target needs the article's URL or IRI")
    if not 0 <= start < end:
        raise ValueError(f"need 0 <= start < end, got start={start}, end={end}")
    if not exact:
        raise ValueError("the highlighted text (exact) is empty")
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    # §4.2.4: prefix and suffix are optional; an empty one (a highlight at the very start or
    # end of the text) is left out rather than sent as "".
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    target: dict[str, Any] = {
        "source": _iri(source_url or article_iri, field="source_url"),
        # §4.2: several selectors for one segment are alternatives; the quote survives edits
        # to the article that move the offsets, the position disambiguates repeated quotes.
        "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
    }
    if source_date is not None:
        # §4.3.1 TimeState: the selectors describe the article as it was at this time (the
        # revision they were made on), not whatever the URL serves today.
        target["state"] = {"type": "TimeState", "sourceDate": xsd_datetime(source_date)}
    return target


def _embedded_page(page: dict[str, Any], *, collection_id: str) -> dict[str, Any]:
    embedded = _without_annotation_context(page)
    part_of = embedded.get("partOf")
    part_of_id = part_of.get("id") if isinstance(part_of, dict) else part_of
    if part_of_id == collection_id:
        embedded = {key: value for key, value in embedded.items() if key != "partOf"}
    return embedded


def _without_annotation_context(resource: dict[str, Any]) -> dict[str, Any]:
    # Only the plain annotation context is dropped: an item with extra contexts keeps them,
    # or its extension terms would lose their meaning.
    if resource.get("@context") == CONTEXT:
        return {key: value for key, value in resource.items() if key != "@context"}
    return resource


def _iri(value: str, *, field: str) -> str:
    # Surrounding whitespace is never part of a URL (the WHATWG URL parser strips it too).
    value = value.strip()
    if not _SCHEME.match(value):
        raise ValueError(f"{field} must be an absolute IRI, not {value!r}")
    return _NOT_IN_IRI.sub(lambda match: quote(match.group(), safe=""), value)
