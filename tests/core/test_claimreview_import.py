"""annotations.core.formats.claimreview_import: other fact-checkers' ClaimReview, read or refused.

The documents in tests/data/claimreview-import/ were written for these tests (see its SOURCE).
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.core.formats.claimreview_import import (
    MAX_DEPTH,
    MAX_ITEMS,
    ExternalCheck,
    ImportReport,
    claimreviews_from_html,
    claimreviews_read,
)
from annotations.core.formats.claimreview_item import APPEARANCES_MAX, CLAIM_MAX

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "claimreview-import"
PAGE_URL = "https://checkpoint.example/2026/11/bus-fares-doubled"


def read(name: str) -> ImportReport:
    return claimreviews_read((DATA / name).read_bytes())


def page(name: str, base_url: str = PAGE_URL) -> ImportReport:
    return claimreviews_from_html((DATA / name).read_text(encoding="utf-8"), base_url)


def review(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checkpoint.example/2026/11/tax-receipts",
        "claimReviewed": "Tax receipts rose by a fifth this year.",
        "author": {"@type": "Organization", "name": "Checkpoint"},
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
    }
    return item | overrides


def reasons(report: ImportReport) -> list[str]:
    return [refusal.reason for refusal in report.refusals]


def accounted_for(report: ImportReport) -> bool:
    """Every item read is either a check or an item's refusal (item 0 is the document)."""
    item_refusals = [refusal for refusal in report.refusals if refusal.item]
    return report.items_read == len(report.checks) + len(item_refusals)


# --- The shapes ----------------------------------------------------------------------------


def test_a_single_claimreview_is_read_field_by_field() -> None:
    report = read("single.json")
    assert report.refusals == ()
    assert report.checks == (
        ExternalCheck(
            publisher="Checkpoint",
            publisher_url="https://checkpoint.example/",
            url="https://checkpoint.example/2026/11/bus-fares-doubled",
            claim="Bus fares in Eastford have doubled since 2024.",
            claimant="Dana Whitlow",
            rating_text="Mostly false",
            rating_value=2,
            best=5,
            worst=1,
            date_published=dt.date(2026, 11, 12),
            language="en",
            appearances=(
                "https://eastford-gazette.example/politics/council-debate",
                "https://social.example/@dwhitlow/113456",
                "https://radio-east.example/podcasts/morning-2026-11-09",
            ),
        ),
    )


def test_json_text_and_the_parsed_value_give_the_same_report() -> None:
    text = (DATA / "single.json").read_text(encoding="utf-8")
    assert claimreviews_read(text) == claimreviews_read(json.loads(text)) == read("single.json")


def test_a_graph_is_read_and_its_other_nodes_are_reported_as_not_claimreviews() -> None:
    report = read("graph.json")
    assert [check.url for check in report.checks] == [
        "https://verifica.example/controlli/ponte-costo",
        "https://verifica.example/controlli/treni-puntuali",
    ]
    assert reasons(report) == [
        "not a ClaimReview (@type WebPage)",
        "not a ClaimReview (@type Organization)",
    ]
    assert accounted_for(report)


def test_a_graph_reads_numbers_written_as_text_and_a_language_object() -> None:
    bridge = read("graph.json").checks[0]
    assert (bridge.rating_value, bridge.best, bridge.worst) == (1, 6, 1)
    assert bridge.language == "it"
    assert bridge.claimant == "Comitato Ponte Sì"
    assert bridge.date_published == dt.date(2026, 10, 30)


def test_an_author_given_by_id_is_the_graph_node_and_an_organization_beats_a_person() -> None:
    trains = read("graph.json").checks[1]
    assert (trains.publisher, trains.publisher_url) == ("Verifica", "https://verifica.example/")
    assert trains.claimant == "Assessore ai trasporti"


def test_a_list_is_read_item_by_item() -> None:
    report = read("list.json")
    assert report.refusals == ()
    assert [check.claimant for check in report.checks] == [
        "A viral post",
        "Regional water agency",
        "Families First Campaign",
    ]


def test_a_rating_given_only_as_text_has_no_numbers() -> None:
    fridge = read("list.json").checks[0]
    assert fridge.rating_text == "Missing context"
    assert (fridge.rating_value, fridge.best, fridge.worst) == (None, None, None)


def test_html_entities_in_texts_and_urls_are_unescaped() -> None:
    checks = read("list.json").checks
    assert checks[0].appearances == ("https://video.example/watch?v=k3Tz&t=42",)
    assert checks[2].publisher == "TruthMeter & Partners"


