"""The article and annotation pages in the reader's language (issue 17): French and Arabic
headings, buttons and plurals, dates in the locale's own format, and numbers that scripts read
(data attributes, the page's JSON) left as plain numbers whatever the language."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.test import Client

from annotations.models import AnnotationAnchor
from annotations.services.revisions import article_revise
from tests.factories import ARTICLE_TEXT, AnnotationFactory, ArticleFactory
from tests.pages import page_data
from tests.search_desk import search_desk

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
MAYOR = "said the mayor, Ana Ruiz."
# Paragraphs that start past 1,000 characters: a localized number would be "1 234" in French.
LONG_TEXT = "\n\n".join(
    [ARTICLE_TEXT] + [f"Paragraph {n} of the long report. " * 12 for n in range(1, 5)]
)


def in_language(user, language: str) -> Client:
    """A client logged in as `user` who chose `language` with the header's switcher."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def html_of(user, language: str, url: str, **params) -> str:
    response = in_language(user, language).get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def revise(django_capture_on_commit_callbacks, editor):
    def revise(article, text):
        with django_capture_on_commit_callbacks(execute=True):
            revision, _ = article_revise(article=article, text=text, created_by=editor)
        return revision

    return revise


# --- The annotation page ------------------------------------------------------------------------


def test_the_annotation_page_reads_in_french(alice, article):
    html = html_of(alice, "fr", f"/articles/{article.pk}/")

    assert '<html lang="fr" dir="ltr">' in html
    assert '<h2 class="sidebar__heading" id="review-heading">Votre relecture</h2>' in html
    assert ">Surlignages</h2>" in html and ">Échelle de notation</h2>" in html
    assert 'id="panel-title">Nouveau surlignage</h2>' in html
    assert "Annoter <kbd>A</kbd>" in html
    assert 'id="panel-save">Enregistrer</button>' in html
    assert '<option value="refutes">Réfute l’affirmation</option>' in html
    assert 'aria-label="Texte de l’article"' in html
    # Its scripts read their strings from the French catalogue, loaded before them.
    assert html.index("/i18n/catalogue.js?l=fr") < html.index("annotations/article-page.js")


def test_the_annotation_page_reads_in_arabic_right_to_left(alice, article):
    html = html_of(alice, "ar", f"/articles/{article.pk}/")

    assert '<html lang="ar" dir="rtl">' in html
    assert ">مراجعتك</h2>" in html and ">التظليلات</h2>" in html
    assert 'id="panel-title">تظليل جديد</h2>' in html
    assert 'id="submit-review" hidden>أرسل المراجعة</button>' in html
    # The article keeps its own language and direction inside the Arabic interface.
    assert 'lang="en" dir="ltr">' in html


def test_save_as_buttons_name_the_verdict_in_the_readers_language(alice, article):
    html = html_of(alice, "fr", f"/articles/{article.pk}/")

    assert 'data-label="Enregistrer comme Plutôt faux">Enregistrer comme Plutôt faux<' in html


def test_numbers_the_scripts_read_stay_plain_in_every_language(alice, settings):
    # With thousands separators on, a localized 1234 would read "1 234" (French) or "1,234".
    settings.USE_THOUSAND_SEPARATOR = True
    article = ArticleFactory(text=LONG_TEXT)
    for language in ("fr", "ar", "es"):
        response = in_language(alice, language).get(f"/articles/{article.pk}/")
        html = response.content.decode()
        starts = re.findall(r'<p class="paragraph" dir="auto" data-start="([^"]*)"', html)
        assert len(starts) == 7
        assert all(start.isdigit() for start in starts), (language, starts)
        assert max(int(start) for start in starts) > 1000
        assert re.search(r'data-warn-above="\d+"', html), language
        # The page's JSON is data too: numbers, not text.
        assert page_data(response)["article"]["id"] == article.pk


