"""Inputs of the desk's W3C annotations and verdicts, shared by the tests of
annotations.core.formats.w3c (test_w3c_annotations.py, test_w3c_collections.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
ARTICLE = "https://news.example/2026/11/unemployment"
ARTICLE_IRI = "https://desk.example/articles/17"
LABEL_IRI = "https://desk.example/labels/mostly-false"
REFUTING = {
    "url": "https://stats.example/release/2026-10",
    "title": "Labour market, October",
    "stance": "refutes",
}
SUPPORTING = {"url": "https://archive.example/a?b=1&c=2#p3", "title": "", "stance": "supports"}
CONTEXT_SOURCE = {
    "url": "https://example.org/background",
    "title": "Background",
    "stance": "context",
}


def highlight(text: str, exact: str, **overrides: Any) -> dict[str, Any]:
    """annotation_w3c arguments for the first occurrence of `exact` in `text`."""
    start = text.index(exact)
    end = start + len(exact)
    arguments: dict[str, Any] = {
        "id": "https://desk.example/annotations/42",
        "creator_id": "https://desk.example/reviewers/7",
        "creator_name": "Ana Reviewer",
        "created": T0,
        "modified": T0 + dt.timedelta(hours=2),
        "source_url": ARTICLE,
        "exact": exact,
        "prefix": text[max(0, start - 32) : start],
        "suffix": text[end : end + 32],
        "start": start,
        "end": end,
        "verdict_slug": "mostly-false",
        "verdict_name": "Mostly false",
        "verdict_iri": LABEL_IRI,
        "rationale": "The statistics office puts it at 4.9 percent.",
        "sources": [REFUTING],
    }
    return arguments | overrides


TEXT = (
    "The minister said on Tuesday that unemployment fell to 4.2 percent in March, "
    "the lowest level in a decade. \u201cWe have never done better,\u201d she said."
)
EMOJI_TEXT = "Crowds 👍🏽 cheered: 𝔗𝔥𝔢 𝔢𝔠𝔬𝔫𝔬𝔪𝔶 🇫🇷 grew 3 % — e\u0301norme, said the 👩‍👩‍👧 family."
LONG_TEXT = "Start. " + "The claim repeats itself at length. " * 3000 + "End."

ANNOTATION_CASES = {
    "claim with a refuting source": highlight(TEXT, "unemployment fell to 4.2 percent in March"),
    "quote with its speaker": highlight(
        TEXT, "We have never done better,", kind="quote", speaker="The minister"
    ),
    "no sources": highlight(TEXT, "the lowest level in a decade", sources=[]),
    "several sources of every stance": highlight(
        TEXT, "fell to 4.2", sources=[REFUTING, SUPPORTING, CONTEXT_SOURCE]
    ),
    "empty rationale": highlight(TEXT, "4.2 percent", rationale=""),
    "astral characters and emoji in the quote": highlight(EMOJI_TEXT, "𝔗𝔥𝔢 𝔢𝔠𝔬𝔫𝔬𝔪𝔶 🇫🇷 grew"),
    "emoji sequences at both ends": highlight(EMOJI_TEXT, "👍🏽 cheered: 𝔗𝔥𝔢"),
    "combining accent and ZWJ family": highlight(EMOJI_TEXT, "e\u0301norme, said the 👩‍👩‍👧"),
    "very long quote and rationale": highlight(
        LONG_TEXT, LONG_TEXT[7:-4], rationale="Long. " * 5000
    ),
    "no prefix (start of text)": highlight(TEXT, "The minister said"),
    "no suffix (end of text)": highlight(TEXT, "she said."),
    "right-to-left text": highlight(
        "قال الوزير إن البطالة انخفضت إلى 4.2 في المئة.", "البطالة انخفضت"
    ),
    "article IRI when the article has no URL": highlight(
        TEXT, "in March", source_url="", article_iri=ARTICLE_IRI
    ),
    "source URL needing percent-encoding": highlight(
        TEXT,
        "in March",
        sources=[
            {"url": "https://example.org/a report {draft}.pdf", "title": "", "stance": "context"}
        ],
    ),
    "markup-like text stays text": highlight(
        "He wrote <script>alert('x')</script> & left.", "<script>alert('x')</script> &"
    ),
    "speaker on a claim": highlight(TEXT, "in March", speaker="Statistics office"),
}


def verdict_arguments(**overrides: Any) -> dict[str, Any]:
    text_start = TEXT.index("unemployment fell")
    exact = "unemployment fell to 4.2 percent in March"
    arguments: dict[str, Any] = {
        "id": "https://desk.example/verdicts/9",
        "creator_id": "https://desk.example/",
        "creator_name": "The Desk",
        "created": T0,
        "modified": T0 + dt.timedelta(days=1),
        "source_url": ARTICLE,
        "article_iri": ARTICLE_IRI,
        "exact": exact,
        "prefix": TEXT[text_start - 32 : text_start],
        "suffix": TEXT[text_start + len(exact) : text_start + len(exact) + 32],
        "start": text_start,
        "end": text_start + len(exact),
        "label_slug": "mostly-false",
        "label_name": "Mostly false",
        "label_iri": LABEL_IRI,
        "claim_reviewed": "Unemployment fell to 4.2% in March",
        "explanation": "The official rate was 4.9%.",
        "claimant": "The minister",
        "sources": [REFUTING, SUPPORTING],
        "corrections": [
            {
                "note": "An earlier version gave the wrong month.",
                "created": "2026-11-26T10:00:00+01:00",
            }
        ],
    }
    return arguments | overrides


VERDICT_CASES = {
    "full verdict": verdict_arguments(),
    "no explanation, claimant, corrections or sources": verdict_arguments(
        explanation="", claimant="", corrections=[], sources=[]
    ),
    "article without URL": verdict_arguments(source_url=""),
    "correction without a date": verdict_arguments(corrections=[{"note": "Typo fixed."}]),
    "several corrections with aware datetimes": verdict_arguments(
        corrections=[
            {"note": "First.", "created": T0 + dt.timedelta(days=2)},
            {"note": "Second.", "created": "2026-12-01T08:30:00Z"},
        ]
    ),
    "emoji claim": verdict_arguments(claim_reviewed="Prices 📈 tripled 𝔣𝔞𝔰𝔱", claimant="@user 🐦"),
}