def test_a_datafeed_with_schema_prefixed_keys_and_types_is_read() -> None:
    report = read("datafeed.json")
    assert report.refusals == ()
    rents, cycle_lanes = report.checks
    assert rents.claim == "Die Mieten in Neustadt sind 2025 um 30 Prozent gestiegen."
    assert (rents.rating_text, rents.rating_value, rents.language) == (
        "Überwiegend falsch",
        2,
        "de",
    )
    assert cycle_lanes.rating_text == "Richtig"
    assert cycle_lanes.publisher == "Faktencheck Nord"


def test_a_datafeeds_element_that_is_not_a_claimreview_is_reported() -> None:
    feed = json.loads((DATA / "datafeed.json").read_text(encoding="utf-8"))
    feed["schema:dataFeedElement"].append({"@type": "schema:DataFeedItem", "schema:item": 7})
    report = claimreviews_read(feed)
    assert len(report.checks) == 2
    assert [(refusal.location, refusal.reason) for refusal in report.refusals] == [
        ("$.schema:dataFeedElement[2].schema:item", "not an object but a number")
    ]


@pytest.mark.parametrize(
    "context",
    [
        "https://schema.org",
        "http://schema.org",
        "https://schema.org/",
        {"@vocab": "http://schema.org/"},
        ["https://schema.org", {"fc": "https://checkpoint.example/vocab#"}],
    ],
)
def test_every_spelling_of_the_schema_org_context_is_read(context: object) -> None:
    report = claimreviews_read(review(**{"@context": context}))
    assert len(report.checks) == 1, reasons(report)


def test_a_document_without_any_context_is_read_as_schema_org() -> None:
    item = review()
    del item["@context"]
    assert len(claimreviews_read(item).checks) == 1


def test_another_vocabulary_is_refused_unless_its_types_name_schema_org() -> None:
    foreign = claimreviews_read(review(**{"@context": "https://vocab.example/reviews"}))
    assert foreign.checks == ()
    assert foreign.refusals[0].reason.startswith("not schema.org")
    explicit = review(**{"@context": "https://vocab.example/reviews"})
    explicit["@type"] = "https://schema.org/ClaimReview"
    assert len(claimreviews_read(explicit).checks) == 1


def test_a_claimreview_nested_in_a_webpage_is_found() -> None:
    document = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "mainEntity": review(),
    }
    report = claimreviews_read(document)
    assert [refusal.reason for refusal in report.refusals] == []
    assert report.checks[0].url == "https://checkpoint.example/2026/11/tax-receipts"


# --- Refusals ------------------------------------------------------------------------------


def test_each_bad_item_is_refused_with_its_reason_and_the_good_one_is_read() -> None:
    report = read("refusals.json")
    assert [check.url for check in report.checks] == [
        "https://checkpoint.example/2026/10/hospital-beds"
    ]
    assert {refusal.item: refusal.reason for refusal in report.refusals} == {
        2: "missing url",
        3: "missing claimReviewed",
        4: "ratingValue 0 is outside its scale 1..5",
        5: "not a ClaimReview (@type NewsArticle)",
        6: "claimReviewed is a number, not text",
        7: "url is not a web address (http:// or https://): 'javascript:alert(1)'",
        8: "datePublished is not an ISO 8601 date: '10/12/2026'",
        9: "missing reviewRating",
        10: "the same url as item 1, read once",
        11: "not an object but text",
        12: "itemReviewed.appearance[0] has no url",
        13: "bestRating 1 is not above worstRating 5",
    }
    assert accounted_for(report)


def test_a_refusal_says_where_the_item_is_and_its_url_when_readable() -> None:
    refusals = read("refusals.json").refusals
    assert refusals[0].location == "$.@graph[1]"
    assert refusals[0].url == ""
    assert refusals[2].url == "https://checkpoint.example/2026/10/zero"


def test_a_rating_outside_its_scale_is_refused() -> None:
    report = read("out-of-scale.json")
    assert report.checks == ()
    assert reasons(report) == ["ratingValue 7 is outside its scale 1..5"]
    assert report.refusals[0].url == "https://checkpoint.example/2026/11/tax-receipts"


def test_malformed_json_is_one_refusal_of_the_document() -> None:
    report = read("malformed.json")
    assert (report.checks, report.items_read) == ((), 0)
    (refusal,) = report.refusals
    assert (refusal.item, refusal.location) == (0, "$")
    assert refusal.reason.startswith("malformed JSON: Unterminated string")


@pytest.mark.parametrize("document", [[], {"@context": "https://schema.org", "@graph": []}])
def test_a_document_with_nothing_in_it_says_so(document: object) -> None:
    report = claimreviews_read(document)
    assert reasons(report) == ["the document holds no ClaimReview"]