def test_a_revision_list_dates_each_revision_in_the_readers_format(alice, editor, revise):
    article = ArticleFactory(published_on=dt.date(2026, 3, 1))
    revise(article, "Update: corrected on Wednesday.\n\n" + ARTICLE_TEXT)

    french = html_of(alice, "fr", f"/articles/{article.pk}/")
    english = html_of(alice, "en", f"/articles/{article.pk}/")

    assert ">Révision 2</a>" in french and '<span class="tag">Dernière</span>' in french
    assert '<time datetime="2026-03-01">1 mars 2026</time>' in french
    assert '<time datetime="2026-03-01">' in english and "1 mars" not in english
    assert ">Revision 2</a>" in english


# --- The article list ---------------------------------------------------------------------------


def test_the_article_list_counts_highlights_with_each_languages_plurals(alice):
    article = ArticleFactory(title="Budget night", published_on=dt.date(2026, 12, 1))
    AnnotationFactory(article=article, reviewer=alice)
    AnnotationFactory(article=article, reviewer=alice, quote=MAYOR)

    french = html_of(alice, "fr", "/")
    arabic = html_of(alice, "ar", "/")

    assert '<h1 class="page-title">Articles</h1>' in french
    assert ">2 surlignages</span>" in french
    assert ">En cours</span>" in french
    assert '<time datetime="2026-12-01">1 décembre 2026</time>' in french
    assert ">Filtrer</button>" in french
    # Arabic says two things with the dual, not with a number.
    assert '<h1 class="page-title">المقالات</h1>' in arabic
    assert ">تظليلان</span>" in arabic


def test_one_highlight_is_singular_and_three_take_arabics_plural_of_a_few(alice):
    one = ArticleFactory(title="One highlight")
    AnnotationFactory(article=one, reviewer=alice)
    three = ArticleFactory(title="Three highlights", text=ARTICLE_TEXT + " The mayor agreed.")
    for quote in (CLAIM, MAYOR, "The mayor agreed."):
        AnnotationFactory(article=three, reviewer=alice, quote=quote)

    assert ">1 surlignage</span>" in html_of(alice, "fr", "/")
    arabic = html_of(alice, "ar", "/")
    assert ">تظليل واحد</span>" in arabic
    assert ">3 تظليلات</span>" in arabic


def test_the_article_lists_filters_and_their_errors_are_translated(alice, article):
    response = in_language(alice, "fr").get("/", {"date_from": "yesterday"})

    assert response.status_code == 400
    html = response.content.decode()
    assert ">Publié depuis le</label>" in html
    assert "Saisissez une date au format AAAA-MM-JJ, ou choisissez-en une." in html
    assert ">Ces filtres sont illisibles</p>" in html


def test_no_match_offers_the_full_text_search_in_french(alice, article):
    html = html_of(alice, "fr", "/", q="zebra")

    assert "Aucun article ne correspond à ces filtres" in html
    assert '<a href="/search/?kind=article&amp;q=zebra">faites une recherche' in html


# --- Import and a new version -------------------------------------------------------------------


def test_the_import_page_and_its_preview_read_in_french(editor):
    page = html_of(editor, "fr", "/articles/import/")
    assert '<h1 class="page-title">Importer un article</h1>' in page
    assert "Collez le texte de l’article" in page and ">Importer un fichier</button>" in page

    preview = in_language(editor, "fr").post(
        "/articles/import/",
        {"source_tab": "text", "text": "First paragraph.\n\nSecond paragraph.", "preview": "1"},
    )

    html = preview.content.decode()
    assert "Aperçu : rien n’est encore enregistré" in html
    assert '<p class="import-preview__count">2 paragraphes</p>' in html


def test_the_import_pages_errors_are_in_arabic(editor):
    response = in_language(editor, "ar").post("/articles/import/", {"source_tab": "text"})

    html = response.content.decode()
    assert "الصق النص أو ارفع ملفًا أو أدخل عنوان URL: خيار واحد فقط منها." in html
    assert '<h1 class="page-title">استيراد مقال</h1>' in html


