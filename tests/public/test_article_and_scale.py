"""An article's public page (its published verdicts, in the article's order) and the rating
scale's page (each label at its anchor, with its description and place)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from annotations.models import Verdict, VerdictLabel
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.django_db


def test_an_articles_page_lists_its_published_verdicts_without_a_login(client: Client):
    article = ArticleFactory(title="Jobs in the city", publisher="The Daily Example")
    first = published_verdict(article, claim_reviewed="Unemployment doubled")
    second = published_verdict(article, claim_reviewed="Wages fell")
    withdrawn = published_verdict(article, claim_reviewed="Rents rose")
    Verdict.objects.filter(pk=withdrawn.pk).update(is_published=False)
    published_verdict(claim_reviewed="Another article's claim")

    response = client.get(f"/verdicts/articles/{article.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'data-verdict="(\d+)"', html) == [str(first.pk), str(second.pk)]
    assert "Jobs in the city" in html and "The Daily Example" in html
    assert "Rents rose" not in html and "Another article" not in html
    assert (
        f'<link rel="canonical" href="http://testserver/verdicts/articles/{article.pk}/">' in html
    )


def test_an_article_without_a_published_verdict_has_no_public_page(client: Client):
    article = ArticleFactory()
    withdrawn = published_verdict(article)
    Verdict.objects.filter(pk=withdrawn.pk).update(is_published=False)

    assert client.get(f"/verdicts/articles/{article.pk}/").status_code == 404
    assert client.get(f"/verdicts/articles/{ArticleFactory().pk}/").status_code == 404


def test_an_articles_page_reads_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries
):
    article = ArticleFactory()
    for n in range(12):
        published_verdict(article, claim_reviewed=f"Claim {n}")

    with django_assert_max_num_queries(3):
        assert client.get(f"/verdicts/articles/{article.pk}/").status_code == 200


def test_the_scale_lists_each_label_at_its_anchor_with_description_and_place(client: Client):
    response = client.get("/scale/")

    assert response.status_code == 200
    html = response.content.decode()
    labels = list(VerdictLabel.objects.all())
    assert re.findall(r'class="card scale-list__label" id="([^"]+)"', html) == [
        label.slug for label in labels
    ]
    ordinal = [label for label in labels if label.is_ordinal]
    assert f"1 of {len(ordinal)} on the scale" in html
    assert "Outside the ordered scale" in html  # Unverifiable
    for label in labels:
        if label.description:
            assert label.description in html


def test_the_scale_is_named_public_scale_for_the_exports_label_iris():
    from django.urls import reverse

    assert reverse("public-scale") == "/scale/"
