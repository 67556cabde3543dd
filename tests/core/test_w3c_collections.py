"""annotations.core.formats.w3c: annotation pages and collections against the W3C suite's
page and collection assertions (tests/w3c_suite.py), and their section 5 shape."""

from __future__ import annotations

from typing import Any

import pytest

from annotations.core.formats.w3c import (
    CONTEXT,
    annotation_collection,
    annotation_page,
    annotation_w3c,
    verdict_w3c,
)
from tests.core.w3c_cases import (
    ANNOTATION_CASES,
    VERDICT_CASES,
)
from tests.w3c_suite import (
    ANNOTATION_MUSTS,
    COLLECTION_MUSTS,
    PAGE_MUSTS,
    must_failures,
    run_test,
)

COLLECTION = "https://desk.example/articles/17/annotations"


def page_of(items: list[dict], number: int, pages: int, total: int) -> dict[str, Any]:
    return annotation_page(
        id=f"{COLLECTION}?page={number}",
        part_of=COLLECTION,
        items=items,
        start_index=(number - 1) * 2,
        next=f"{COLLECTION}?page={number + 1}" if number < pages else None,
        prev=f"{COLLECTION}?page={number - 1}" if number > 1 else None,
        total=total,
    )


ITEMS = [annotation_w3c(**ANNOTATION_CASES[case]) for case in list(ANNOTATION_CASES)[:2]]
VERDICT_ITEMS = [verdict_w3c(**VERDICT_CASES[case]) for case in list(VERDICT_CASES)[:2]]


@pytest.mark.parametrize(
    "page",
    [
        page_of(ITEMS, 1, 3, 5),
        page_of(VERDICT_ITEMS, 2, 3, 5),
        page_of(ITEMS[:1], 3, 3, 5),
        page_of([], 1, 1, 0),
    ],
    ids=["first", "middle", "last", "empty"],
)
def test_page_passes_every_must_page_assertion(page: dict) -> None:
    assert must_failures(run_test(PAGE_MUSTS, page)) == []
    for item in page["items"]:
        assert "@context" not in item  # the page's context applies
        assert (
            must_failures(run_test(ANNOTATION_MUSTS, item | {"@context": page["@context"]})) == []
        )


def test_page_has_the_section_5_2_shape() -> None:
    page = page_of(ITEMS, 2, 3, 5)
    assert page["@context"] == CONTEXT
    assert page["type"] == "AnnotationPage"
    assert page["partOf"] == {"id": COLLECTION, "total": 5}
    assert page["startIndex"] == 2
    assert page["next"] == f"{COLLECTION}?page=3" and page["prev"] == f"{COLLECTION}?page=1"
    assert [item["id"] for item in page["items"]] == [item["id"] for item in ITEMS]
    first = page_of(ITEMS, 1, 1, 2)
    assert "next" not in first and "prev" not in first


@pytest.mark.parametrize(
    "collection",
    [
        annotation_collection(
            id=COLLECTION,
            label="Annotations on article 17",
            total=5,
            first=f"{COLLECTION}?page=1",
            last=f"{COLLECTION}?page=3",
        ),
        annotation_collection(id=COLLECTION, label="", total=0, first=None, last=None),
        annotation_collection(
            id=COLLECTION,
            label="Annotations on article 17",
            total=5,
            first=f"{COLLECTION}?page=1",
            last=f"{COLLECTION}?page=3",
            first_page=page_of(ITEMS, 1, 3, 5),
        ),
    ],
    ids=["linked first page", "empty", "embedded first page"],
)
def test_collection_passes_every_must_collection_assertion(collection: dict) -> None:
    assert must_failures(run_test(COLLECTION_MUSTS, collection)) == []


def test_collection_with_an_embedded_page_also_passes_the_page_assertions() -> None:
    collection = annotation_collection(
        id=COLLECTION,
        label="Annotations on article 17",
        total=5,
        first=None,
        last=f"{COLLECTION}?page=3",
        first_page=page_of(ITEMS, 1, 3, 5),
    )
    assert must_failures(run_test(PAGE_MUSTS, collection)) == []
    first = collection["first"]
    assert first["type"] == "AnnotationPage" and first["id"] == f"{COLLECTION}?page=1"
    assert "@context" not in first and "partOf" not in first
    assert collection["total"] == 5 and collection["label"] == "Annotations on article 17"


def test_collection_refuses_annotations_without_a_first_page() -> None:
    with pytest.raises(ValueError, match="first page"):
        annotation_collection(id=COLLECTION, label="x", total=3, first=None, last=None)
    with pytest.raises(ValueError, match="different pages"):
        annotation_collection(
            id=COLLECTION,
            label="x",
            total=3,
            first=f"{COLLECTION}?page=9",
            last=None,
            first_page=page_of(ITEMS, 1, 3, 5),
        )


def test_page_keeps_an_item_context_that_is_not_just_the_annotation_context() -> None:
    extended = ITEMS[0] | {"@context": [CONTEXT, {"desk": "https://desk.example/ns#"}]}
    page = page_of([extended], 1, 1, 1)
    assert page["items"][0]["@context"] == extended["@context"]
