"""The ClaimReview the desk serves, as current consumers read it: the feed, the DataFeed and
the Fact Check Tools export, checked against schema.org (tests/schemaorg_check.py) and
Google's required and recommended properties."""

from __future__ import annotations

import datetime

import pytest

from annotations.models import Claim, ClaimantType, ClaimLink, KnownClaimant, Verdict
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    published_verdict,
    unit_on_new_article,
)
from tests.schemaorg_check import google_missing, violations

pytestmark = pytest.mark.django_db

FEED = "/api/v1/verdicts/claimreview/"
DATAFEED = "/api/v1/verdicts/claimreview/datafeed/"
FACTCHECKTOOLS = "/api/v1/verdicts/factchecktools/"


def same_claim(*verdicts) -> None:
    """Link the verdicts' units "same" to one claim, in order (their claim's appearances)."""
    editor = EditorFactory()
    claim = Claim.objects.create(text="Unemployment has doubled", created_by=editor)
    start = datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)
    for minutes, item in enumerate(verdicts):
        ClaimLink.objects.create(
            unit=item.unit,
            claim=claim,
            relation="same",
            linked_by=editor,
            linked_at=start + datetime.timedelta(minutes=minutes),
        )


def reviews(api_as) -> list[dict]:
    return api_as(None).get(FEED).json()["@graph"]


def test_appearances_carry_headline_publisher_and_date_and_the_first_is_the_earliest(api_as):
    checked = published_verdict(
        ArticleFactory(
            title="Jobs figures",
            publisher="The Daily Example",
            published_on=datetime.date(2026, 11, 24),
            source_url="https://daily.example/jobs",
        )
    )
    earlier = published_verdict(
        ArticleFactory(
            title="Interview",
            publisher="Radio Example",
            published_on=datetime.date(2026, 11, 2),
            source_url="https://radio.example/interview",
        )
    )
    same_claim(checked, earlier)

    review = next(r for r in reviews(api_as) if r["url"].endswith(f"/{checked.pk}/"))

    claim = review["itemReviewed"]
    assert claim["appearance"] == [
        {
            "@type": "CreativeWork",
            "url": "https://daily.example/jobs",
            "headline": "Jobs figures",
            "publisher": {"@type": "Organization", "name": "The Daily Example"},
            "datePublished": "2026-11-24",
        },
        {
            "@type": "CreativeWork",
            "url": "https://radio.example/interview",
            "headline": "Interview",
            "publisher": {"@type": "Organization", "name": "Radio Example"},
            "datePublished": "2026-11-02",
        },
    ]
    assert claim["firstAppearance"]["url"] == "https://radio.example/interview"


def test_an_unlinked_verdicts_own_article_is_its_appearance_and_first_appearance(api_as):
    published_verdict(ArticleFactory(title="Jobs", source_url="https://daily.example/jobs"))

    claim = reviews(api_as)[0]["itemReviewed"]

    assert claim["appearance"]["headline"] == "Jobs"
    assert claim["firstAppearance"]["url"] == "https://daily.example/jobs"


