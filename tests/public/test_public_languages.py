"""The public site in the reader's language (issue 17): headings, counts in the language's
plural forms, dates as the language writes them, `<html lang dir>`, the feed's texts; numbers
that are data (ids in attributes, ISO dates) stay as they are in every language."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client

from annotations.models import Correction, Verdict
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)


def reader(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def html_of(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_a_verdict_page_in_french_has_french_headings_dates_and_place_on_the_scale():
    article = ArticleFactory(title="L’emploi en ville", published_on=datetime.date(2026, 3, 2))
    published = published_verdict(article)
    Correction.objects.create(
        verdict=published,
        note="Nous avions mal lu le tableau.",
        previous={},
    )
    Correction.objects.filter(verdict=published).update(
        created=datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
    )

    html = html_of(reader("fr"), f"/verdicts/{published.pk}/")

    assert '<html lang="fr" dir="ltr">' in html
    assert ">L’affirmation</h2>" in html and ">Notre verdict</h2>" in html
    assert ">Où l’affirmation est apparue</h2>" in html and ">Corrections</h2>" in html
    assert "<dt>Publiée le</dt>" in html
    assert '<time datetime="2026-11-25T09:00:00+00:00">25 novembre 2026</time>' in html
    # The appearance's date: French's short format, the ISO date left for machines.
    assert '<time datetime="2026-03-02">02/03/2026</time>' in html
    assert (
        '<time datetime="2026-11-27T10:00:00+00:00">27 novembre 2026</time>\u00a0: '
        "<bdi>Nous avions mal lu le tableau.</bdi>" in html
    )
    assert "2 sur 5 sur l’échelle, 5 étant le plus exact" in html
    title = "«\u00a0<bdi>L’emploi en ville</bdi>\u00a0»"
    assert f"Toutes les affirmations vérifiées dans {title}" in html
    assert 'aria-label="L’échelle des verdicts"' in html


def test_a_verdict_page_in_arabic_reads_right_to_left_with_arabic_dates():
    published = published_verdict()

    html = html_of(reader("ar"), f"/verdicts/{published.pk}/")

    assert '<html lang="ar" dir="rtl">' in html
    assert ">حكمنا</h2>" in html and ">أين ظهر الادعاء</h2>" in html
    assert "<dt>تاريخ النشر</dt>" in html
    assert '<time datetime="2026-11-25T09:00:00+00:00">25 نوفمبر، 2026</time>' in html
    assert "2 من 5 على السلّم" in html
    # The verdict's own words keep the article's language and their direction.
    assert 'dir="auto" lang="en">Unemployment has doubled since 2020</h1>' in html


def test_the_index_counts_search_results_in_each_languages_plural_forms():
    for day in range(3):
        published_verdict(
            published_at=DAY + datetime.timedelta(days=day), claim_reviewed=f"Harbour fees {day}"
        )
    published_verdict(published_at=DAY, claim_reviewed="Ferries run late")

    def summary(language: str, query: str) -> str:
        html = html_of(reader(language), f"/verdicts/?q={query}")
        found = re.search(r'<p class="search-summary">(.*?)</p>', html, re.S)
        assert found is not None, html
        return " ".join(found.group(1).split())

    assert summary("fr", "ferries") == (
        "<strong>1–1</strong> sur <strong>1</strong> vérification, les plus pertinentes d’abord."
    )
    assert summary("fr", "harbour") == (
        "<strong>1–3</strong> sur <strong>3</strong> vérifications, les plus pertinentes d’abord."
    )
    # Arabic: one, and "few" (3 to 10) have their own words.
    assert "من عملية تحقق واحدة" in summary("ar", "ferries")
    assert "من <strong>3</strong> عمليات تحقق" in summary("ar", "harbour")
    assert summary("es", "harbour").startswith("Se muestran <strong>1–3</strong> de")


def test_the_index_in_french_keeps_ids_and_iso_dates_as_data():
    verdicts = [
        published_verdict(published_at=DAY + datetime.timedelta(days=day)) for day in range(2)
    ]

    html = html_of(reader("fr"), "/verdicts/")

    assert ">Vérifications</h1>" in html
    assert 'placeholder="Mots, &quot;une expression&quot;, -exclure"' in html
    assert '<label class="field__label" for="id_q">Rechercher dans les vérifications</label>' in (
        html
    )
    assert ">Du</label>" in html and ">Au</label>" in html
    ids = [int(pk) for pk in re.findall(r'data-verdict="(\d+)"', html)]
    assert ids == [v.pk for v in reversed(verdicts)]
    assert '<time datetime="2026-11-02T09:00:00+00:00">2 novembre 2026</time>' in html


def test_the_index_refuses_a_bad_date_range_in_the_readers_language():
    html = html_of(reader("es"), "/verdicts/?date_from=2026-11-20&date_to=2026-11-01", status=400)

    assert "No puede ser anterior a la fecha de inicio." in html


def test_an_articles_page_and_the_scale_in_arabic():
    article = ArticleFactory(publisher="صحيفة المثال", published_on=datetime.date(2026, 3, 2))
    published_verdict(article)

    checked = html_of(reader("ar"), f"/verdicts/articles/{article.pk}/")
    scale = html_of(reader("ar"), "/scale/")

    assert ">ادعاءات جرى التحقق منها في</p>" in checked
    # One checked claim: Arabic's own word for "one", in the description crawlers read.
    assert '<meta name="description" content="تم التحقق من ادعاء واحد في' in checked
    assert '<time datetime="2026-03-02">2 مارس، 2026</time>' in checked
    assert ">سلّم التقييم</h1>" in scale
    assert "خارج السلّم المرتّب" in scale  # Unverifiable's place


def test_the_article_page_description_counts_claims_in_french_plurals():
    article = ArticleFactory(title="Les ferries", publisher="")
    published_verdict(article)
    published_verdict(article)

    html = html_of(reader("fr"), f"/verdicts/articles/{article.pk}/")

    assert '<meta name="description" content="2 affirmations vérifiées dans Les ferries.">' in html


def test_a_withdrawn_verdict_in_french_says_when_in_french():
    published = published_verdict()
    Verdict.objects.filter(pk=published.pk).update(
        is_published=False,
        withdrawn_at=datetime.datetime(2026, 11, 28, 15, 0, tzinfo=datetime.UTC),
    )

    html = html_of(reader("fr"), f"/verdicts/{published.pk}/", status=410)

    assert ">Cette vérification a été retirée</h1>" in html
    assert 'Retirée le <time datetime="2026-11-28T15:00:00+00:00">28 novembre 2026</time>.' in html


def test_the_atom_feed_speaks_the_readers_language():
    published = published_verdict(explanation="")
    Correction.objects.create(verdict=published, note="Chiffre corrigé.", previous={})

    feed = html_of(reader("es"), "/verdicts/feed.atom")

    assert f"<title>{settings.DESK_NAME}: verificaciones</title>" in feed
    assert "Corregido: " in feed
    assert "Corrección: Chiffre corrigé." in feed
    assert "Calificada como " in feed
    assert 'xml:lang="es"' in feed


def test_english_readers_see_the_public_site_as_before():
    published = published_verdict()

    html = html_of(Client(), f"/verdicts/{published.pk}/")

    assert '<html lang="en" dir="ltr">' in html
    assert ">Our verdict</h2>" in html and "<dt>Published</dt>" in html
    assert '<time datetime="2026-11-25T09:00:00+00:00">25 November 2026</time>' in html
    assert "2 of 5 on the scale, 5 the most accurate" in html
