"""A form too large for Django to read (DATA_UPLOAD_MAX_MEMORY_SIZE: a document of megabytes
pasted into a paste box) comes back as the page's own form with the reason on the paste box,
never a bare 400 or a traceback; another page's too-large POST gets the desk's 400 page."""

from __future__ import annotations

import pytest

from annotations.models import Article, ExternalFactCheck
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

LIMIT = 1024 * 1024
MESSAGE = "Too large to paste (limit 1 MB): upload it as a file."


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    settings.DEBUG = True  # Django would answer with its technical page: the desk's still shows


def test_a_paste_too_large_on_the_fact_check_import_is_an_error_on_the_paste_box(editor):
    client = logged_in(editor, enforce_csrf_checks=True)
    client.get("/fact-checks/import/")

    response = client.post("/fact-checks/import/", {"text": "[" + " " * 2 * LIMIT + "]"})

    html = response.content.decode()
    assert response.status_code == 413
    assert "annotations/fact_check_import.html" in [t.name for t in response.templates]
    assert 'id="id_text_error"' in html and MESSAGE in html
    assert "Traceback" not in html
    assert not ExternalFactCheck.objects.exists()


def test_the_paste_boxes_say_their_limit(editor, article):
    for url in ("/fact-checks/import/", "/articles/import/", f"/articles/{article.pk}/revise/"):
        html = logged_in(editor).get(url).content.decode()

        assert f'data-max-bytes="{LIMIT}"' in html, url
        assert "larger, upload it as a file." in html, url
        assert "annotations/paste-limit.js" in html, url


def test_a_paste_too_large_on_the_article_import_and_revise_pages_is_a_field_error(editor, article):
    pasted = {"text": "x" * 2 * LIMIT}

    imported = logged_in(editor).post("/articles/import/", pasted)
    revised = logged_in(editor).post(f"/articles/{article.pk}/revise/", pasted)

    for response in (imported, revised):
        assert response.status_code == 413
        assert MESSAGE in response.content.decode()
    assert Article.objects.count() == 1
    assert article.revisions.count() == 1


def test_someone_the_page_refuses_gets_the_400_page_not_its_form(alice):
    response = logged_in(alice).post("/fact-checks/import/", {"text": "x" * 2 * LIMIT})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Too large to send this way" in html
    assert "Paste a ClaimReview document" not in html


def test_a_too_large_post_to_any_other_page_gets_the_desks_400_page(editor):
    response = logged_in(editor).post("/search/", {"q": "x" * 2 * LIMIT})

    html = response.content.decode()
    assert response.status_code == 400
    assert "400.html" in [t.name for t in response.templates]
    assert 'class="site-header"' in html and "Traceback" not in html