def test_date_published_is_the_day_of_first_publication_in_the_desks_time_zone(api_as, settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    published_verdict(published_at=datetime.datetime(2026, 11, 25, 20, 0, tzinfo=datetime.UTC))

    assert reviews(api_as)[0]["datePublished"] == "2026-11-26"


def test_language_and_rating_explanation_come_from_the_article_and_the_verdict(api_as):
    published_verdict(ArticleFactory(language="fr"), explanation="Le taux a augmenté de 12 %.")

    review = reviews(api_as)[0]

    assert review["inLanguage"] == "fr"
    assert review["reviewRating"]["ratingExplanation"] == "Le taux a augmenté de 12 %."


def test_the_claimant_is_typed_by_the_editor_else_by_the_desks_list_else_a_person(api_as):
    KnownClaimant.objects.create(name="Ministry of Labour", kind=ClaimantType.ORGANIZATION)
    listed = published_verdict(claimant="MINISTRY OF LABOUR")
    chosen = published_verdict(claimant="Ministry of Labour", claimant_type=ClaimantType.PERSON)
    unknown = published_verdict(claimant="Jane Doe")

    types = {r["url"]: r["itemReviewed"]["author"]["@type"] for r in reviews(api_as)}

    def type_of(item) -> str:
        return next(t for url, t in types.items() if url.endswith(f"/verdicts/{item.pk}/"))

    assert type_of(listed) == "Organization"
    assert type_of(chosen) == "Person"
    assert type_of(unknown) == "Person"


def test_every_review_in_the_feed_is_valid_schema_org_with_googles_properties(api_as):
    a = published_verdict(ArticleFactory(published_on=datetime.date(2026, 11, 20)))
    b = published_verdict(ArticleFactory(published_on=None))
    same_claim(a, b)
    published_verdict(label="unverifiable", claimant="", explanation="")

    feed = api_as(None).get(FEED).json()

    assert violations(feed) == []
    for review in feed["@graph"]:
        assert google_missing(review)["required"] == []
    assert google_missing(feed["@graph"][0]) == {"required": [], "recommended": []}


@pytest.mark.parametrize(
    "accept",
    [
        "application/ld+json",
        "application/json",
        "*/*",
        'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"',
    ],
)
def test_the_data_feed_is_schema_org_json_ld(api_as, accept):
    first, second = published_verdict(), published_verdict()

    response = api_as(None).get(DATAFEED, HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    feed = response.json()
    assert feed["@type"] == "DataFeed"
    assert feed["url"].endswith(DATAFEED)
    assert violations(feed) == []
    items = [element["item"] for element in feed["dataFeedElement"]]
    assert [item["url"].rsplit("/", 2)[-2] for item in items] == [str(first.pk), str(second.pk)]
    second.refresh_from_db()
    assert feed["dateModified"] == second.updated_at.isoformat().replace("+00:00", "Z")


def test_the_data_feed_holds_published_verdicts_only(api_as):
    published_verdict(claim_reviewed="Out there")
    draft = published_verdict(claim_reviewed="A draft")
    draft.is_published = False
    draft.save()

    text = api_as(None).get(DATAFEED).content.decode()

    assert "Out there" in text
    assert "A draft" not in text


def test_the_fact_check_tools_export_has_one_markup_page_per_verdict(api_as, settings):
    settings.DESK_LOGO_URL = "https://desk.example/logo.png"
    KnownClaimant.objects.create(name="The opposition", kind=ClaimantType.ORGANIZATION)
    item = published_verdict(ArticleFactory(published_on=datetime.date(2026, 11, 20)))

    response = api_as(None).get(FACTCHECKTOOLS)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    [page] = response.json()["claimReviewMarkupPages"]
    assert page["pageUrl"].endswith(f"/verdicts/{item.pk}/")
    assert page["publishDate"] == "2026-11-25"
    assert page["claimReviewAuthor"]["imageUrl"] == "https://desk.example/logo.png"
    [markup] = page["claimReviewMarkups"]
    assert markup["url"] == page["pageUrl"]
    assert markup["claimReviewed"] == "Unemployment has doubled since 2020"
    assert markup["claimDate"] == "2026-11-20"
    assert markup["claimAuthor"] == {"name": "The opposition"}
    assert markup["claimFirstAppearance"] == item.unit.article.source_url
    assert "claimAppearances" not in markup  # none but the first
    assert markup["rating"] == {
        "textualRating": "Mostly false",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": "It rose by 12%.",
    }
    assert not {"name", "versionId"} & set(page)  # the API's output, never written


@pytest.mark.parametrize("endpoint", [DATAFEED, FACTCHECKTOOLS])
@pytest.mark.parametrize(
    "query", ["page_size=0", "page_size=x", "cursor=nonsense", "uri=https://x.example/"]
)
def test_bad_query_parameters_are_a_400(api_as, endpoint, query):
    response = api_as(None).get(f"{endpoint}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("endpoint", [DATAFEED, FACTCHECKTOOLS])
def test_writes_are_refused(api_as, endpoint):
    assert api_as(EditorFactory()).post(endpoint, {}, format="json").status_code == 405


def _decide(client, unit, **fields):
    payload = {
        "version": unit.version,
        "label": "false",
        "claim_reviewed": "Crime halved",
        "claimant": "City Hall",
    }
    return client.post(f"/api/v1/units/{unit.pk}/decide/", payload | fields, format="json")


def test_the_editor_types_the_claimant_when_deciding_and_correcting(api_as, editor):
    unit = unit_on_new_article()
    client = api_as(editor)

    decided = _decide(client, unit, claimant_type="Organization")

    assert decided.status_code == 200, decided.content
    verdict_id = decided.json()["verdict"]["id"]
    assert Verdict.objects.get(pk=verdict_id).claimant_type == "Organization"
    unit.refresh_from_db()
    client.post(f"/api/v1/verdicts/{verdict_id}/publish/", {"version": unit.version}, format="json")
    unit.refresh_from_db()
    corrected = client.post(
        f"/api/v1/verdicts/{verdict_id}/correct/",
        {
            "version": unit.version,
            "note": "The claimant is the mayor herself.",
            "label": "false",
            "claim_reviewed": "Crime halved",
            "claimant": "The mayor",
            "claimant_type": "Person",
        },
        format="json",
    )
    assert corrected.status_code == 200, corrected.content
    assert Verdict.objects.get(pk=verdict_id).claimant_type == "Person"
    [review] = reviews(api_as)
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "The mayor"}


@pytest.mark.parametrize("bad", ["Robot", 7, ["Person"], None])
def test_a_claimant_type_that_is_neither_is_a_400(api_as, editor, bad):
    response = _decide(api_as(editor), unit_on_new_article(), claimant_type=bad)

    assert response.status_code == 400
    assert "claimant_type" in response.json()


def test_the_decision_page_offers_the_claimant_type(client, editor):
    unit = unit_on_new_article()
    client.force_login(editor)

    page = client.get(f"/review/units/{unit.pk}/").content.decode()

    assert 'name="claimant_type"' in page
    assert "Organization" in page
