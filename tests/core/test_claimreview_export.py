"""annotations.core.formats.claimreview: schema.org ClaimReview, its feed and safe embedding."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.core.formats.claimreview import (
    SCHEMA_ORG,
    Appearance,
    claim_review,
    claim_review_feed,
    json_ld_script,
)

T0 = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
REPO = Path(__file__).resolve().parents[2]


def review_arguments(**overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "url": "https://desk.example/fact-checks/unemployment-march",
        "claim_reviewed": "Unemployment fell to 4.2% in March",
        "rating_value": 2,
        "best_rating": 5,
        "worst_rating": 1,
        "alternate_name": "Mostly false",
        "author_name": "The Desk",
        "author_url": "https://desk.example/",
        "date_published": dt.date(2026, 11, 25),
        "claimant": "The minister",
        "appearances": [Appearance("https://news.example/2026/11/unemployment")],
        "claim_date": dt.date(2026, 11, 24),
    }
    return arguments | overrides


def test_claim_review_has_the_required_and_recommended_fields() -> None:
    review = claim_review(**review_arguments())
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://desk.example/fact-checks/unemployment-march",
        "claimReviewed": "Unemployment fell to 4.2% in March",
        "author": {"@type": "Organization", "name": "The Desk", "url": "https://desk.example/"},
        "datePublished": "2026-11-25",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly false",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "The minister"},
            "appearance": {
                "@type": "CreativeWork",
                "url": "https://news.example/2026/11/unemployment",
            },
            "firstAppearance": {
                "@type": "CreativeWork",
                "url": "https://news.example/2026/11/unemployment",
            },
            "datePublished": "2026-11-24",
        },
    }


def test_formatter_module_imports_without_django() -> None:
    code = "import sys, annotations.core.formats.claimreview; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False).returncode == 0


def test_rating_numbers_are_json_numbers_and_texts_are_strings() -> None:
    review = json.loads(json.dumps(claim_review(**review_arguments())))
    rating = review["reviewRating"]
    assert all(type(rating[key]) is int for key in ("ratingValue", "bestRating", "worstRating"))
    assert isinstance(rating["alternateName"], str)
    assert isinstance(review["claimReviewed"], str)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])


def test_unverifiable_label_keeps_only_its_name() -> None:
    review = claim_review(**review_arguments(rating_value=None, alternate_name="Unverifiable"))
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_empty_claimant_appearance_and_claim_date_are_left_out() -> None:
    review = claim_review(**review_arguments(claimant="", appearances=[], claim_date=None))
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert "" not in strings(review)


def strings(value: Any) -> list[str]:
    """Every string in a JSON value, keys and values alike."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def test_empty_author_url_is_left_out_and_an_author_without_anything_too() -> None:
    assert claim_review(**review_arguments(author_url=""))["author"] == {
        "@type": "Organization",
        "name": "The Desk",
    }
    assert "author" not in claim_review(**review_arguments(author_name="", author_url=""))


def test_claimant_can_be_an_organization() -> None:
    review = claim_review(
        **review_arguments(claimant="Ministry of Labour", claimant_type="Organization")
    )
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry of Labour",
    }


def test_date_published_is_a_date_and_date_modified_a_utc_date_time() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    review = claim_review(
        **review_arguments(
            date_modified=dt.datetime(2026, 11, 25, 10, 30, tzinfo=paris),
        )
    )
    assert review["datePublished"] == "2026-11-25"
    assert review["dateModified"] == "2026-11-25T09:30:00Z"
    assert "dateModified" not in claim_review(**review_arguments())


def test_a_date_time_for_date_published_is_refused() -> None:
    with pytest.raises(ValueError, match="date"):
        claim_review(**review_arguments(date_published=T0))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        claim_review(**review_arguments(date_modified=dt.datetime(2026, 11, 25, 9, 30)))  # noqa: DTZ001


