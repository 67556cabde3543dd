"""A runner for the W3C Web Annotation WG's JSON Schema test suite, shared by the tests of
the W3C export (tests/services/test_w3c_export.py) and of the API serving it.

The suite (tests/data/w3c-web-annotation-tests, see SOURCE.txt there) is a set of `.test`
files, each listing assertions: JSON Schemas (draft-04) with extra keys saying how to read the
result. The Working Group ran them in browsers with `annotation-model/scripts/JSONtest.js`
(web-platform-tests) on Ajv; `run_test` below reimplements that runner's semantics:

- an entry of `assertions` is a path (with a "/": relative to the suite's root; without: to the
  `.test` file's folder), an inline assertion object, an object with `assertionFile` (that
  file, its keys overridden by the object's other keys), a nested list (a group), or a
  condition object (one with `assertions`, combined by `compareWith` "and" (default) / "or");
- an assertion's result is as expected when the document's validity matches `expectedResult`
  ("valid" by default; "invalid" inverts); an unexpected result triggers `onUnexpectedResult`:
  ...AndContinue goes on, ...AndSkip skips the rest of the current list, ...AndAbort stops
  (JSONtest.js reports the assertion as failed whatever the pass/fail prefix says);
- `assertionType` "must" (default), "should" or "may" is the severity: the document fails the
  test when a "must" assertion has an unexpected result; "should"/"may" ones are warnings
  ("failing an assertion indicates only that a recommended or optional feature has not been
  implemented", in the optional tests' own words);
- input that is not JSON fails the whole test ("Parsing submitted input"), as in JSONtest.js.

Schemas refer to each other by bare relative ids ("annotations.json#/definitions/..."): every
definitions/*.json and each assertion is registered under one base URI, as Ajv's addSchema
did. The formats matter ("not a uri", "yesterday"): jsonschema checks "uri" and "date-time"
only when rfc3987 / rfc3339-validator are installed, and they are not here, so the checker
below implements what the reference runner used, Ajv's default ("fast") format regexes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT4

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "tests" / "data" / "w3c-web-annotation-tests"
SAMPLES = SUITE / "tools" / "samples"
# Any absolute base works: nothing is fetched (the registry has no retrieval function).
BASE_URI = "https://web-annotation-tests.invalid/"

ANNOTATION_MUSTS = "annotations/annotationMusts.test"
ANNOTATION_OPTIONALS = "annotations/annotationOptionals.test"
AGENT_OPTIONALS = "annotations/annotationsAgentOptionals.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"

# ---------------------------------------------------------------------------------------------
# The runner


# Ajv's "fast" formats (ajv lib/compile/formats.js), which JSONtest.js validated with.
_AJV_URI = re.compile(r"[a-z][a-z0-9+\-.]*:(?://?)?[^\s\ufeff]*", re.IGNORECASE)
_AJV_DATE_TIME = re.compile(
    r"[0-9]{4}-[01][0-9]-[0-3][0-9][t\s]"
    r"(?:[0-2][0-9]:[0-5][0-9]:[0-5][0-9]|23:59:60)(?:\.[0-9]+)?(?:z|[+-][0-9]{2}(?::?[0-9]{2})?)",
    re.IGNORECASE,
)
FORMATS = FormatChecker(formats=())


@FORMATS.checks("uri")
def _is_uri(instance: object) -> bool:
    return not isinstance(instance, str) or _AJV_URI.fullmatch(instance) is not None


@FORMATS.checks("date-time")
def _is_date_time(instance: object) -> bool:
    return not isinstance(instance, str) or _AJV_DATE_TIME.fullmatch(instance) is not None


ACTIONS = {
    "failAndContinue": "continue",
    "failAndSkip": "skip",
    "failAndAbort": "abort",
    "passAndContinue": "continue",
    "passAndSkip": "skip",
    "passAndAbort": "abort",
}


@dataclass(frozen=True)
class Result:
    name: str
    assertion_type: str  # must / should / may
    status: str  # pass / fail / skipped / error (schema could not be compiled)


@cache
def _definitions() -> Registry:
    resources = []
    for path in sorted((SUITE / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        resources.append((urljoin(BASE_URI, schema["id"]), resource))
    return Registry().with_resources(resources)


@cache
def _suite_file(reference: str, test_dir: str) -> str:
    if reference.startswith(("/", "http:", "https:")):
        raise ValueError(f"{reference}: the tests read only the copied suite")
    # JSONtest.js _parseURI: with a slash, from the suite's root; without, next to the .test.
    path = SUITE / reference if "/" in reference else Path(test_dir) / reference
    return path.read_text(encoding="utf-8")


def load_assertion(entry: str | dict[str, Any], test_dir: Path) -> dict[str, Any]:
    if isinstance(entry, str):
        return json.loads(_suite_file(entry, str(test_dir))) | {"assertionFile": entry}
    if "assertionFile" in entry:
        external = json.loads(_suite_file(entry["assertionFile"], str(test_dir)))
        return external | entry
    return entry


@cache
def _validator(schema_text: str) -> Draft4Validator:
    # Draft 4 ignores every key beside a "$ref", "id" included, so an assertion whose root is
    # a "$ref" would lose its base URI; registering it under the URI its id names, as Ajv's
    # compile() does, and validating against a reference to that URI keeps it.
    schema = json.loads(schema_text)
    uri = urljoin(BASE_URI, schema.get("id") or f"inline-{abs(hash(schema_text))}.json")
    registry = _definitions().with_resource(
        uri, Resource.from_contents(schema, default_specification=DRAFT4)
    )
    return Draft4Validator({"$ref": uri}, registry=registry, format_checker=FORMATS)


def _name(assertion: dict[str, Any]) -> str:
    return assertion.get("assertionFile") or assertion.get("id") or assertion.get("title", "?")


def _severity(assertion: dict[str, Any]) -> str:
    severity = str(assertion.get("assertionType", "must")).lower()
    return severity if severity in ("must", "should", "may") else "must"


def _skip(entry: Any, test_dir: Path, results: list[Result]) -> None:
    if isinstance(entry, list):
        for item in entry:
            _skip(item, test_dir, results)
        return
    assertion = load_assertion(entry, test_dir)
    results.append(Result(_name(assertion), _severity(assertion), "skipped"))


def _run_list(
    entries: list[Any], document: Any, test_dir: Path, results: list[Result]
) -> tuple[str, list[bool]]:
    """JSONtest.js runTests: returns the action left over and the results at this level."""
    action = "continue"
    as_expected_here: list[bool] = []
    for entry in entries:
        if action == "abort":
            break
        if action == "skip":
            _skip(entry, test_dir, results)
            continue
        if isinstance(entry, list):
            nested_action, _ = _run_list(entry, document, test_dir, results)
            if nested_action == "abort":
                action = "abort"
            continue
        assertion = load_assertion(entry, test_dir)
        expected_valid = assertion.get("expectedResult", "valid") == "valid"
        if "assertions" in assertion:
            # A condition object: the aggregate of its children ("and" unless it says "or").
            # CONTRIBUTING.md makes it an assertion object, so its expectedResult applies to
            # the aggregate; JSONtest.js never reads it there, which agrees for "valid".
            nested_action, children = _run_list(
                assertion["assertions"], document, test_dir, results
            )
            if nested_action == "abort":
                action = "abort"
                break
            if assertion.get("compareWith", "and") == "or":
                aggregate = any(children)
            else:
                aggregate = all(children)
            as_expected = aggregate == expected_valid
        else:
            schema = {key: value for key, value in assertion.items() if key != "assertionFile"}
            try:
                valid = _validator(json.dumps(schema, sort_keys=True)).is_valid(document)
            except Unresolvable:
                # JSONtest.js: a schema that does not compile fails its own sub-test, and
                # neither changes the action nor counts towards a condition object.
                results.append(Result(_name(assertion), _severity(assertion), "error"))
                continue
            as_expected = valid == expected_valid
        results.append(
            Result(_name(assertion), _severity(assertion), "pass" if as_expected else "fail")
        )
        as_expected_here.append(as_expected)
        if not as_expected:
            action = ACTIONS.get(assertion.get("onUnexpectedResult", "failAndContinue"), "continue")
    return action, as_expected_here


def run_test(test: str | dict[str, Any], document: Any) -> list[Result]:
    """Every assertion of a `.test` (a suite path, or the parsed object) on one document."""
    if isinstance(test, str):
        test_dir = (SUITE / test).parent
        test = json.loads((SUITE / test).read_text(encoding="utf-8"))
    else:
        test_dir = SUITE
    assertions = test.get("assertions")
    if not isinstance(assertions, list) or not assertions:
        raise ValueError("a .test needs a non-empty list of assertions")
    results: list[Result] = []
    _run_list(assertions, document, test_dir, results)
    return results


def run_test_on_text(test: str, text: str) -> list[Result]:
    """As the reference runner did with the textarea: input that is not JSON fails outright."""
    try:
        document = json.loads(text)
    except ValueError:
        return [Result("Parsing submitted input", "must", "fail")]
    return run_test(test, document)


def must_failures(results: Iterable[Result]) -> list[str]:
    return [r.name for r in results if r.assertion_type == "must" and r.status in ("fail", "error")]


def short(names: Iterable[str]) -> set[str]:
    return {name.rsplit("/", 1)[-1].removesuffix(".json") for name in names}