def test_a_claim_of_the_desks_length_is_read_and_a_longer_one_refused() -> None:
    longest = "x" * CLAIM_MAX
    assert claimreviews_read(review(claimReviewed=longest)).checks[0].claim == longest
    too_long = claimreviews_read(review(claimReviewed=longest + "x"))
    assert reasons(too_long) == [f"claimReviewed is longer than {CLAIM_MAX} characters"]


def test_too_many_appearances_are_refused_not_cut() -> None:
    claim = {
        "@type": "Claim",
        "firstAppearance": "https://news.example/0",
        "appearance": [f"https://news.example/{n}" for n in range(1, APPEARANCES_MAX + 1)],
    }
    report = claimreviews_read(review(itemReviewed=claim))
    assert reasons(report) == [f"more than {APPEARANCES_MAX} appearances"]
    claim["appearance"] = claim["appearance"][:-1]
    assert len(claimreviews_read(review(itemReviewed=claim)).checks[0].appearances) == 500


def test_invisible_direction_characters_are_removed_from_names() -> None:
    item = review(author={"@type": "Organization", "name": "Check\u202edesk  \n Daily"})
    assert claimreviews_read(item).checks[0].publisher == "Checkdesk Daily"


def test_a_publishers_address_that_is_not_http_is_refused_under_its_field() -> None:
    item = review(
        publisher={"@type": "Organization", "name": "Checkpoint", "url": "ftp://c.example"}
    )
    del item["author"]
    assert reasons(claimreviews_read(item)) == [
        "publisher.url is not a web address (http:// or https://): 'ftp://c.example'"
    ]


def test_without_a_named_author_the_publisher_is_the_reviews_host() -> None:
    item = review()
    del item["author"]
    check = claimreviews_read(item).checks[0]
    assert (check.publisher, check.publisher_url) == ("checkpoint.example", "")


@pytest.mark.parametrize(
    ("rating", "reason"),
    [
        ({"ratingValue": True, "alternateName": "True"}, "ratingValue is a boolean, not a number"),
        ({"ratingValue": "two", "alternateName": "False"}, "ratingValue is not a number: 'two'"),
        ({"ratingValue": 2}, "the rating has no text (reviewRating.alternateName)"),
        ("False", "reviewRating is not a Rating object"),
        ({"ratingValue": 10**5000, "alternateName": "x"}, "ratingValue is not a rating number"),
        ({"ratingValue": float("nan"), "alternateName": "x"}, "ratingValue is not a rating number"),
    ],
)
def test_a_rating_of_the_wrong_type_is_refused(rating: object, reason: str) -> None:
    assert reasons(claimreviews_read(review(reviewRating=rating))) == [reason]


def test_a_relative_url_is_resolved_against_the_feeds_address() -> None:
    report = claimreviews_read(
        review(url="/2026/11/tax"), base_url="https://checkpoint.example/feed"
    )
    assert report.checks[0].url == "https://checkpoint.example/2026/11/tax"


# --- Limits --------------------------------------------------------------------------------


def test_a_feed_over_the_limit_is_read_up_to_it_and_the_rest_refused_in_one_line() -> None:
    items = [
        {
            "@type": "ClaimReview",
            "url": f"https://feed.example/checks/{number}",
            "claimReviewed": f"Claim number {number}",
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
        }
        for number in range(MAX_ITEMS + 1)
    ]
    report = claimreviews_read({"@context": "https://schema.org", "@graph": items})
    assert len(report.checks) == report.items_read == MAX_ITEMS == 100_000
    assert report.items_over_limit == 1
    assert reasons(report) == [
        "more than 100,000 items: the first 100,000 were read, the other 1 refused "
        "(split the document)"
    ]


def test_the_limit_can_be_lowered_by_the_caller() -> None:
    report = claimreviews_read(
        [review(url=f"https://c.example/{n}") for n in range(5)], max_items=2
    )
    assert (len(report.checks), report.items_over_limit) == (2, 3)


def test_deeply_nested_garbage_is_refused_not_recursed_into() -> None:
    garbage: object = {"@type": "ClaimReview"}
    for _ in range(100_000):
        garbage = [garbage, {"a": garbage}] if isinstance(garbage, dict) else [garbage]
    report = claimreviews_read(garbage)
    assert report.checks == ()
    assert reasons(report) == [f"nested deeper than {MAX_DEPTH} levels"]


def test_deeply_nested_json_text_is_refused_as_malformed() -> None:
    report = claimreviews_read("[" * 100_000 + "]" * 100_000)
    assert report.checks == ()
    assert reasons(report)[0].startswith("malformed JSON")


# --- Pages ---------------------------------------------------------------------------------


