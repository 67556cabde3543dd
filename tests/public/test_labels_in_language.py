"""Readers see verdicts in their language: the rating's name and description on the verdict page,
the index (and its rating filter), an article's page, the scale and the feed come from the
label's translation, else its English name marked lang="en"; the sitemap does not change.
The index's queries do not grow with its rows in any language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from annotations.models import VerdictLabelTranslation
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.django_db


def page_in(client: Client, language: str, url: str) -> str:
    """The page as a browser asking for `language` gets it (Accept-Language, which
    LocaleMiddleware reads)."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def badge_names(html: str) -> list[str]:
    return re.findall(r'class="rating-badge__name"[^>]*>([^<]+)<', html)


def test_the_scale_names_and_describes_each_label_in_french(client: Client):
    html = page_in(client, "fr", "/scale/")

    assert html.startswith('<!doctype html>\n<html lang="fr"')
    names = re.findall(r'<h2 class="scale-list__name">.*?</svg>\s*([^<]+)</h2>', html, re.S)
    assert names == ["Vrai", "Plutôt vrai", "Mitigé", "Plutôt faux", "Faux", "Invérifiable"]
    assert '<p class="scale-list__description">Exact, sans omission importante.</p>' in html
    assert re.search(r'\?label=false">[^<]*\bFaux\b[^<]*</a>', html)  # "Fact checks rated …"
    scale = re.search(r'<ol class="scale-list">.*?</ol>', html, re.S)
    assert scale is not None and 'lang="en"' not in scale.group(0)


def test_a_verdict_page_in_arabic_shows_its_rating_and_the_scale_in_arabic(client: Client):
    published = published_verdict(label="false", explanation="")

    html = page_in(client, "ar", f"/verdicts/{published.pk}/")

    assert badge_names(html) == ["خطأ"]
    strip = re.search(r'<ol class="scale-strip".*?</ol>', html, re.S)
    assert strip is not None
    assert re.findall(r"</svg>\s*([^<]+)</a></li>", strip.group(0)) == [
        "صحيح",
        "صحيح في معظمه",
        "صحيح جزئيًا",
        "خطأ في معظمه",
        "خطأ",
        "لا يمكن التحقق منه",
    ]
    assert re.search(r'<meta property="og:title" content="خطأ\W+Unemployment has doubled', html)
    # The description names the rating too, there being no explanation to show.
    assert re.search(r'<meta name="description" content="[^"]*خطأ', html)


def test_a_label_nobody_named_in_french_shows_its_english_name_marked_english(client: Client):
    VerdictLabelTranslation.objects.filter(label__slug="mostly-false", language="fr").delete()
    VerdictLabelTranslation.objects.filter(label__slug="false", language="fr").update(
        description=""
    )
    published = published_verdict(label="mostly-false")

    verdict_page = page_in(client, "fr", f"/verdicts/{published.pk}/")
    scale = page_in(client, "fr", "/scale/")

    assert '<span class="rating-badge__name" lang="en">Mostly false</span>' in verdict_page
    assert '<a href="/scale/#mostly-false" lang="en">' in verdict_page
    assert '<a href="/scale/#false">' in verdict_page  # "Faux" needs no mark
    heading = re.search(r'<h2 class="scale-list__name" lang="en">(?:(?!</h2>).)*</h2>', scale, re.S)
    assert heading is not None and heading.group(0).endswith("</svg>\nMostly false</h2>")
    # "Faux" keeps its French name; its description falls back to the English one, marked.
    assert '<p class="scale-list__description" lang="en">Not accurate.</p>' in scale


def test_the_index_and_its_rating_filter_are_in_the_readers_language(client: Client):
    false = published_verdict(label="false", claim_reviewed="Crime doubled")
    published_verdict(label="true", claim_reviewed="Wages rose")

    html = page_in(client, "es", "/verdicts/")
    filtered = page_in(client, "es", "/verdicts/?label=false")

    assert badge_names(html) == ["Verdadero", "Falso"]
    assert '<option value="false">Falso</option>' in html
    assert '<option value="mostly-true">Mayormente verdadero</option>' in html
    assert re.findall(r'data-verdict="(\d+)"', filtered) == [str(false.pk)]


def test_a_claim_in_a_list_carries_its_articles_language(client: Client):
    published_verdict(ArticleFactory(language="ar"), claim_reviewed="تضاعفت البطالة")

    html = page_in(client, "fr", "/verdicts/")

    assert '<h2 class="public-row__claim" dir="auto" lang="ar">' in html


def test_an_articles_page_names_its_ratings_in_the_readers_language(client: Client):
    article = ArticleFactory()
    published_verdict(article, label="mixed")
    published_verdict(article, label="unverifiable")

    html = page_in(client, "fr", f"/verdicts/articles/{article.pk}/")

    assert badge_names(html) == ["Mitigé", "Invérifiable"]


def test_english_readers_see_the_labels_own_names(client: Client):
    published_verdict(label="mostly-true")

    assert badge_names(page_in(client, "en", "/verdicts/")) == ["Mostly true"]


def test_the_feed_names_ratings_in_the_readers_language(client: Client):
    published_verdict(label="false", claim_reviewed="Crime doubled", explanation="")

    feed = page_in(client, "fr", "/verdicts/feed.atom")

    assert 'xml:lang="fr"' in feed
    assert re.search(r"<title>Faux\W+Crime doubled</title>", feed)
    assert '<category term="Faux"' in feed
    assert re.search(r"<summary[^>]*>[^<]*\bFaux\b", feed)  # "Rated …", no explanation


def test_the_sitemap_is_the_same_in_every_language(client: Client):
    published_verdict()

    english = page_in(client, "en", "/sitemap-verdicts.xml")

    assert page_in(client, "ar", "/sitemap-verdicts.xml") == english


@pytest.mark.parametrize("query", ["", "?label=false", "?q=unemployment"])
def test_the_index_in_french_reads_as_many_queries_for_thirty_verdicts_as_for_three(
    client: Client, django_assert_max_num_queries, query: str
):
    labels = ["false", "true", "mixed"]
    for n in range(3):
        published_verdict(label=labels[n % 3], claim_reviewed=f"Unemployment claim {n}")
    with django_assert_max_num_queries(7) as few:
        page_in(client, "fr", f"/verdicts/{query}")
    for n in range(27):
        published_verdict(label=labels[n % 3], claim_reviewed=f"Unemployment claim {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page_in(client, "fr", f"/verdicts/{query}")
    assert len(badge_names(html)) == (10 if query == "?label=false" else 20)
    assert set(badge_names(html)) <= {"Faux", "Vrai", "Mitigé"}


def test_the_readers_choice_in_the_switchers_cookie_wins_over_the_browsers(client: Client):
    published_verdict(label="false")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "ar"

    html = page_in(client, "fr", "/verdicts/")

    assert badge_names(html) == ["خطأ"]
    assert '<html lang="ar"' in html
