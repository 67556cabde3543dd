"""ClaimReview as current consumers read it (core.formats.claimreview, .factchecktools):
dates, typed claimants, appearances with their metadata, language, the rating's
explanation, the DataFeed, and Google's Fact Check Tools markup; checked against schema.org
(tests/schemaorg_check.py) and Google's required and recommended properties."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.core.formats.claimreview import (
    EXPLANATION_MAX,
    Appearance,
    claim_review,
    claim_review_data_feed,
    explanation_short,
    first_appearance,
)
from annotations.core.formats.factchecktools import claim_review_markup_page
from tests.schemaorg_check import google_missing, violations

REPO = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
CHECKED = Appearance(
    "https://news.example/2026/11/unemployment",
    "Unemployment: what the figures say",
    "The Daily Example",
    dt.date(2026, 11, 24),
)
EARLIER = Appearance(
    "https://radio.example/interview", "Morning interview", "Radio Example", dt.date(2026, 11, 2)
)
UNDATED = Appearance("https://blog.example/post")


def full_review(**overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "url": "https://desk.example/verdicts/7/",
        "claim_reviewed": "Unemployment has doubled since 2020",
        "rating_value": 2,
        "best_rating": 5,
        "worst_rating": 1,
        "alternate_name": "Mostly false",
        "author_name": "The Desk",
        "author_url": "https://desk.example/verdicts/",
        "date_published": dt.date(2026, 11, 25),
        "claimant": "Ministry of Labour",
        "claimant_type": "Organization",
        "appearances": [CHECKED, EARLIER, UNDATED],
        "claim_date": dt.date(2026, 11, 24),
        "date_modified": T0,
        "corrections": [{"note": "The month was wrong.", "created": T0}],
        "citations": [
            {
                "url": "https://stats.example/lfs",
                "title": "Labour force survey",
                "archived_url": "https://desk.example/sources/3/archive/",
            }
        ],
        "language": "en-GB",
        "explanation": "It rose by 12%.\n\nThe official series shows no doubling.",
    }
    return claim_review(**(arguments | overrides))


def test_a_full_review_uses_only_schema_org_properties_of_the_expected_types():
    assert violations(full_review()) == []


def test_a_full_review_has_googles_required_and_recommended_properties():
    assert google_missing(full_review()) == {"required": [], "recommended": []}


def test_the_checker_catches_what_it_is_there_to_catch():
    review = full_review()
    review["itemReviewed"]["appearance"][0]["publisher"] = "The Daily Example"
    review["reviewRating"]["ratingExplnation"] = "typo"
    review["datePublished"] = "25/11/2026"
    review["itemReviewed"]["author"]["@type"] = "Rating"

    found = "\n".join(violations(review))

    assert "publisher: 'The Daily Example' is none of" in found
    assert "ratingExplnation: no such schema.org property" in found
    assert "datePublished: '25/11/2026'" in found
    assert "author: a Rating where" in found
    assert google_missing({"@type": "ClaimReview"})["required"] == [
        "claimReviewed",
        "reviewRating",
        "url",
        "reviewRating.alternateName",
    ]


def test_date_published_is_the_day():
    assert full_review()["datePublished"] == "2026-11-25"


def test_each_appearance_carries_its_headline_publisher_and_date():
    claim = full_review()["itemReviewed"]

    assert claim["appearance"][0] == {
        "@type": "CreativeWork",
        "url": CHECKED.url,
        "headline": "Unemployment: what the figures say",
        "publisher": {"@type": "Organization", "name": "The Daily Example"},
        "datePublished": "2026-11-24",
    }
    assert claim["appearance"][2] == {"@type": "CreativeWork", "url": UNDATED.url}


def test_the_first_appearance_is_the_earliest_published():
    claim = full_review()["itemReviewed"]

    assert claim["firstAppearance"]["url"] == EARLIER.url
    assert claim["firstAppearance"]["datePublished"] == "2026-11-02"


def test_without_dates_the_first_appearance_is_the_first_listed():
    assert first_appearance([UNDATED, Appearance("https://b.example/")]) == UNDATED
    assert first_appearance([]) is None


def test_the_claimant_is_typed_as_given():
    assert full_review()["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry of Labour",
    }
    person = full_review(claimant="Jane Doe", claimant_type="Person")
    assert person["itemReviewed"]["author"]["@type"] == "Person"


def test_language_and_explanation_are_given_and_left_out_when_empty():
    review = full_review()
    assert review["inLanguage"] == "en-GB"
    assert review["reviewRating"]["ratingExplanation"] == (
        "It rose by 12%. The official series shows no doubling."
    )
    bare = full_review(language="", explanation="  ")
    assert "inLanguage" not in bare
    assert "ratingExplanation" not in bare["reviewRating"]


def test_a_long_explanation_keeps_the_whole_sentences_that_fit():
    sentence = "The series rose by twelve percent over the period in question. "
    short = explanation_short(sentence * 10)

    assert len(short) <= EXPLANATION_MAX
    assert short.endswith("question.")
    assert short.count("question.") == EXPLANATION_MAX // len(sentence)


def test_one_endless_sentence_is_cut_at_a_word_with_an_ellipsis():
    short = explanation_short("word " * 200)

    assert len(short) <= EXPLANATION_MAX
    assert short.endswith("word…")


@given(st.text(max_size=2000))
def test_any_explanation_is_short_plain_and_a_prefix_of_the_words(text):
    short = explanation_short(text)
    assert len(short) <= EXPLANATION_MAX
    assert "\n" not in short
    assert " ".join(text.split()).startswith(short.removesuffix("…").rstrip(" ,;:-"))


def test_the_data_feed_wraps_each_review_with_its_change_date():
    first, second = full_review(), full_review(date_modified=None, url="https://desk.example/v/8/")

    feed = claim_review_data_feed(
        [first, second], url="https://desk.example/feed", name="The Desk", date_modified=T0
    )

    assert feed["@type"] == "DataFeed"
    assert feed["dateModified"] == "2026-11-25T09:30:00Z"
    assert [element["dateModified"] for element in feed["dataFeedElement"]] == [
        "2026-11-25T09:30:00Z",
        "2026-11-25",
    ]
    assert feed["dataFeedElement"][0]["item"] == {k: v for k, v in first.items() if k != "@context"}
    assert "@context" in first  # the items given are not changed
    assert violations(feed) == []


def test_an_empty_data_feed_is_still_a_valid_data_feed():
    feed = claim_review_data_feed([], url="https://desk.example/feed", name="D", date_modified=None)
    assert feed["dataFeedElement"] == []
    assert "dateModified" not in feed
    assert violations(feed) == []


def test_the_fact_check_tools_markup_page_maps_every_field():
    page = claim_review_markup_page(
        full_review(),
        author_image_url="https://desk.example/logo.png",
        claimant_job_title="Ministry",
    )

    assert page == {
        "pageUrl": "https://desk.example/verdicts/7/",
        "publishDate": "2026-11-25",
        "claimReviewAuthor": {"name": "The Desk", "imageUrl": "https://desk.example/logo.png"},
        "claimReviewMarkups": [
            {
                "claimReviewed": "Unemployment has doubled since 2020",
                "claimDate": "2026-11-24",
                "claimAuthor": {"name": "Ministry of Labour", "jobTitle": "Ministry"},
                "claimFirstAppearance": EARLIER.url,
                "claimAppearances": [CHECKED.url, UNDATED.url],
                "rating": {
                    "textualRating": "Mostly false",
                    "ratingValue": 2,
                    "bestRating": 5,
                    "worstRating": 1,
                    "ratingExplanation": "It rose by 12%. The official series shows no doubling.",
                },
                "url": "https://desk.example/verdicts/7/",
            }
        ],
    }


def test_a_label_off_the_scale_is_only_its_text_in_the_markup():
    review = full_review(rating_value=None, alternate_name="Unverifiable", claimant="")
    markup = claim_review_markup_page(review)["claimReviewMarkups"][0]

    assert markup["rating"] == {
        "textualRating": "Unverifiable",
        "ratingExplanation": "It rose by 12%. The official series shows no doubling.",
    }
    assert "claimAuthor" not in markup


def test_the_markup_refuses_a_review_without_what_the_api_requires():
    with pytest.raises(ValueError, match="claimReviewed"):
        claim_review_markup_page({"url": "https://desk.example/v/1/"})


@pytest.mark.parametrize("module", ["claimreview", "factchecktools"])
def test_the_formatters_import_without_django(module):
    code = f"import sys, annotations.core.formats.{module}; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False).returncode == 0