def test_a_pages_json_ld_is_read_with_relative_urls_resolved_and_comments_tolerated() -> None:
    report = page("page.html")
    (check,) = report.checks
    assert check.url == PAGE_URL
    assert check.claim == 'Bus fares in Eastford have "doubled" since 2024.'
    assert (check.rating_value, check.language) == (2, "en-GB")


def test_a_malformed_json_ld_block_is_reported_and_the_others_read() -> None:
    report = page("page.html")
    (refusal,) = report.refusals  # the BreadcrumbList is not reported: pages carry many types
    assert (refusal.item, refusal.location) == (0, "script[3]")
    assert refusal.reason.startswith("malformed JSON-LD")


def test_a_page_marked_up_with_microdata_is_read() -> None:
    report = page("page-microdata.html", "https://comprobado.example/verificaciones/paro-juvenil")
    assert report.refusals == ()
    (check,) = report.checks
    assert (check.publisher, check.claimant, check.rating_text) == (
        "Comprobado",
        "Marta Ruiz",
        "Falso",
    )
    assert (check.rating_value, check.best, check.worst) == (1, 4, 1)
    assert check.appearances == ("https://diario.example/entrevista-ruiz",)


def test_a_page_without_claimreview_says_so() -> None:
    report = page("page-without-claimreview.html")
    assert report.checks == ()
    assert reasons(report) == ["the page has no ClaimReview (JSON-LD or microdata)"]


def test_a_review_without_its_own_url_on_a_page_is_the_page() -> None:
    item = review()
    del item["url"]
    html = f'<html><script type="application/ld+json">{json.dumps(item)}</script></html>'
    assert claimreviews_from_html(html, PAGE_URL).checks[0].url == PAGE_URL


@pytest.mark.parametrize("html", ["", "   ", b""])
def test_an_empty_page_is_refused_as_not_html(html: str | bytes) -> None:
    report = claimreviews_from_html(html, PAGE_URL)
    assert reasons(report)[0].startswith("not an HTML page")


def test_a_page_in_bytes_with_an_encoding_declaration_is_read() -> None:
    body = (DATA / "page.html").read_text(encoding="utf-8")
    declared = '<?xml version="1.0" encoding="utf-8"?>' + body
    assert len(claimreviews_from_html(declared, PAGE_URL).checks) == 1
    assert len(claimreviews_from_html(declared.encode("utf-8"), PAGE_URL).checks) == 1


def test_reading_pages_touches_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    # Recorded as well as refused: the reader turns errors into refusals, so a refused
    # connection alone could pass unseen.
    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the ClaimReview reader opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    reports = [
        page(name) for name in ("page.html", "page-microdata.html", "page-without-claimreview.html")
    ]

    assert attempts == []
    assert [len(report.checks) for report in reports[:2]] == [1, 1]
    assert not reports[2].checks


def test_the_parser_imports_neither_django_nor_extruct() -> None:
    code = (
        "import sys, annotations.core.formats.claimreview_import; "
        "sys.exit(bool({'django', 'extruct', 'rdflib'} & set(sys.modules)))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False).returncode == 0


# --- Properties ----------------------------------------------------------------------------

KEYS = st.sampled_from(
    [
        "@context", "@type", "@graph", "@id", "url", "claimReviewed", "reviewRating",
        "ratingValue", "bestRating", "worstRating", "alternateName", "author", "name",
        "itemReviewed", "appearance", "datePublished", "inLanguage", "item", "other",
    ]
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["ClaimReview", "https://schema.org", "@graph", "Rating", "x://y"])
)


def json_containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=5) | st.dictionaries(KEYS, children, max_size=8)


JSON_VALUES = st.recursive(SCALARS, json_containers, max_leaves=40)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_any_json_value_gives_a_report_accounting_for_every_item(document: object) -> None:
    report = claimreviews_read(document)
    assert isinstance(report, ImportReport)
    assert accounted_for(report)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_text_or_bytes_gives_a_report(document: str | bytes) -> None:
    assert isinstance(claimreviews_read(document), ImportReport)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_html_gives_a_report(html: str) -> None:
    assert isinstance(claimreviews_from_html(html, PAGE_URL), ImportReport)


@settings(max_examples=200, deadline=None)
@given(st.integers(-20, 20), st.integers(-20, 20), st.integers(-20, 20))
def test_a_rating_is_read_exactly_when_it_lies_inside_its_scale(
    value: int, best: int, worst: int
) -> None:
    rating = {"ratingValue": value, "bestRating": best, "worstRating": worst, "alternateName": "x"}
    report = claimreviews_read(review(reviewRating=rating))
    assert bool(report.checks) == (worst < best and worst <= value <= best)
