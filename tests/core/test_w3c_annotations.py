"""annotations.core.formats.w3c: the desk's annotations and verdicts against the W3C Web
Annotation WG's JSON Schema test suite (run by tests/w3c_suite.py), their documented shape,
and properties over any text and span."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.formats.w3c import (
    CONTEXT,
    MEDIA_TYPE,
    annotation_w3c,
    verdict_w3c,
    xsd_datetime,
)
from tests.core.w3c_cases import (
    ANNOTATION_CASES,
    ARTICLE,
    ARTICLE_IRI,
    CONTEXT_SOURCE,
    EMOJI_TEXT,
    LABEL_IRI,
    REFUTING,
    SUPPORTING,
    TEXT,
    VERDICT_CASES,
    highlight,
    verdict_arguments,
)
from tests.w3c_suite import (
    AGENT_OPTIONALS,
    ANNOTATION_MUSTS,
    ANNOTATION_OPTIONALS,
    must_failures,
    run_test,
    run_test_on_text,
    short,
)


@pytest.mark.parametrize("case", ANNOTATION_CASES)
def test_desk_annotation_passes_every_must_assertion(case: str) -> None:
    annotation = annotation_w3c(**ANNOTATION_CASES[case])
    assert must_failures(run_test(ANNOTATION_MUSTS, annotation)) == []
    # What a client receives is JSON text; the same checks hold after a round trip.
    assert must_failures(run_test_on_text(ANNOTATION_MUSTS, json.dumps(annotation))) == []


@pytest.mark.parametrize("case", VERDICT_CASES)
def test_desk_verdict_passes_every_must_assertion(case: str) -> None:
    verdict = verdict_w3c(**VERDICT_CASES[case])
    assert must_failures(run_test(ANNOTATION_MUSTS, verdict)) == []
    assert must_failures(run_test_on_text(ANNOTATION_MUSTS, json.dumps(verdict))) == []


IMPLEMENTED_OPTIONAL_FEATURES = {
    "3.3.1-annotationCreatedImplemented",
    "3.3.1-annotationModifiedImplemented",
    "3.3.5-annotationMotivationImplemented",
    "3.3.5-annotationSingleMotivationImplemented",
    "3.3.1-annotationSingleCreatorImplemented",
    "3.3.1-annotationCreatorImplemented",
    "3.3.2-annotationCreatorAgentIdImplemented",
    "3.3.2-annotationCreatorAgentTypeImplemented",
    "3.3.2-annotationCreatorAgentNameImplemented",
    "3.3.2-annotationCreatorAgentSingleNameImplemented",
    "3.1-bodyKeyFound",
    "3.2.1-bodyFormat",
    "3.2.4-bodyETB",
    "3.2.4-bodyETBTypeTextualBody",
    "3.3.5-bodyPurpose",
    "4-bodySpecificResource",
    "4-targSpecificResource",
    "4.2-selectorFound",
    "4.2.4-textQuoteSelector",
    "4.2.4-prefix",
    "4.2.4-suffix",
    "4.2.5-textPositionSelector",
}


@pytest.mark.parametrize(
    "annotation",
    [
        annotation_w3c(**ANNOTATION_CASES["quote with its speaker"]),
        verdict_w3c(**VERDICT_CASES["full verdict"]),
    ],
    ids=["annotation", "verdict"],
)
def test_desk_output_implements_the_optional_features_it_means_to(annotation: dict) -> None:
    results = [r for t in (ANNOTATION_OPTIONALS, AGENT_OPTIONALS) for r in run_test(t, annotation)]
    passed = short(r.name for r in results if r.status == "pass")
    assert passed >= IMPLEMENTED_OPTIONAL_FEATURES


def test_annotation_has_the_documented_shape() -> None:
    annotation = annotation_w3c(
        **ANNOTATION_CASES["several sources of every stance"] | {"kind": "quote", "speaker": "Jo"}
    )
    assert annotation["@context"] == CONTEXT
    assert annotation["type"] == "Annotation"
    assert annotation["motivation"] == "assessing"
    assert annotation["creator"] == {
        "id": "https://desk.example/reviewers/7",
        "type": "Person",
        "name": "Ana Reviewer",
    }
    assert annotation["created"] == "2026-11-25T09:00:00Z"
    assert annotation["modified"] == "2026-11-25T11:00:00Z"
    by_purpose: dict[str, list[dict]] = {}
    for body in annotation["body"]:
        by_purpose.setdefault(body["purpose"], []).append(body)
    assert by_purpose["assessing"] == [
        {
            "type": "TextualBody",
            "purpose": "assessing",
            "value": "Mostly false",
            "format": "text/plain",
        }
    ]
    assert by_purpose["classifying"] == [
        {"type": "SpecificResource", "purpose": "classifying", "source": LABEL_IRI}
    ]
    assert [body["value"] for body in by_purpose["tagging"]] == ["mostly-false", "quote"]
    assert [(body["label"], body["value"]) for body in by_purpose["describing"]] == [
        ("Speaker", "Jo")
    ]
    assert [body["value"] for body in by_purpose["commenting"]] == [
        "The statistics office puts it at 4.9 percent."
    ]
    assert by_purpose["linking"] == [
        {
            "type": "SpecificResource",
            "purpose": "linking",
            "label": "Refutes the claim",
            "source": {"id": REFUTING["url"], "label": REFUTING["title"]},
        },
        {
            "type": "SpecificResource",
            "purpose": "linking",
            "label": "Supports the claim",
            "source": SUPPORTING["url"],
        },
        {
            "type": "SpecificResource",
            "purpose": "linking",
            "label": "Gives context",
            "source": {"id": CONTEXT_SOURCE["url"], "label": "Background"},
        },
    ]


def test_no_body_is_an_external_web_resource_with_a_purpose() -> None:
    # §3.3.5 / suite 3.3.5-bodyEWRNoPurpose: a purpose only on SpecificResource / TextualBody.
    annotation = annotation_w3c(**ANNOTATION_CASES["several sources of every stance"])
    for body in annotation["body"]:
        assert body["type"] in ("TextualBody", "SpecificResource")
        assert "id" not in body


def test_annotation_without_rationale_or_speaker_has_no_commenting_or_describing_body() -> None:
    annotation = annotation_w3c(**ANNOTATION_CASES["empty rationale"])
    purposes = [body["purpose"] for body in annotation["body"]]
    assert "commenting" not in purposes and "describing" not in purposes
    assert purposes.count("linking") == 1


def test_target_has_both_selectors_with_code_point_offsets() -> None:
    arguments = ANNOTATION_CASES["astral characters and emoji in the quote"]
    target = annotation_w3c(**arguments)["target"]
    assert target["source"] == ARTICLE
    quote, position = target["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "𝔗𝔥𝔢 𝔢𝔠𝔬𝔫𝔬𝔪𝔶 🇫🇷 grew",
        "prefix": arguments["prefix"],
        "suffix": arguments["suffix"],
    }
    assert position == {"type": "TextPositionSelector", "start": 19, "end": 38}
    assert EMOJI_TEXT[position["start"] : position["end"]] == quote["exact"]
    # The same span in UTF-16 code units (what JavaScript counts) would be longer.
    assert len(quote["exact"].encode("utf-16-le")) // 2 > position["end"] - position["start"]


def test_empty_prefix_and_suffix_are_left_out() -> None:
    whole = highlight(TEXT, TEXT)
    assert whole["prefix"] == "" and whole["suffix"] == ""
    quote = annotation_w3c(**whole)["target"]["selector"][0]
    assert quote == {"type": "TextQuoteSelector", "exact": TEXT}


def test_target_falls_back_to_the_article_iri() -> None:
    annotation = annotation_w3c(**ANNOTATION_CASES["article IRI when the article has no URL"])
    assert annotation["target"]["source"] == ARTICLE_IRI


def test_iris_with_spaces_are_percent_encoded_and_relative_ones_refused() -> None:
    annotation = annotation_w3c(**ANNOTATION_CASES["source URL needing percent-encoding"])
    assert annotation["body"][-1]["source"] == "https://example.org/a%20report%20%7Bdraft%7D.pdf"
    with pytest.raises(ValueError, match="absolute IRI"):
        annotation_w3c(**highlight(TEXT, "in March", id="/annotations/42"))
    with pytest.raises(ValueError, match="absolute IRI"):
        annotation_w3c(**highlight(TEXT, "in March", sources=[{"url": "stats.example/x"}]))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"source_url": "", "article_iri": ""}, "URL or IRI"),
        ({"start": 5, "end": 5}, "start < end"),
        ({"start": -1}, "start < end"),
        ({"exact": ""}, "exact"),
        ({"kind": "rumour"}, "kind"),
        ({"verdict_name": ""}, "name"),
        ({"sources": [{"url": "https://a.example", "stance": "disputes"}]}, "stance"),
        ({"created": dt.datetime(2026, 11, 25, 9, 0)}, "timezone"),  # noqa: DTZ001
    ],
)
def test_annotation_refuses_input_that_would_not_be_valid(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        annotation_w3c(**highlight(TEXT, "in March") | overrides)


def test_verdict_has_the_desk_as_organization_and_its_claim_claimant_and_corrections() -> None:
    verdict = verdict_w3c(**VERDICT_CASES["full verdict"])
    assert verdict["motivation"] == "assessing"
    assert verdict["creator"] == {
        "id": "https://desk.example/",
        "type": "Organization",
        "name": "The Desk",
    }
    assert verdict["target"]["source"] == ARTICLE
    labelled = {
        body.get("label"): body for body in verdict["body"] if body["type"] == "TextualBody"
    }
    assert labelled["Claim reviewed"]["purpose"] == "describing"
    assert labelled["Claim reviewed"]["value"] == "Unemployment fell to 4.2% in March"
    assert labelled["Claimant"]["value"] == "The minister"
    assert labelled["Correction"] == {
        "type": "TextualBody",
        "purpose": "commenting",
        "label": "Correction",
        "value": "An earlier version gave the wrong month.",
        "format": "text/plain",
        "created": "2026-11-26T09:00:00Z",
    }
    assessing = [b for b in verdict["body"] if b["purpose"] == "assessing"]
    assert [(b["type"], b["value"], "label" in b) for b in assessing] == [
        ("TextualBody", "Mostly false", False)
    ]
    assert [b for b in verdict["body"] if b["purpose"] == "commenting" and "label" not in b] == [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "The official rate was 4.9%.",
            "format": "text/plain",
        }
    ]


def test_verdict_without_url_targets_the_article_iri() -> None:
    assert verdict_w3c(**VERDICT_CASES["article without URL"])["target"]["source"] == ARTICLE_IRI


def test_verdict_refuses_an_empty_claim_or_correction_note() -> None:
    with pytest.raises(ValueError, match="claim"):
        verdict_w3c(**verdict_arguments(claim_reviewed=""))
    with pytest.raises(ValueError, match="note"):
        verdict_w3c(**verdict_arguments(corrections=[{"note": ""}]))


def test_xsd_datetime_is_utc_with_z_and_keeps_fractions() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    assert xsd_datetime(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=paris)) == "2026-01-02T02:04:05Z"
    assert xsd_datetime(dt.datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=dt.UTC)) == (
        "2026-01-02T03:04:05.120000Z"
    )
    assert xsd_datetime("2026-01-02T03:04:05+02:00") == "2026-01-02T01:04:05Z"


def test_media_type_names_the_annotation_profile() -> None:
    assert MEDIA_TYPE == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


# --- property tests ---------------------------------------------------------------------------

CONTEXT_LENGTH = 32


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(min_size=1, max_size=200))
    start = draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = draw(st.integers(min_value=start + 1, max_value=len(text)))
    return text, start, end


def annotation_for_span(text: str, start: int, end: int, **overrides: Any) -> dict[str, Any]:
    return annotation_w3c(
        **highlight(TEXT, "in March")
        | {
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_LENGTH) : start],
            "suffix": text[end : end + CONTEXT_LENGTH],
            "start": start,
            "end": end,
        }
        | overrides
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    span=texts_and_spans(),
    rationale=st.text(max_size=50),
    speaker=st.text(max_size=20),
    kind=st.sampled_from(["claim", "quote"]),
)
def test_any_text_and_span_gives_an_annotation_passing_every_must_assertion(
    span: tuple[str, int, int], rationale: str, speaker: str, kind: str
) -> None:
    text, start, end = span
    annotation = annotation_for_span(
        text, start, end, rationale=rationale, speaker=speaker, kind=kind
    )
    assert must_failures(run_test_on_text(ANNOTATION_MUSTS, json.dumps(annotation))) == []


@settings(max_examples=300, deadline=None)
@given(span=texts_and_spans())
def test_text_position_selector_round_trips_start_and_end(span: tuple[str, int, int]) -> None:
    text, start, end = span
    annotation = json.loads(json.dumps(annotation_for_span(text, start, end)))
    quote, position = annotation["target"]["selector"]
    assert (position["start"], position["end"]) == (start, end)
    assert text[position["start"] : position["end"]] == quote["exact"] == text[start:end]
    assert quote.get("prefix", "") + quote["exact"] + quote.get("suffix", "") in text
