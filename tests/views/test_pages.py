"""The server-rendered pages: access, forms, and query counts that do not grow with rows."""

from __future__ import annotations

import re

import pytest

from annotations.models import Annotation, Article, Review, VerdictLabel
from tests.factories import ArticleFactory, ReviewerFactory, UserFactory
from tests.pages import logged_in, page_data

pytestmark = pytest.mark.django_db


def annotations_bulk(article: Article, reviewers: list, count: int) -> None:
    """`count` annotations spread over the reviewers, each on its own word of the text."""
    verdict = VerdictLabel.objects.get(slug="mixed")
    words = []
    position = 0
    for word in article.text.split(" "):
        if word.isalpha():
            words.append((position, word))
        position += len(word) + 1
    Annotation.objects.bulk_create(
        Annotation(
            article=article,
            reviewer=reviewers[i % len(reviewers)],
            exact=words[i % len(words)][1],
            start=words[i % len(words)][0],
            end=words[i % len(words)][0] + len(words[i % len(words)][1]),
            verdict=verdict,
        )
        for i in range(count)
    )
    for reviewer in reviewers:
        Review.objects.get_or_create(article=article, reviewer=reviewer)


def test_pages_need_a_login(client, article):
    for url in ("/", f"/articles/{article.pk}/", "/articles/import/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/login/")


def test_login_page_renders(client):
    response = client.get("/login/")

    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_article_list_shows_articles_and_my_progress(alice, article):
    response = logged_in(alice).get("/")

    assert response.status_code == 200
    assert article.title.encode() in response.content


def test_a_signed_in_user_on_no_desk_is_told_to_ask_an_editor(article):
    outsider = UserFactory(username="olga")  # no role: a member of no desk

    html = logged_in(outsider).get("/").content.decode()

    assert "You are not a member of any desk yet" in html
    assert "Ask an editor" in html
    assert "No articles yet" not in html
    assert article.title not in html


def test_a_reviewer_of_an_empty_desk_sees_no_articles_yet(alice):
    html = logged_in(alice).get("/").content.decode()

    assert "No articles yet" in html
    assert "not a member" not in html


def test_article_paragraphs_take_their_direction_from_their_text(alice):
    article = ArticleFactory(text="Title\n\nمرحبا بالعالم.\n\nHello world.")

    html = logged_in(alice).get(f"/articles/{article.pk}/").content.decode()

    assert html.count('<p class="paragraph" dir="auto"') == 3


def test_article_page_hands_the_script_verified_anchors(alice, article):
    annotations_bulk(article, [alice], 3)

    data = page_data(logged_in(alice).get(f"/articles/{article.pk}/"))

    assert len(data["annotations"]) == 3
    for annotation in data["annotations"]:
        anchor = annotation["anchor"]
        assert article.text[anchor["start"] : anchor["end"]] == annotation["target"]["exact"]
    assert data["user"] == {"username": "alice", "can_annotate": True, "is_editor": False}
    assert [label["slug"] for label in data["labels"]][0] == "true"


def test_article_page_with_500_annotations_uses_as_many_queries_as_with_5(
    editor, django_assert_max_num_queries
):
    small, large = ArticleFactory(), ArticleFactory()
    reviewers = [ReviewerFactory() for _ in range(5)]
    annotations_bulk(small, reviewers, 5)
    annotations_bulk(large, reviewers, 500)
    client = logged_in(editor)
    # 21: the scale is read with its names in the other languages (one query more).
    with django_assert_max_num_queries(21) as baseline:
        response = client.get(f"/articles/{small.pk}/")
    assert len(page_data(response)["annotations"]) == 5

    assert baseline.captured_queries, "no queries captured: the measurement would be vacuous"
    with django_assert_max_num_queries(len(baseline.captured_queries)) as large_page:
        response = client.get(f"/articles/{large.pk}/")
    assert large_page.captured_queries

    assert len(page_data(response)["annotations"]) == 500


def test_article_list_queries_do_not_grow_with_articles(alice, django_assert_max_num_queries):
    ArticleFactory.create_batch(2)
    client = logged_in(alice)
    with django_assert_max_num_queries(20) as baseline:
        client.get("/")
    ArticleFactory.create_batch(30)
    assert baseline.captured_queries

    with django_assert_max_num_queries(len(baseline.captured_queries)) as many:
        client.get("/")
    assert many.captured_queries


def test_another_reviewers_article_page_hides_their_work(alice, bob, article):
    annotations_bulk(article, [bob], 2)

    data = page_data(logged_in(alice).get(f"/articles/{article.pk}/"))

    assert data["annotations"] == []


def test_unknown_article_page_is_a_404(alice):
    assert logged_in(alice).get("/articles/999999/").status_code == 404


def test_reviewers_cannot_open_the_import_page(alice):
    assert logged_in(alice).get("/articles/import/").status_code == 403


def test_editor_imports_pasted_text_through_the_form(editor):
    response = logged_in(editor).post(
        "/articles/import/",
        {"text": "Headline\n\nBody text.", "title": "", "language": "en"},
    )

    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == f"/articles/{article.pk}/"
    assert article.title == "Headline"


def test_the_import_preview_shows_the_language_detected_and_a_typed_one_wins(editor):
    client = logged_in(editor)
    text = "Le conseil municipal a voté mardi la fermeture de deux bibliothèques."

    detected = client.post("/articles/import/", {"text": text, "preview": "1"}).content.decode()
    typed = client.post(
        "/articles/import/", {"text": text, "language": "fr-CA", "preview": "1"}
    ).content.decode()

    assert re.search(r'id="import-preview-language">.*</span> fr <span[^>]*>\(detected', detected)
    assert 'lang="fr"' in detected
    assert re.search(r'id="import-preview-language">.*</span> fr-CA</p>', typed)
    assert not Article.objects.exists()


def test_import_form_with_two_sources_shows_an_error_and_keeps_the_input(editor):
    response = logged_in(editor).post(
        "/articles/import/", {"text": "Some text", "url": "https://example.org/a"}
    )

    assert response.status_code == 200
    assert b"exactly one of them" in response.content
    assert b"Some text" in response.content
    assert not Article.objects.exists()


def test_import_form_refuses_a_dangerous_url(editor):
    response = logged_in(editor).post("/articles/import/", {"url": "javascript:alert(1)"})

    assert response.status_code == 200
    assert b"Only http:// and https:// URLs are allowed." in response.content


def test_import_form_refuses_a_binary_upload(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00", "text/html")

    response = logged_in(editor).post("/articles/import/", {"file": upload})

    assert response.status_code == 200
    assert b"binary" in response.content
    assert not Article.objects.exists()


def test_import_form_accepts_an_html_upload(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.services.test_article_import import ARTICLE_HTML

    upload = SimpleUploadedFile("strike.html", ARTICLE_HTML.encode(), "text/html")

    response = logged_in(editor).post("/articles/import/", {"file": upload})

    assert response.status_code == 302
    assert Article.objects.get().byline == "Lena Fischer"


def test_an_id_too_large_for_the_database_is_a_404_not_a_crash(alice, editor):
    huge = "9" * 30
    assert logged_in(alice).get(f"/articles/{huge}/").status_code == 404
    assert logged_in(editor).get(f"/review/units/{huge}/").status_code == 404
    assert logged_in(alice).get(f"/api/v1/annotations/{huge}/").status_code == 404
