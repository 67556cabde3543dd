"""A small schema.org checker for the tests: every property used exists and is valid on its
node's type, every value is of a type the property expects, and Google's required and
recommended ClaimReview properties are there. The vocabulary facts it needs are test data
(tests/data/schemaorg/vocabulary.json, with their source)."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

VOCABULARY = Path(__file__).parent / "data" / "schemaorg" / "vocabulary.json"
SCHEMA_ORG = "https://schema.org"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def vocabulary() -> dict[str, Any]:
    return json.loads(VOCABULARY.read_text())


def ancestors(type_name: str) -> set[str]:
    """The type and every type it is a subclass of."""
    types = vocabulary()["types"]
    if type_name not in types:
        return set()
    found = {type_name}
    for parent in types[type_name]:
        found |= ancestors(parent)
    return found


def _literal_fits(value: Any, datatypes: set[str]) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return "Number" in datatypes
    if not isinstance(value, str):
        return False
    if "Text" in datatypes:
        return True
    if "URL" in datatypes:
        parts = urlsplit(value)
        if parts.scheme in {"http", "https"} and parts.netloc:
            return True
    if "Date" in datatypes and _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
            return True
        except ValueError:
            return False
    if "DateTime" in datatypes and "T" in value:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return False
        return parsed.tzinfo is not None
    return False


def violations(document: Any) -> list[str]:
    """What `document` (a JSON-LD document in the schema.org context, compacted: one node, a
    list, or a @graph) gets wrong against the vocabulary; [] when nothing."""
    found: list[str] = []
    if isinstance(document, dict) and "@graph" in document:
        for node in document["@graph"]:
            _check_node(node, "@graph", found)
    elif isinstance(document, list):
        for index, node in enumerate(document):
            _check_node(node, f"[{index}]", found)
    else:
        _check_node(document, "$", found)
    return found


def _check_node(node: Any, where: str, found: list[str]) -> None:
    if not isinstance(node, dict):
        found.append(f"{where}: not a node")
        return
    context = node.get("@context")
    if context is not None and context != SCHEMA_ORG:
        found.append(f"{where}: @context {context!r} is not schema.org")
    type_name = node.get("@type")
    if not isinstance(type_name, str) or not ancestors(type_name):
        found.append(f"{where}: unknown @type {type_name!r}")
        return
    properties = vocabulary()["properties"]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        path = f"{where}.{key}"
        facts = properties.get(key)
        if facts is None:
            found.append(f"{path}: no such schema.org property (in the test vocabulary)")
            continue
        if not ancestors(type_name) & set(facts["domain"]):
            found.append(f"{path}: not a property of {type_name}")
        for one in value if isinstance(value, list) else [value]:
            _check_value(one, facts["range"], path, found)


def _check_value(value: Any, expected: list[str], where: str, found: list[str]) -> None:
    datatypes = set(expected) & set(vocabulary()["datatypes"])
    if isinstance(value, dict):
        classes = set(expected) - datatypes
        if not ancestors(str(value.get("@type"))) & classes:
            found.append(f"{where}: a {value.get('@type')} where {expected} is expected")
        _check_node(value, where, found)
    elif not _literal_fits(value, datatypes):
        found.append(f"{where}: {value!r} is none of {expected}")


def google_missing(review: dict[str, Any]) -> dict[str, list[str]]:
    """Google's required and recommended ClaimReview properties that `review` lacks:
    {"required": [...], "recommended": [...]} as dotted paths."""
    rules = vocabulary()["google_claimreview"]
    missing: dict[str, list[str]] = {"required": [], "recommended": []}

    def check(node: dict[str, Any], type_name: str, path: str) -> None:
        for level in ("required", "recommended"):
            for key in rules.get(type_name, {}).get(level, []):
                if node.get(key) in (None, "", []):
                    missing[level].append(f"{path}{key}")

    check(review, "ClaimReview", "")
    check(review.get("reviewRating") or {}, "Rating", "reviewRating.")
    check(review.get("itemReviewed") or {}, "Claim", "itemReviewed.")
    check(review.get("author") or {}, "Organization", "author.")
    return missing
