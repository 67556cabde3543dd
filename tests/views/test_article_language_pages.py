"""The article's language changed on the desk: /articles/<id>/language/ and its link on the
article page (views.article_language)."""

from __future__ import annotations

import pytest
from django.test import Client

from annotations.models import Article
from tests.factories import ArticleFactory, ReviewerFactory, UserFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db


def url(article: Article) -> str:
    return f"/articles/{article.pk}/language/"


def test_the_article_page_links_the_language_form_for_an_editor_only(editor, alice):
    article = ArticleFactory(language="en", imported_by=editor)

    for_editor = logged_in(editor).get(f"/articles/{article.pk}/").content.decode()
    for_reviewer = logged_in(alice).get(f"/articles/{article.pk}/").content.decode()

    assert f'id="article-language-change" href="{url(article)}"' in for_editor
    assert "article-language-change" not in for_reviewer


def test_the_form_shows_the_current_language(editor):
    article = ArticleFactory(language="fr")

    response = logged_in(editor).get(url(article))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="language"' in html and 'value="fr"' in html


def test_an_editor_sets_arabic_and_the_text_reads_right_to_left(editor):
    article = ArticleFactory(language="en")
    client = logged_in(editor)

    response = client.post(url(article), {"language": "ar"})

    assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/"
    assert Article.objects.get(pk=article.pk).language == "ar"
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert 'lang="ar" dir="rtl"' in page


@pytest.mark.parametrize("nonsense", ["not a language", "fr_", "x" * 17])
def test_nonsense_is_a_form_error_with_a_400(editor, nonsense):
    article = ArticleFactory(language="en")

    response = logged_in(editor).post(url(article), {"language": nonsense})

    assert response.status_code == 400
    assert "Not a language tag" in response.content.decode() or "at most 16" in (
        response.content.decode()
    )
    assert Article.objects.get(pk=article.pk).language == "en"


def test_a_reviewer_is_refused_on_another_users_article(editor, alice):
    article = ArticleFactory(language="en", imported_by=editor)
    client = logged_in(alice)

    assert client.get(url(article)).status_code == 403
    assert client.post(url(article), {"language": "fr"}).status_code == 403
    assert Article.objects.get(pk=article.pk).language == "en"


def test_the_reviewer_who_imported_the_article_may_change_its_language():
    importer = ReviewerFactory()
    article = ArticleFactory(language="en", imported_by=importer)

    response = logged_in(importer).post(url(article), {"language": "es"})

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).language == "es"


def test_someone_outside_the_desk_is_refused_and_a_visitor_sent_to_log_in(db):
    article = ArticleFactory(language="en")
    outsider = logged_in(UserFactory())

    assert outsider.post(url(article), {"language": "fr"}).status_code == 403
    visitor = Client().post(url(article), {"language": "fr"})
    assert visitor.status_code == 302 and "/login" in visitor["Location"]
    assert Article.objects.get(pk=article.pk).language == "en"


def test_the_change_needs_its_csrf_token(editor):
    article = ArticleFactory(language="en")

    response = logged_in(editor, enforce_csrf_checks=True).post(url(article), {"language": "fr"})

    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).language == "en"
