"""The public verdict page: the rating as a badge with its place on the scale, the claim and
who made it, where it appeared, the explanation, sources, corrections and dates, and the tags
crawlers and platforms read. No login."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client

from annotations.models import ClaimLink, ClaimUnit, Correction, Verdict
from tests.factories import (
    ArticleFactory,
    claim_stored,
    published_verdict,
    unit_decided_and_published,
    unit_on_new_article,
    verdict,
)

pytestmark = pytest.mark.django_db


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reader_without_an_account_sees_the_rating_as_a_badge_with_its_place(client: Client):
    published = published_verdict(label="mostly-false")

    html = html_of(client, f"/verdicts/{published.pk}/")

    badge = re.search(r'class="verdict-chip rating-badge rating-badge--large" href="([^"]+)"', html)
    assert badge is not None and badge.group(1) == "/scale/#mostly-false"
    assert re.search(r'rating-badge__name">Mostly false<', html)
    assert "2 of 5 on the scale, 5 the most accurate" in html
    assert re.search(r'is-current" aria-current="true"><a href="/scale/#mostly-false"', html)


@pytest.mark.parametrize("slug", ["true", "mostly-false", "false"])
def test_the_badges_number_runs_the_way_the_claimreview_rating_does(client: Client, slug: str):
    # "False 5/5" read as a top score beside a ratingValue of 1: one direction for both.
    published = published_verdict(label=slug)

    html = html_of(client, f"/verdicts/{published.pk}/")

    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert embedded is not None
    rating = json.loads(embedded.group(1))["reviewRating"]
    badge = re.search(r'rating-badge__place"><span class="visually-hidden">, </span>([^<]+)<', html)
    assert badge is not None
    assert badge.group(1) == f"{rating['ratingValue']}/{rating['bestRating']}"


def test_the_page_shows_the_claim_claimant_passage_explanation_and_article(client: Client):
    article = ArticleFactory(
        title="Jobs in the city",
        publisher="The Daily Example",
        published_on=datetime.date(2026, 3, 2),
    )
    published = published_verdict(article, claimant="The opposition", explanation="It rose by 12%.")

    html = html_of(client, f"/verdicts/{published.pk}/")

    assert (
        '<h1 class="verdict-public__claim" dir="auto" lang="en">'
        "Unemployment has doubled since 2020</h1>" in html
    )
    assert 'verdict-public__claimant" dir="auto">The opposition<' in html
    assert "“Critics say unemployment has doubled since 2020.”" in html
    assert "<p>It rose by 12%.</p>" in html
    assert f'href="{article.source_url}" rel="noopener noreferrer">Jobs in the city</a>' in html
    assert '<bdi>The Daily Example</bdi> · <time datetime="2026-03-02">2 Mar 2026</time>' in html
    assert f'href="/verdicts/articles/{article.pk}/"' in html


def unit_linked(claim, relation: str, editor, **article: object) -> ClaimUnit:
    """A unit in a new article, linked to `claim`."""
    elsewhere = ArticleFactory(**article)
    unit = ClaimUnit.objects.create(
        article=elsewhere, revision=elsewhere.revisions.get(), kind="claim", start=0, end=10
    )
    ClaimLink.objects.create(unit=unit, claim=claim, relation=relation, linked_by=editor)
    return unit


def test_the_claim_memorys_other_appearances_are_listed_after_the_verdicts_own_article(
    client: Client, editor
):
    published = published_verdict()
    claim = claim_stored("Unemployment has doubled since 2020")
    ClaimLink.objects.create(unit=published.unit, claim=claim, relation="same", linked_by=editor)
    unit_linked(claim, "same", editor, title="Doubling, again", publisher="The Weekly Echo")
    unit_linked(claim, "related", editor, title="Only related")

    html = html_of(client, f"/verdicts/{published.pk}/")

    appearances = re.findall(
        r'class="appearance__headline" dir="auto">'
        r'<a href="[^"]+" rel="noopener noreferrer">([^<]+)<',
        html,
    )
    assert appearances == [published.unit.article.title, "Doubling, again"]
    assert "The Weekly Echo" in html
    assert "Only related" not in html


def test_corrections_are_listed_with_their_dates_and_the_page_says_when_it_was_updated(
    client: Client,
):
    published = published_verdict()
    corrected_on = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
    Correction.objects.create(
        verdict=published, note="We misread the table.", previous={}, created=corrected_on
    )

    html = html_of(client, f"/verdicts/{published.pk}/")

    assert (
        '<time datetime="2026-11-27T10:00:00+00:00">27 November 2026</time>: '
        "<bdi>We misread the table.</bdi>" in html
    )
    assert 'verdict-public__updated"><time datetime="2026-11-27T10:00:00+00:00">' in html


def corrected(published, editor, slug: str, note: str) -> None:
    from annotations.services.adjudication import VerdictInput, verdict_correct

    unit = ClaimUnit.objects.get(pk=published.unit_id)
    verdict_correct(
        verdict=Verdict.objects.get(pk=published.pk),
        editor=editor,
        seen_version=unit.version,
        note=note,
        changes=VerdictInput(label=verdict(slug), claim_reviewed=published.claim_reviewed),
    )


def test_a_correction_that_changed_the_rating_says_from_what_to_what(client: Client, editor):
    published = unit_decided_and_published(unit_on_new_article(), editor)  # False
    corrected(published, editor, "mostly-false", "The figure was 2,100.")
    corrected(published, editor, "mostly-false", "A typo in the claimant's name.")

    html = html_of(client, f"/verdicts/{published.pk}/")

    entries = re.findall(r"<li><time[^>]*>[^<]*</time>: (.*?)</li>", html, re.S)
    assert entries == [
        '<bdi>The figure was 2,100.</bdi> <span class="verdict-public__rating-change">'
        "Rating changed from <bdi>False</bdi> to <bdi>Mostly false</bdi>.</span>",
        "<bdi>A typo in the claimant&#x27;s name.</bdi>",
    ]


def test_a_verdict_never_changed_since_publication_shows_no_updated_date(client: Client):
    published = published_verdict()

    html = html_of(client, f"/verdicts/{published.pk}/")

    assert "verdict-public__updated" not in html


def test_the_page_has_a_canonical_link_and_open_graph_and_twitter_card_tags(client: Client):
    published = published_verdict(explanation="It rose by 12%, not 100%.")
    url = f"http://testserver/verdicts/{published.pk}/"

    html = html_of(client, f"/verdicts/{published.pk}/?utm_source=feed")

    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="Mostly false: Unemployment has doubled since 2020">'
        in html
    )
    assert '<meta property="og:description" content="It rose by 12%, not 100%.">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert (
        '<meta name="twitter:title" content="Mostly false: Unemployment has doubled since 2020">'
        in html
    )


def test_the_claimreview_json_ld_stays_on_the_styled_page(client: Client):
    published = published_verdict()

    html = html_of(client, f"/verdicts/{published.pk}/")

    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert embedded is not None
    assert json.loads(embedded.group(1))["reviewRating"]["alternateName"] == "Mostly false"
    assert "<script>" not in html and 'type="module"' not in html  # no inline script


def test_the_page_reads_a_fixed_number_of_queries_whatever_its_corrections_and_appearances(
    client: Client, editor, django_assert_max_num_queries
):
    published = published_verdict()
    for day in range(1, 6):
        Correction.objects.create(verdict=published, note=f"Fix {day}.", previous={})
    claim = claim_stored("Unemployment has doubled since 2020")
    ClaimLink.objects.create(unit=published.unit, claim=claim, relation="same", linked_by=editor)
    for _ in range(5):
        unit_linked(claim, "same", editor)

    # 13: the scale's labels and the verdict's own label each with their names in the other
    # languages (the page's and the ClaimReview's), one query each.
    with django_assert_max_num_queries(13):
        html_of(client, f"/verdicts/{published.pk}/")


def test_a_claim_stored_in_lower_case_is_titled_with_a_capital(client: Client):
    published = published_verdict(claim_reviewed="unemployment has doubled since 2020")

    html = html_of(client, f"/verdicts/{published.pk}/")
    index = html_of(client, "/verdicts/")
    feed = html_of(client, "/verdicts/feed.atom")

    assert ">Unemployment has doubled since 2020</h1>" in html
    assert "<title>Mostly false: Unemployment has doubled since 2020" in html
    assert ">Unemployment has doubled since 2020</a></h2>" in index
    assert "<title>Mostly false: Unemployment has doubled since 2020</title>" in feed
    published.refresh_from_db()
    assert published.claim_reviewed == "unemployment has doubled since 2020"  # as stored