def test_corrections_become_correction_comments() -> None:
    review = claim_review(
        **review_arguments(
            corrections=[
                {"note": "The month was wrong.", "created": "2026-11-26T10:00:00+01:00"},
                {"note": "A link was fixed."},
            ]
        )
    )
    assert review["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The month was wrong.",
            "datePublished": "2026-11-26T09:00:00Z",
        },
        {"@type": "CorrectionComment", "text": "A link was fixed."},
    ]
    assert "correction" not in claim_review(**review_arguments())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rating_value": 6}, "outside"),
        ({"rating_value": 0}, "outside"),
        ({"best_rating": 1, "worst_rating": 1, "rating_value": 1}, "below"),
        ({"alternate_name": ""}, "alternateName"),
        ({"claim_reviewed": ""}, "claim"),
        ({"url": ""}, "URL"),
        ({"corrections": [{"note": ""}]}, "note"),
    ],
)
def test_claim_review_refuses_what_validators_would_reject(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        claim_review(**review_arguments(**overrides))


def test_feed_is_one_context_and_a_graph_of_reviews() -> None:
    first = claim_review(**review_arguments())
    second = claim_review(**review_arguments(rating_value=None, alternate_name="Unverifiable"))
    feed = claim_review_feed([first, second])
    assert list(feed) == ["@context", "@graph"]
    assert feed["@context"] == SCHEMA_ORG
    assert [item["@type"] for item in feed["@graph"]] == ["ClaimReview", "ClaimReview"]
    assert all("@context" not in item for item in feed["@graph"])
    assert feed["@graph"][0] == {key: value for key, value in first.items() if key != "@context"}
    assert claim_review_feed([]) == {"@context": SCHEMA_ORG, "@graph": []}


def test_feed_keeps_an_items_own_different_context() -> None:
    item = claim_review(**review_arguments()) | {"@context": ["https://schema.org", {"x": "y"}]}
    assert claim_review_feed([item])["@graph"][0]["@context"] == item["@context"]


def test_feed_does_not_change_the_items_it_is_given() -> None:
    item = claim_review(**review_arguments())
    claim_review_feed([item])
    assert item["@context"] == SCHEMA_ORG


# --- embedding in <script type="application/ld+json"> ----------------------------------------

BREAKOUT = "</script><script>alert(1)</script>"


class ScriptCollector(HTMLParser):
    """What a browser's tokenizer makes of a page: the scripts and their bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[list[tuple[str, str | None]], str]] = []
        self._open: list[tuple[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = attrs
            self.scripts.append((attrs, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def page_with(data: dict[str, Any]) -> str:
    return (
        "<!doctype html><html><head>"
        f'<script type="application/ld+json">{json_ld_script(data)}</script>'
        "</head><body><p>Fact check</p></body></html>"
    )


def test_a_claim_trying_to_close_the_script_stays_inside_it() -> None:
    review = claim_review(**review_arguments(claim_reviewed=BREAKOUT))
    text = json_ld_script(review)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text
    parser = ScriptCollector()
    parser.feed(page_with(review))
    assert len(parser.scripts) == 1
    attrs, body = parser.scripts[0]
    assert attrs == [("type", "application/ld+json")]
    # json.loads undoes the \u escapes: the claim comes back exactly as written.
    assert json.loads(body) == review
    assert json.loads(body)["claimReviewed"] == BREAKOUT


@pytest.mark.parametrize(
    "hostile",
    [
        BREAKOUT,
        "</SCRIPT >",
        "<!-- <script>",
        "a & b > c < d",
        "line\u2028separator\u2029paragraph",
        "\"quotes\" and \\backslashes\\ and 'apostrophes'",
        "emoji 🧪 and 𝔣𝔯𝔞𝔨𝔱𝔲𝔯",
    ],
)
def test_json_ld_script_round_trips_and_never_contains_markup(hostile: str) -> None:
    data = {"@context": SCHEMA_ORG, "claimReviewed": hostile, "nested": [{"text": hostile}]}
    text = json_ld_script(data)
    assert json.loads(text) == data
    assert not re.search(r"[<>&\u2028\u2029]", text)


def test_json_ld_script_keeps_non_ascii_text_readable() -> None:
    assert (
        json_ld_script({"claimReviewed": "Prix 📈 élevés"}) == '{"claimReviewed": "Prix 📈 élevés"}'
    )


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_value_survives_and_cannot_close_the_script(value: Any) -> None:
    text = json_ld_script({"value": value})
    assert json.loads(text) == {"value": value}
    assert "</" not in text.lower() and "<!--" not in text


def test_a_claim_seen_in_several_articles_lists_each_appearance_once() -> None:
    first, second = "https://news.example/a", "https://news.example/b"

    review = claim_review(
        **review_arguments(
            appearances=[Appearance(first), Appearance(""), Appearance(second), Appearance(first)]
        )
    )

    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": first},
        {"@type": "CreativeWork", "url": second},
    ]