def test_a_new_version_and_the_diff_read_in_french(editor, article, revise):
    form = html_of(editor, "fr", f"/articles/{article.pk}/revise/")
    assert '<h1 class="page-title">Importer une nouvelle version</h1>' in form

    revise(article, "Update: corrected on Wednesday.\n\n" + ARTICLE_TEXT)
    diff = html_of(editor, "fr", f"/articles/{article.pk}/revisions/2/diff/")

    assert '<h1 class="page-title">Modifications de la révision 2</h1>' in diff
    assert re.search(r">\d+ caractères insérés</span>", diff)
    assert ">Comparer</button>" not in diff  # only two revisions: nothing else to compare with


# --- Re-attach, claims, search ------------------------------------------------------------------


def test_the_reattach_list_reads_in_french_and_arabic(alice, article, revise):
    AnnotationFactory(article=article, reviewer=alice)
    revise(article, ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted."))
    orphan = AnnotationAnchor.objects.get(status="orphaned")

    french = html_of(alice, "fr", "/reattach/")
    arabic = html_of(alice, "ar", "/reattach/")

    assert '<h1 class="page-title">Rattacher des surlignages</h1>' in french
    assert "1 surlignage à replacer" in french
    assert 'data-confirm-title="Confirmer que ce surlignage a disparu ?"' in french
    assert f'href="/articles/{article.pk}/?reattach={orphan.pk}">Sélectionner son nouveau' in french
    assert "تظليل واحد يلزم وضعه مجددًا" in arabic


def test_the_claim_page_reads_in_french(alice, editor):
    desk = search_desk(editor)

    html = html_of(alice, "fr", f"/claims/{desk.claim.pk}/")

    assert f"Affirmation C{desk.claim.pk}" in html
    assert ">Le verdict de la rédaction</h2>" in html
    assert "Verdict de la rédaction : " in html
    assert ">Où elle apparaît <span" in html


def test_the_search_page_reads_in_french_with_its_plural(alice, editor):
    search_desk(editor)

    html = html_of(alice, "fr", "/search/", q="burglaries")

    assert '<h1 class="page-title">Recherche</h1>' in html
    assert "Résultats <strong>1–1</strong> sur <strong>1</strong>" in html
    assert '<option value="fact-check">Vérifications</option>' in html
    assert '<span class="kind-tag">Verdict</span>' in html
    assert "placeholder='Mots, \"une expression\", -exclure'" in html


def test_search_errors_are_in_spanish(alice):
    response = in_language(alice, "es").get("/search/", {"q": "-tariffs"})

    html = response.content.decode()
    assert "Indique al menos una palabra que buscar (no solo palabras que excluir)." in html
    assert '<h1 class="page-title">Búsqueda</h1>' in html


# --- English stays as it was --------------------------------------------------------------------


def test_in_english_the_pages_say_what_they_said_before(alice, article):
    AnnotationFactory(article=article, reviewer=alice)

    detail = html_of(alice, "en", f"/articles/{article.pk}/")
    listing = html_of(alice, "en", "/")

    assert '<h2 class="sidebar__heading" id="review-heading">Your review</h2>' in detail
    assert 'id="panel-title">New highlight</h2>' in detail
    assert "Annotate <kbd>A</kbd>" in detail
    assert ">1 highlight</span>" in listing
    assert "Pick an article, highlight its claims and quotes" in listing


def test_the_javascript_catalogue_carries_the_pages_script_strings(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    body = client.get("/i18n/catalogue.js", {"l": "fr"}).content.decode()

    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    assert catalog["Highlight saved."] == "Surlignage enregistré."
    assert catalog["%(count)s source"] == ["%(count)s source", "%(count)s sources"]
    assert catalog["suggestion feature\x04number in words"] == "nombre en toutes lettres"
