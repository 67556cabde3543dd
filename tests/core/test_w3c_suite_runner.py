"""The runner of tests/w3c_suite.py (which explains it) on small inline tests, and the suite's
assertions compiling; the formatter module importing without Django."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotations.core.formats.w3c import (
    CONTEXT,
)
from tests.w3c_suite import (
    ANNOTATION_MUSTS,
    COLLECTION_MUSTS,
    PAGE_MUSTS,
    REPO,
    SUITE,
    load_assertion,
    must_failures,
    run_test,
    run_test_on_text,
    short,
)

# ---------------------------------------------------------------------------------------------
# The runner's own semantics, on small inline tests (the suite's .test files use only plain
# lists of paths, so these paths of the runner are exercised here).

ANNOTATION_SAMPLE = {
    "@context": CONTEXT,
    "id": "http://example.org/anno1",
    "type": "Annotation",
    "target": "http://example.com/page1",
}
HAS_BODY = {"title": "has body", "type": "object", "required": ["body"]}
HAS_TARGET = {"title": "has target", "type": "object", "required": ["target"]}


def test_runner_inverts_a_result_when_invalid_is_expected() -> None:
    results = run_test(
        {"assertions": [HAS_BODY | {"expectedResult": "invalid"}]}, ANNOTATION_SAMPLE
    )
    assert [r.status for r in results] == ["pass"]


def test_runner_counts_only_must_assertions_as_failures() -> None:
    test = {"assertions": [HAS_BODY | {"assertionType": "should"}, HAS_BODY]}
    results = run_test(test, ANNOTATION_SAMPLE)
    assert [r.status for r in results] == ["fail", "fail"]
    assert must_failures(results) == ["has body"]


def test_runner_skips_the_rest_of_a_list_after_fail_and_skip_but_not_the_outer_list() -> None:
    test = {
        "assertions": [
            [HAS_BODY | {"onUnexpectedResult": "failAndSkip"}, HAS_TARGET],
            HAS_TARGET,
        ]
    }
    assert [r.status for r in run_test(test, ANNOTATION_SAMPLE)] == ["fail", "skipped", "pass"]


def test_runner_stops_everything_after_fail_and_abort() -> None:
    test = {"assertions": [[HAS_BODY | {"onUnexpectedResult": "failAndAbort"}], HAS_TARGET]}
    assert [r.status for r in run_test(test, ANNOTATION_SAMPLE)] == ["fail"]


@pytest.mark.parametrize(("compare_with", "status"), [("or", "pass"), ("and", "fail")])
def test_runner_combines_a_condition_object_as_compare_with_says(
    compare_with: str, status: str
) -> None:
    condition = {
        "title": "body or target",
        "compareWith": compare_with,
        "assertions": [HAS_BODY, HAS_TARGET],
    }
    results = run_test({"assertions": [condition]}, ANNOTATION_SAMPLE)
    assert [(r.name, r.status) for r in results][-1] == ("body or target", status)


def test_runner_overrides_an_assertion_file_with_the_objects_own_keys() -> None:
    entry = {"assertionFile": "annotations/3.1-bodyKeyFound.json", "expectedResult": "invalid"}
    results = run_test({"assertions": [entry]}, ANNOTATION_SAMPLE)
    assert [(r.name, r.status) for r in results] == [("annotations/3.1-bodyKeyFound.json", "pass")]


def test_runner_resolves_a_bare_file_name_next_to_the_test_file() -> None:
    musts = json.loads((SUITE / ANNOTATION_MUSTS).read_text(encoding="utf-8"))
    assert all("/" in entry for entry in musts["assertions"])
    assert load_assertion("3.1-bodyKeyFound.json", SUITE / "annotations")["id"] == (
        "3.1-bodyKeyFound.json"
    )


def test_runner_fails_input_that_is_not_json() -> None:
    assert must_failures(run_test_on_text(ANNOTATION_MUSTS, "{,}")) == ["Parsing submitted input"]


@pytest.mark.parametrize(
    ("document", "failing"),
    [
        (ANNOTATION_SAMPLE | {"id": "not a uri"}, {"3.1-annotationIdValidated"}),
        (ANNOTATION_SAMPLE | {"created": "yesterday"}, {"3.3.1-annotationCreatedValidated"}),
        (
            ANNOTATION_SAMPLE | {"created": "2015-01-28T12:00:00"},
            {"3.3.1-annotationCreatedValidated"},
        ),
        (ANNOTATION_SAMPLE | {"created": "2015-01-28T12:00:00+01:00"}, set()),
        (ANNOTATION_SAMPLE | {"id": "urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df"}, set()),
    ],
)
def test_runner_checks_uri_and_date_time_formats(document: dict, failing: set[str]) -> None:
    assert short(must_failures(run_test(ANNOTATION_MUSTS, document))) == failing


def test_formatter_module_imports_without_django() -> None:
    code = "import sys, annotations.core.formats.w3c; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False).returncode == 0


def test_every_must_assertion_of_the_suite_compiles() -> None:
    for test in (ANNOTATION_MUSTS, COLLECTION_MUSTS, PAGE_MUSTS):
        assert not [r for r in run_test(test, {}) if r.status == "error"], test
