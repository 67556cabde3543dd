"""The W3C Web Annotation WG's JSON Schema test suite on its own samples, run by
tests/w3c_suite.py (which explains the runner), before the desk's output is held to it.

Findings about the suite itself, asserted below exactly as they are:
- tools/samples/correct/anno11-13 (target of type Composite, List, Independents) fail MUST
  3.2-targetObjectsRecognized: those classes were dropped from the final Recommendation and
  from this suite's definitions (choiceSet.json knows only Choice), not from the samples.
- example42/example43 (a standalone AnnotationPage whose partOf is a bare IRI, as §5.2
  allows) fail seven MUST page assertions, whose definitions require partOf to be an object.
  The desk's pages give partOf as an object (`{"id", "total"}`), which passes.
- tools/samples/incorrect: 17 files are not JSON (16 by a trailing comma, anno1 on purpose)
  and 33 carry a two-valued `id` that only anno7 ("multiple identifiers") means to test. Under
  the runner every one fails; `test_incorrect_sample_fails_musts_for_its_labelled_defect`
  repairs those incidental faults to check that each sample's own defect is caught. Five
  samples' defects are optional-only (anno14 format, anno15 language, anno23
  processingLanguage, anno26 creator, anno27 generator); anno15 misspells the key
  ("langauage"), so its defect trips nothing at all.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from annotations.core.formats.w3c import (
    CONTEXT,
)
from tests.w3c_suite import (
    AGENT_OPTIONALS,
    ANNOTATION_MUSTS,
    ANNOTATION_OPTIONALS,
    COLLECTION_MUSTS,
    PAGE_MUSTS,
    SAMPLES,
    must_failures,
    run_test,
    run_test_on_text,
    short,
)

# ---------------------------------------------------------------------------------------------
# The suite's own samples

CORRECT = sorted(path.name for path in (SAMPLES / "correct").glob("*.json"))
INCORRECT = sorted(path.name for path in (SAMPLES / "incorrect").glob("*.json"))
# Samples that are not annotations, and the tests that describe them.
NON_ANNOTATION_SAMPLES = {
    "collection1.json": (COLLECTION_MUSTS, PAGE_MUSTS),  # collection with its first page inside
    "example41.json": (COLLECTION_MUSTS,),
    "example42.json": (PAGE_MUSTS,),
    "example43.json": (PAGE_MUSTS,),
}
# Composite, List and Independents left the model before the Recommendation (see top).
REMOVED_SET_CLASSES = {"anno11.json", "anno12.json", "anno13.json"}
PAGE_PART_OF_AS_OBJECT = {
    "5.2-pageTotalValidated",
    "5.2-pageLabelValidated",
    "5.2-pageFirstValidated",
    "5.2-pageLastValidated",
    "3.3.1-pageCreatedValidated",
    "3.3.1-pageModifiedValidated",
    "3.3.6-pageRightsValidated",
}


def sample(folder: str, name: str) -> Any:
    return json.loads((SAMPLES / folder / name).read_text(encoding="utf-8"))


def test_samples_that_are_not_annotations_are_exactly_the_collections_and_pages() -> None:
    not_annotations = {name for name in CORRECT if sample("correct", name)["type"] != "Annotation"}
    assert not_annotations == set(NON_ANNOTATION_SAMPLES)
    assert len(CORRECT) == 45 and len(INCORRECT) == 39


@pytest.mark.parametrize("name", sorted(set(CORRECT) - set(NON_ANNOTATION_SAMPLES)))
def test_correct_annotation_sample_passes_every_must_assertion(name: str) -> None:
    failures = short(must_failures(run_test(ANNOTATION_MUSTS, sample("correct", name))))
    if name in REMOVED_SET_CLASSES:
        assert failures == {"3.2-targetObjectsRecognized"}
    else:
        assert failures == set()


@pytest.mark.parametrize(
    ("name", "test"), [(n, t) for n, tests in NON_ANNOTATION_SAMPLES.items() for t in tests]
)
def test_correct_collection_and_page_samples_pass_their_must_assertions(
    name: str, test: str
) -> None:
    failures = short(must_failures(run_test(test, sample("correct", name))))
    if name in ("example42.json", "example43.json"):
        assert failures == PAGE_PART_OF_AS_OBJECT
    else:
        assert failures == set()


def test_annotations_inside_the_sample_collection_pass_in_the_collections_context() -> None:
    collection = sample("correct", "collection1.json")
    failing = {}
    for item in collection["first"]["items"]:
        failures = must_failures(run_test(ANNOTATION_MUSTS, item | {"@context": CONTEXT}))
        if failures:
            failing[item["id"].rsplit("/", 1)[-1]] = short(failures)
    assert failing == {
        name: {"3.2-targetObjectsRecognized"} for name in ("anno11", "anno12", "anno13")
    }


@pytest.mark.parametrize("name", INCORRECT)
def test_incorrect_sample_fails_a_must_assertion_under_the_runner(name: str) -> None:
    text = (SAMPLES / "incorrect" / name).read_text(encoding="utf-8")
    assert must_failures(run_test_on_text(ANNOTATION_MUSTS, text))


def without_trailing_commas(text: str) -> str:
    """JSON with the trailing commas before } and ] removed (outside strings only)."""
    out: list[str] = []
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped = not escaped and char == "\\"
            in_string = escaped or char != '"'
        elif char == '"':
            in_string = True
        elif char in "}]":
            last = len(out) - 1
            while last >= 0 and out[last].isspace():
                last -= 1
            if last >= 0 and out[last] == ",":
                del out[last]
        out.append(char)
    return "".join(out)


def repaired_incorrect_sample(name: str) -> Any:
    """The sample with its incidental faults removed: trailing commas, and a two-valued id
    on samples that are not about ids."""
    document = json.loads(
        without_trailing_commas((SAMPLES / "incorrect" / name).read_text(encoding="utf-8"))
    )
    if isinstance(document.get("id"), list) and "identifiers" not in document.get("label", ""):
        document["id"] = document["id"][0]
    return document


ID_AND_SELECTORS_ON = {
    "3.2.1-{0}TextDirectionValidated",
    "3.3.1-{0}CreatedValidated",
    "3.3.1-{0}ModifiedValidated",
    "3.3.6-{0}RightsValidated",
    "3.3.7-{0}CanonicalValidated",
    "3.3.7-{0}ViaValidated",
    "4.2-selectorValidIfPresent",
    "4.3-stateValidIfPresent",
    "4.3.3-refinedByValidated",
    "4.2-fragmentCssXPathSelectorValid",
    "4.2.4-textQuoteSelectorValid",
    "4.2-TextDataPositionSelectorValid",
    "4.2.7-svgSelectorValid",
    "4.2.8-rangeSelectorValid",
    "4.3.1-timeStateValid",
    "4.3.2-httpRequestStateValid",
}
# Each incorrect sample's label names its defect; these are the MUST assertions that catch it
# (a value that is neither an object nor a uri, as in anno11/anno12, fails every assertion
# that inspects the body's or target's keys).
INCORRECT_INTENT: dict[str, set[str]] = {
    "anno2.json": {
        "3.1-annotationContextValidated",
        "3.1-annotationIdValidated",
        "3.1-annotationTypeValidated",
        "3.1-targetKeyFound",
        "3.2-targetObjectsRecognized",
    },
    "anno3.json": {"3.1-annotationContextValidated"},
    "anno4.json": {"3.1-annotationContextValidated"},
    "anno5.json": {"3.1-annotationContextValidated"},
    "anno6.json": {"3.1-annotationIdValidated"},
    "anno7.json": {"3.1-annotationIdValidated"},
    "anno8.json": {"3.1-annotationTypeValidated"},
    "anno9.json": {"3.1-annotationTypeValidated"},
    "anno10.json": {"3.1-targetKeyFound", "3.2-targetObjectsRecognized"},
    "anno11.json": {"3.2-targetObjectsRecognized"}
    | {name.format("targ") for name in ID_AND_SELECTORS_ON},
    "anno12.json": {"3.2-bodyObjectsRecognized"}
    | {name.format("body") for name in ID_AND_SELECTORS_ON},
    "anno13.json": {"3.2-bodyObjectsRecognized"},
    "anno14.json": set(),
    "anno15.json": set(),
    "anno16.json": {"3.2.1-bodyTextDirectionValidated"},
    "anno17.json": {"3.2-bodyObjectsRecognized"},
    "anno18.json": {"3.2-bodyObjectsRecognized"},
    "anno19.json": {"3.2.5-notBodyBodyValue"},
    "anno20.json": {"3.2.5-bodyValueValidated"},
    "anno21.json": {"3.2.5-bodyValueValidated"},
    "anno22.json": {"3.2-bodyObjectsRecognized"},
    "anno23.json": set(),
    "anno24.json": {"3.2.1-bodyTextDirectionValidated"},
    "anno25.json": {"3.2-bodyObjectsRecognized"},
    "anno26.json": set(),
    "anno27.json": set(),
    "anno28.json": {"3.3.1-annotationCreatedValidated"},
    "anno29.json": {"3.3.1-annotationModifiedValidated"},
    "anno30.json": {"3.3.1-annotationGeneratedValidated"},
    "anno31.json": {"3.3.1-annotationModifiedValidated"},
    "anno32.json": {"3.3.1-annotationCreatedValidated"},
    "anno33.json": {"3.3.1-annotationGeneratedValidated"},
    "anno34.json": {"3.3.6-annotationRightsValidated"},
    "anno35.json": {"3.3.7-annotationViaValidated"},
    "anno36.json": {"3.3.7-annotationCanonicalValidated"},
    "anno37.json": {"3.2-targetObjectsRecognized"},
    "anno38.json": {
        "3.2-targetObjectsRecognized",
        "4.2-selectorValidIfPresent",
        "4.2-fragmentCssXPathSelectorValid",
    },
    "anno39.json": {
        "3.2-targetObjectsRecognized",
        "4.2-selectorValidIfPresent",
        "4.2-fragmentCssXPathSelectorValid",
    },
}


def test_every_incorrect_sample_but_the_non_json_one_has_an_intent_listed() -> None:
    assert set(INCORRECT_INTENT) == set(INCORRECT) - {"anno1.json"}
    with pytest.raises(ValueError):
        json.loads(without_trailing_commas((SAMPLES / "incorrect" / "anno1.json").read_text()))


@pytest.mark.parametrize("name", sorted(INCORRECT_INTENT))
def test_incorrect_sample_fails_musts_for_its_labelled_defect(name: str) -> None:
    document = repaired_incorrect_sample(name)
    assert short(must_failures(run_test(ANNOTATION_MUSTS, document))) == INCORRECT_INTENT[name]


def _set_body(key: str, value: Any) -> Callable[[dict], None]:
    return lambda document: document["body"].__setitem__(key, value)


def _set(key: str, value: Any) -> Callable[[dict], None]:
    return lambda document: document.__setitem__(key, value)


# Samples whose defect only optional assertions see: the fix of the defect, and the optional
# assertions that fail with the defect but pass without it.
OPTIONAL_ONLY = {
    "anno14.json": (
        _set_body("format", "text/plain"),
        {"3.2.1-bodyFormat", "3.2.1-bodySingleFormat"},
    ),
    "anno15.json": (_set_body("langauage", "en"), set()),  # sic: the sample misspells the key
    "anno23.json": (_set_body("processingLanguage", "en"), {"3.2.1-bodyProcessingLanguage"}),
    "anno26.json": (
        _set("creator", "http://example.org/user1"),
        {"3.3.1-annotationCreatorImplemented", "3.3.1-annotationSingleCreatorImplemented"},
    ),
    "anno27.json": (
        _set("generator", "http://example.org/client1"),
        {"3.3.1-annotationGeneratorImplemented"},
    ),
}


def optional_failures(document: Any) -> set[str]:
    results = [r for t in (ANNOTATION_OPTIONALS, AGENT_OPTIONALS) for r in run_test(t, document)]
    assert not must_failures(results)
    return short(r.name for r in results if r.status == "fail")


@pytest.mark.parametrize("name", sorted(OPTIONAL_ONLY))
def test_incorrect_sample_with_an_optional_defect_fails_only_optional_assertions(name: str) -> None:
    fix, tripped = OPTIONAL_ONLY[name]
    document = repaired_incorrect_sample(name)
    fixed = copy.deepcopy(document)
    fix(fixed)
    assert INCORRECT_INTENT[name] == set()
    assert optional_failures(document) - optional_failures(fixed) == tripped


def test_anno15_spelled_right_would_still_be_an_optional_defect_only() -> None:
    document = repaired_incorrect_sample("anno15.json")
    document["body"]["language"] = document["body"].pop("langauage")
    assert not must_failures(run_test(ANNOTATION_MUSTS, document))
    fixed = copy.deepcopy(document)
    fixed["body"]["language"] = "en"
    assert optional_failures(document) - optional_failures(fixed) == {
        "3.2.1-bodyLanguage",
        "3.2.1-bodySingleLanguage",
    }
