"""The desk's own pages name rating labels in the interface's language (issue 17: a desk works
entirely in Arabic, French or Spanish), from the names the admin keeps per language, and in
English where a label has none."""

from __future__ import annotations

import pytest
from django.conf import settings

from annotations.models import VerdictLabel, VerdictLabelTranslation
from tests.factories import EditorFactory
from tests.pages import logged_in, page_data
from tests.views.review_scenario import CRIME, unit_of

pytestmark = pytest.mark.django_db


def _in(language: str, user):
    client = logged_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_article_pages_scale_and_verdict_choices_are_in_the_readers_language(disputed):
    editor = EditorFactory()
    french = page_data(_in("fr", editor).get(f"/articles/{disputed.pk}/"))
    names = {label["slug"]: label["name"] for label in french["labels"]}
    assert names["false"] == "Faux" and names["true"] == "Vrai"
    arabic = _in("ar", editor).get(f"/articles/{disputed.pk}/")
    assert {label["slug"]: label["name"] for label in page_data(arabic)["labels"]}["false"] == "خطأ"
    assert ">خطأ</span>" in arabic.content.decode()
    english = page_data(logged_in(editor).get(f"/articles/{disputed.pk}/"))
    assert {label["slug"]: label["name"] for label in english["labels"]}["false"] == "False"


def test_the_decision_form_names_the_scale_in_french_and_a_label_without_a_name_in_english(
    disputed,
):
    editor = EditorFactory()
    VerdictLabelTranslation.objects.filter(label__slug="unverifiable", language="fr").delete()
    unit = unit_of(disputed, CRIME)
    html = _in("fr", editor).get(f"/review/units/{unit.pk}/").content.decode()
    assert 'id="label-false-name">Faux</span>' in html
    unverifiable = VerdictLabel.objects.get(slug="unverifiable")
    assert f'id="label-unverifiable-name">{unverifiable.name}</span>' in html
