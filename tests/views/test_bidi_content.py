"""Issue 17: user content keeps its own direction inside the interface's. English or French
claims, quotes, titles and explanations in the Arabic desk (and Arabic in the others) are
isolated (`dir="auto"` on their element, `<bdi>` inside a sentence), quote marks inside the
isolated run; addresses read left to right; the language switcher names each language in
itself."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils.html import escape

from annotations.services.recurrence import revision_claims_scan
from tests.factories import EditorFactory, published_verdict
from tests.pages import logged_in
from tests.services.recurrence_scenario import (
    REPEATED_SENTENCE,
    article_repeating,
    claim_checked_and_published,
)
from tests.views.review_scenario import CRIME, unit_of

pytestmark = pytest.mark.django_db


def _in(language: str, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_arabic_queue_isolates_each_claim_and_article_title(disputed):
    html = _in("ar", logged_in(EditorFactory())).get("/review/").content.decode()
    assert f"<bdi>“{CRIME}”</bdi>" in html
    assert '<span class="queue-claim__article" dir="auto">Town hall budget</span>' in html


def test_the_arabic_unit_page_isolates_passage_rationales_and_history(disputed):
    unit = unit_of(disputed, CRIME)
    html = _in("ar", logged_in(EditorFactory())).get(f"/review/units/{unit.pk}/").content.decode()
    assert re.search(r'<h1 class="page-title adjudication-header__title" dir="auto">“', html)
    assert html.count('<p class="review-column__rationale" dir="auto">') == 2
    assert '<span class="history__subject" dir="auto">' in html


def test_the_arabic_verdict_page_isolates_claim_passage_and_explanation(client):
    verdict = published_verdict(explanation="Police figures show a 3% fall.")
    html = _in("ar", client).get(f"/verdicts/{verdict.pk}/").content.decode()
    assert re.search(r'<h1 class="verdict-public__claim" dir="auto"', html)
    # The quote marks are inside the isolated run, so they stay with the English text.
    # Each in its own direction, and in its own language (the article's; the verdict's).
    assert re.search(
        r'<blockquote class="verdict-public__passage" dir="auto"( lang="[a-z-]+")?>“[^<]+”', html
    )
    assert re.search(
        r'<div class="verdict-public__explanation" dir="auto"( lang="[a-z-]+")?><p>Police figures',
        html,
    )
    title = verdict.unit.article.title
    assert f"<bdi>{escape(title)}</bdi>" in html


def test_address_inputs_read_left_to_right_in_arabic(disputed):
    client = _in("ar", logged_in(EditorFactory()))
    panel = client.get(f"/articles/{disputed.pk}/").content.decode()
    assert re.search(
        r'<input type="url" data-name="url"[^>]*placeholder="https://"[^>]* dir="ltr"', panel
    )
    imports = client.get("/articles/import/").content.decode()
    urls = re.findall(r'<input type="url"[^>]*>', imports)
    assert urls and all('dir="ltr"' in field for field in urls)


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_language_switcher_names_each_language_in_itself(client, language):
    html = _in(language, client).get("/login/").content.decode()
    switch = html.split('id="language-switch"', 1)[1].split("</select>", 1)[0]
    names = re.findall(
        r'<option value="(\w+)" lang="\w+" dir="(\w+)"[^>]*>([^<]+)</option>', switch
    )
    assert names == [
        ("en", "ltr", "English"),
        ("ar", "rtl", "العربيّة"),  # Django's name_local, with its shadda
        ("fr", "ltr", "Français"),
        ("es", "ltr", "Español"),
    ]


def test_the_arabic_queue_isolates_the_sentences_of_claims_that_appear_again():
    editor = EditorFactory()
    claim_checked_and_published(editor)
    article = article_repeating(editor)
    revision_claims_scan(revision_id=article.revisions.get().pk)

    html = _in("ar", logged_in(editor)).get("/review/").content.decode()

    section = html.split('id="appearances-to-review"', 1)[1].split("</section>", 1)[0]
    assert f"<bdi>“{escape(REPEATED_SENTENCE)}”</bdi></a>" in section
    assert '<span class="queue-claim__article" dir="auto">Jobs</span>' in section
