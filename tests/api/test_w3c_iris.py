"""Every IRI the desk's documents give resolves (issue 16, part 2): each annotation's and
verdict's `id` is that item as W3C JSON-LD, creators are Agents, and every other link to the
desk answers 200, under the same permission rules as the collections."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from annotations.core.formats.w3c import CONTEXT
from annotations.models import SourceCapture, Verdict
from annotations.services.reviews import review_submit
from tests.api.test_standards import published_verdict
from tests.factories import AnnotationFactory, ArticleFactory, SourceFactory
from tests.w3c_suite import ANNOTATION_MUSTS, must_failures, run_test

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def desk_iris(document: Any) -> set[str]:
    """Every IRI in `document` that points at the desk itself."""
    return {value for value in strings(document) if value.startswith(f"{ORIGIN}/")}


def scale_is_routed() -> bool:
    try:
        reverse("public-scale")
    except NoReverseMatch:
        return False
    return True


def assert_every_desk_iri_answers(user, document: Any) -> int:
    """GET each desk IRI in `document` as `user` (None: anonymous), pages and API alike: 200
    (following the home page's redirect to the login page for anonymous readers). The rating
    scale's anchors are the public site's; they are fetched only once it routes
    `public-scale`. Returns how many were fetched."""
    client = APIClient()
    if user is not None:
        client.force_login(user)  # a session: the pages do not read DRF's forced user
    fetched = 0
    for iri in sorted(desk_iris(document)):
        path = iri.removeprefix(ORIGIN)
        if urlsplit(path).path == "/scale/":
            assert urlsplit(path).fragment, iri
            if not scale_is_routed():
                continue
        response = client.get(path.split("#")[0], follow=True)
        assert response.status_code == 200, (iri, response.status_code)
        fetched += 1
    return fetched


@pytest.fixture
def captured_source():
    source = SourceFactory(url="https://stats.example/report", title="Report")
    SourceCapture.objects.create(url=source.url, status="captured", sha256="a" * 64)
    SourceCapture.objects.filter(url=source.url).update(captured_at="2026-11-20T08:30:00Z")
    return source


def assert_each_id_is_its_item(client, collection: str, count: int) -> None:
    """Each item of the collection's first page, fetched at its `id`, is that item as a W3C
    annotation of its own (the collection's @context added) passing every MUST."""
    items = client.get(collection).json()["first"]["items"]

    assert len(items) == count
    for item in items:
        single = client.get(item["id"].removeprefix(ORIGIN))
        assert single.status_code == 200
        assert single.json() == {"@context": CONTEXT, **item}
        assert must_failures(run_test(ANNOTATION_MUSTS, single.json())) == []


def test_each_annotation_id_is_that_annotation_as_w3c_json_ld(api_as, alice, article):
    for _ in range(3):
        AnnotationFactory(article=article, reviewer=alice, kind="quote", speaker="Ana")

    assert_each_id_is_its_item(api_as(alice), "/api/v1/annotations/w3c/", 3)


def test_each_verdict_id_is_that_verdict_as_w3c_json_ld(api_as):
    for _ in range(3):
        published_verdict()

    assert_each_id_is_its_item(api_as(None), "/api/v1/verdicts/w3c/", 3)


def test_an_annotation_the_caller_may_not_read_is_a_404_like_its_absence(api_as, alice, bob):
    article = ArticleFactory()
    hidden = AnnotationFactory(article=article, reviewer=bob)
    url = f"/api/v1/annotations/w3c/{hidden.pk}/"

    # Blind review: Alice has not submitted her own review of the article.
    assert api_as(alice).get(url).status_code == 404
    assert api_as(alice).get("/api/v1/annotations/w3c/99999/").status_code == 404
    assert api_as(None).get(url).status_code in (401, 403)
    assert api_as(bob).get(url).status_code == 200


def test_an_unpublished_verdict_has_no_w3c_item_even_for_editors(api_as, editor):
    withdrawn = published_verdict()
    Verdict.objects.filter(pk=withdrawn.pk).update(is_published=False)

    for user in (None, editor):
        assert api_as(user).get(f"/api/v1/verdicts/w3c/{withdrawn.pk}/").status_code == 404


def test_a_reviewers_iri_is_opaque_and_names_them_only_to_who_reads_their_highlights(
    api_as, alice, bob, editor, article
):
    mine = AnnotationFactory(article=article, reviewer=alice)
    document = api_as(alice).get(f"/api/v1/annotations/w3c/{mine.pk}/").json()
    iri = document["creator"]["id"]
    path = iri.removeprefix(ORIGIN)

    key = path.rstrip("/").rsplit("/", 1)[-1]
    assert len(key) == 24 and key != str(alice.pk)
    assert alice.username not in iri
    for reader in (alice, editor):
        person = api_as(reader).get(path)
        assert person.status_code == 200
        assert person["Content-Type"].startswith("application/ld+json")
        assert person.json() == {
            "@context": CONTEXT,
            "id": iri,
            "type": "Person",
            "name": alice.username,
        }
    # Bob has not read Alice's highlights (blind review): her IRI tells him nothing.
    assert api_as(bob).get(path).status_code == 404
    assert api_as(None).get(path).status_code in (401, 403)
    assert api_as(alice).get("/api/v1/people/" + "0" * 24 + "/").status_code == 404
    assert api_as(alice).get("/api/v1/people/not-a-key/").status_code == 404


def test_a_reviewers_iri_opens_to_another_reviewer_once_both_have_submitted(
    api_as, alice, bob, article
):
    mine = AnnotationFactory(article=article, reviewer=alice)
    AnnotationFactory(article=article, reviewer=bob)
    path = api_as(alice).get(f"/api/v1/annotations/w3c/{mine.pk}/").json()["creator"]["id"]
    review_submit(article=article, reviewer=alice)
    review_submit(article=article, reviewer=bob)

    assert api_as(bob).get(path.removeprefix(ORIGIN)).json()["name"] == alice.username


def test_the_desk_is_an_organization_agent_anyone_may_read(api_as, settings):
    settings.DESK_NAME = "The Checkers"
    published_verdict()
    creator = api_as(None).get("/api/v1/verdicts/w3c/").json()["first"]["items"][0]["creator"]

    agent = api_as(None).get(creator["id"].removeprefix(ORIGIN)).json()

    assert agent["type"] == "Organization"
    assert agent["id"] == creator["id"]
    assert agent["name"] == "The Checkers"
    assert agent["homepage"].startswith(f"{ORIGIN}/")


def test_every_desk_iri_in_the_published_documents_answers(api_as, captured_source):
    cited = published_verdict()
    cited.sources.add(captured_source)
    no_url = published_verdict(ArticleFactory(source_url=""))
    client = api_as(None)
    documents = [
        client.get("/api/v1/verdicts/w3c/?page_size=1").json(),
        client.get(f"/api/v1/verdicts/w3c/{cited.pk}/").json(),
        client.get(f"/api/v1/verdicts/w3c/{no_url.pk}/").json(),
        client.get("/api/v1/verdicts/claimreview/").json(),
        client.get("/api/v1/desk/").json(),
    ]

    iris = set().union(*map(desk_iris, documents))
    # ids, pages, the desk agent and its home, labels, the archived copy, the public page.
    assert any("/sources/" in iri for iri in iris)
    assert any("/scale/#" in iri for iri in iris)
    assert any(iri.endswith(f"/verdicts/{cited.pk}/") for iri in iris)
    assert sum(assert_every_desk_iri_answers(None, d) for d in documents) >= 8


def test_every_desk_iri_in_a_readers_w3c_highlights_answers(api_as, alice, captured_source):
    article = ArticleFactory(source_url="")
    annotation = AnnotationFactory(article=article, reviewer=alice)
    SourceFactory(annotation=annotation, url=captured_source.url)
    client = api_as(alice)
    documents = [
        client.get("/api/v1/annotations/w3c/").json(),
        client.get("/api/v1/annotations/w3c/?page_size=1").json(),
    ]

    iris = set().union(*map(desk_iris, documents))
    assert any("/api/v1/people/" in iri for iri in iris)
    assert any("/api/v1/articles/" in iri for iri in iris)
    assert any("/sources/" in iri for iri in iris)
    assert sum(assert_every_desk_iri_answers(alice, d) for d in documents) >= 5


def test_label_iris_point_at_the_rating_scale(api_as):
    published_verdict(label="mostly-false")

    item = api_as(None).get("/api/v1/verdicts/w3c/").json()["first"]["items"][0]

    classifying = [b for b in item["body"] if b.get("purpose") == "classifying"]
    assert classifying[0]["source"] == f"{ORIGIN}/scale/#mostly-false"
