"""Rating labels' descriptions in the reader's language on the desk (issue 17): the decision
form and the article page's verdict choices show a label's translated description where it has
one, and its own (English) description where it has none."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from annotations.models import ClaimUnit, VerdictLabel, VerdictLabelTranslation
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, claims_reviewed
from tests.pages import page_data

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."


def _french(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def _unit(capture) -> ClaimUnit:
    article = ArticleFactory()
    with capture(execute=True):
        claims_reviewed(article, {CLAIM: "false"}, reviewer=ReviewerFactory())
    return ClaimUnit.objects.get(article=article)


def test_the_decision_form_describes_each_label_in_french(django_capture_on_commit_callbacks):
    unit = _unit(django_capture_on_commit_callbacks)
    false = VerdictLabel.objects.get(slug="false")
    french = VerdictLabelTranslation.objects.get(label=false, language="fr")

    page = _french(EditorFactory()).get(f"/review/units/{unit.pk}/").content.decode()

    assert french.description and french.description in page
    assert false.description not in page
    assert 'id="label-false-description"' in page


def test_a_label_without_a_french_description_keeps_its_own(django_capture_on_commit_callbacks):
    unit = _unit(django_capture_on_commit_callbacks)
    false = VerdictLabel.objects.get(slug="false")
    VerdictLabelTranslation.objects.filter(label=false, language="fr").update(description="")

    page = _french(EditorFactory()).get(f"/review/units/{unit.pk}/").content.decode()

    assert false.description in page


def test_the_article_pages_verdict_choices_describe_labels_in_french():
    article = ArticleFactory()
    french = VerdictLabelTranslation.objects.get(label__slug="mixed", language="fr")

    response = _french(ReviewerFactory()).get(f"/articles/{article.pk}/")
    (mixed,) = [label for label in page_data(response)["labels"] if label["slug"] == "mixed"]

    assert mixed["description"] == french.description
    assert french.description in response.content.decode()
    assert VerdictLabel.objects.get(slug="mixed").description not in response.content.decode()
