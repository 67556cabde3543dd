"""A highlight's source or an article's address naming cloud metadata or the desk's own network
is refused when it is saved, in the API and the import form (walk 19, finding 3): such a source
was published on the public page, in ClaimReview and in the sources export."""

from __future__ import annotations

import pytest

from annotations.errors import DomainError
from annotations.models import Annotation, Article, Source
from annotations.services.annotations import SourceInput, sources_validate
from tests.api.test_annotations_api import claim_payload
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

METADATA = "http://169.254.169.254/latest/meta-data/"
LINK_LOCAL_MESSAGE = (
    "That URL points to a link-local address (where cloud servers keep their metadata), "
    "which is never allowed."
)
PRIVATE_MESSAGE = "That URL points to a private or local address, which is not allowed."


def test_a_cloud_metadata_source_is_refused_even_where_private_addresses_are_allowed(
    api_as, alice, article, settings
):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    payload = claim_payload(
        article, sources=[{"url": "https://ok.example.org/"}, {"url": METADATA}]
    )

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["sources"]["1"]["url"] == [LINK_LOCAL_MESSAGE]
    assert not Annotation.objects.exists()


def test_a_loopback_source_is_refused_where_private_addresses_are_not_allowed(
    api_as, alice, article, settings
):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    payload = claim_payload(article, sources=[{"url": "http://localhost:8000/report"}])

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["sources"]["0"]["url"] == [PRIVATE_MESSAGE]
    assert not Source.objects.exists()


def test_editing_a_highlight_cannot_add_a_cloud_metadata_source(api_as, alice, article):
    created = api_as(alice).post("/api/v1/annotations/", claim_payload(article), format="json")
    annotation_id = created.json()["id"]

    response = api_as(alice).patch(
        f"/api/v1/annotations/{annotation_id}/",
        {"sources": [{"url": "http://[::ffff:169.254.169.254]/"}]},
        format="json",
    )

    assert response.status_code == 400, response.content
    assert "url" in response.json()["sources"]["0"]
    assert list(Source.objects.values_list("url", flat=True)) == ["https://stats.example.org/jobs"]


def test_the_import_form_refuses_a_cloud_metadata_address_for_the_article(editor):
    response = logged_in(editor).post(
        "/articles/import/", {"text": "Some text.", "source_url": METADATA}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["source_url"] == [PRIVATE_MESSAGE]
    assert not Article.objects.exists()


def test_the_service_refuses_a_cloud_metadata_source_for_callers_other_than_the_api(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True

    with pytest.raises(DomainError) as raised:
        sources_validate([SourceInput(url="https://ok.example.org/"), SourceInput(url=METADATA)])

    assert raised.value.code == "url_link_local"
    assert raised.value.field == "sources.1.url"
