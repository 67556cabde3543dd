"""The back office's list of known claimants (ClaimReview's claimant types) and the article
URL look-up key kept in step with the URL an admin corrects."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from annotations.core.uri import uri_key
from annotations.models import Article, ClaimantType, KnownClaimant
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_an_admin_adds_a_known_claimant_with_its_type(root):
    response = root.post(
        reverse("admin:annotations_knownclaimant_add"),
        {"name": "Ministry of Labour", "kind": "Organization"},
    )

    assert response.status_code == 302
    assert KnownClaimant.objects.get().kind == ClaimantType.ORGANIZATION


def test_the_same_claimant_in_another_case_is_refused_on_the_form(root):
    KnownClaimant.objects.create(name="Ministry of Labour", kind=ClaimantType.ORGANIZATION)

    response = root.post(
        reverse("admin:annotations_knownclaimant_add"),
        {"name": "MINISTRY OF LABOUR", "kind": "Person"},
    )

    assert response.status_code == 200
    assert "already listed" in response.content.decode()
    assert KnownClaimant.objects.count() == 1


def test_correcting_an_articles_url_in_the_admin_moves_its_look_up_key(root):
    article = ArticleFactory(source_url="https://old.example/a")
    change = reverse("admin:annotations_article_change", args=[article.pk])
    form = root.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data |= {"source_url": "https://www.new.example/a/", "imported_by": ""}

    response = root.post(change, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(pk=article.pk).url_key == uri_key("https://new.example/a")
