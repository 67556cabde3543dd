"""ETags on detail resources: 304 on a matching If-None-Match, 412 on a stale If-Match."""

from __future__ import annotations

import pytest

from annotations.models import Annotation
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db


def test_a_detail_carries_an_etag_and_a_matching_conditional_get_is_a_304(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)
    client = api_as(alice)

    first = client.get(f"/api/v1/annotations/{annotation.pk}/")
    again = client.get(f"/api/v1/annotations/{annotation.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_change_with_a_stale_if_match_is_refused_with_412(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)
    client = api_as(alice)
    stale = client.get(f"/api/v1/annotations/{annotation.pk}/")["ETag"]
    changed = client.patch(
        f"/api/v1/annotations/{annotation.pk}/", {"rationale": "First edit"}, format="json"
    )
    assert changed["ETag"] != stale

    refused = client.patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"rationale": "Edit based on an old read"},
        format="json",
        HTTP_IF_MATCH=stale,
    )
    deleted = client.delete(f"/api/v1/annotations/{annotation.pk}/", HTTP_IF_MATCH=stale)

    assert refused.status_code == 412
    assert refused.json()["code"] == "precondition_failed"
    assert deleted.status_code == 412
    assert Annotation.objects.get(pk=annotation.pk).rationale == "First edit"


def test_a_change_with_the_current_if_match_goes_through(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)
    client = api_as(alice)
    current = client.get(f"/api/v1/annotations/{annotation.pk}/")["ETag"]

    response = client.patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"rationale": "Careful edit"},
        format="json",
        HTTP_IF_MATCH=current,
    )

    assert response.status_code == 200
    assert response.json()["rationale"] == "Careful edit"


def test_articles_carry_etags_too(api_as, alice, article):
    first = api_as(alice).get(f"/api/v1/articles/{article.pk}/")
    again = api_as(alice).get(
        f"/api/v1/articles/{article.pk}/", HTTP_IF_NONE_MATCH=f'W/{first["ETag"]}, "other"'
    )

    assert first["ETag"]
    assert again.status_code == 304
