"""The import page's stumbles (issue 15): one paragraph per line, the headline taken as the title
with a preview, an article imported twice, and a form that keeps what it was given."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from annotations.models import Article, ArticleRevision
from tests.factories import ArticleFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

WIRE_TEXT = (
    "Port strike ends after nine days\n"
    "Dock workers returned to work on Friday after a nine-day strike.\n"
    "The agreement raises wages by 6 percent this year.\n"
)


def test_pasted_text_with_one_paragraph_per_line_is_imported_as_paragraphs(editor):
    logged_in(editor).post("/articles/import/", {"text": WIRE_TEXT, "title": "Strike"})

    assert Article.objects.get().text == (
        "Port strike ends after nine days\n\n"
        "Dock workers returned to work on Friday after a nine-day strike.\n\n"
        "The agreement raises wages by 6 percent this year."
    )


def test_a_text_with_blank_lines_keeps_its_single_line_breaks(editor):
    text = "Title\n\nA poem,\nwith its lines.\n\nAnd a second paragraph."

    logged_in(editor).post("/articles/import/", {"text": text, "title": "Poem"})

    assert Article.objects.get().text == text


def test_an_uploaded_text_file_with_one_paragraph_per_line_is_imported_as_paragraphs(editor):
    upload = SimpleUploadedFile("wire.txt", WIRE_TEXT.encode(), "text/plain")

    logged_in(editor).post("/articles/import/", {"file": upload, "title": "Strike"})

    assert Article.objects.get().text.count("\n\n") == 2


def test_the_first_line_is_taken_as_the_title_and_dropped_from_the_body(editor):
    logged_in(editor).post("/articles/import/", {"text": WIRE_TEXT, "first_line_title": "on"})

    article = Article.objects.get()
    assert article.title == "Port strike ends after nine days"
    assert article.text.startswith("Dock workers returned")
    assert ArticleRevision.objects.get().text == article.text


def test_a_typed_title_wins_and_the_first_line_still_leaves_the_body(editor):
    logged_in(editor).post(
        "/articles/import/", {"text": WIRE_TEXT, "first_line_title": "on", "title": "Strike over"}
    )

    article = Article.objects.get()
    assert (article.title, article.text[:4]) == ("Strike over", "Dock")


def test_a_single_paragraph_cannot_give_its_first_line_as_the_title(editor):
    response = logged_in(editor).post(
        "/articles/import/", {"text": "Only one paragraph.", "first_line_title": "on"}
    )

    html = response.content.decode()
    assert "single paragraph" in html
    assert 'id="id_first_line_title_error"' in html
    assert not Article.objects.exists()


def test_preview_shows_the_title_and_paragraphs_and_saves_nothing(editor):
    response = logged_in(editor).post(
        "/articles/import/", {"text": WIRE_TEXT, "first_line_title": "on", "preview": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: nothing is saved yet" in html
    assert "2 paragraphs" in html
    assert '<span class="import-preview__label">Title</span> Port strike ends' in html
    assert '<p class="import-preview__paragraph">Dock workers' in html
    # The form comes back as it was sent, ready to import.
    assert 'id="id_first_line_title" checked' in html
    assert not Article.objects.exists()


def test_preview_offers_the_first_line_when_it_looks_like_a_headline(editor):
    client = logged_in(editor)

    offered = client.post("/articles/import/", {"text": WIRE_TEXT, "preview": "1"})
    sentence = client.post(
        "/articles/import/", {"text": "It rained.\nThen it stopped.", "preview": "1"}
    )

    assert "looks like a headline" in offered.content.decode()
    assert "looks like a headline" not in sentence.content.decode()


def test_importing_the_same_text_twice_warns_and_offers_the_existing_article(editor):
    existing = ArticleFactory(title="Strike", text="Port strike ends\n\nDock workers returned.")

    response = logged_in(editor).post(
        "/articles/import/", {"text": "Port strike ends\nDock workers returned.\n"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Already on the desk" in html
    assert "the same text" in html
    assert f'href="/articles/{existing.pk}/"' in html
    assert f'formaction="/articles/{existing.pk}/revise/"' in html
    assert Article.objects.count() == 1


def test_importing_the_same_url_twice_warns(editor):
    existing = ArticleFactory(source_url="https://news.example.org/strike")

    response = logged_in(editor).post(
        "/articles/import/",
        {"text": "A different text.", "source_url": "https://news.example.org/strike"},
    )

    html = response.content.decode()
    assert "the same URL" in html
    assert f'href="/articles/{existing.pk}/"' in html
    assert Article.objects.count() == 1


def test_a_duplicate_is_imported_when_the_editor_says_so(editor):
    ArticleFactory(text="Port strike ends\n\nDock workers returned.")

    response = logged_in(editor).post(
        "/articles/import/",
        {"text": "Port strike ends\n\nDock workers returned.", "import_anyway": "on"},
    )

    assert response.status_code == 302
    assert Article.objects.count() == 2


def test_a_text_already_on_the_desk_as_a_later_revision_is_a_duplicate(editor):
    article = ArticleFactory(text="First version.")
    ArticleRevision.objects.create(article=article, number=2, title="t", text="Second version.")

    response = logged_in(editor).post("/articles/import/", {"text": "Second version."})

    assert "Already on the desk" in response.content.decode()


def test_an_error_elsewhere_keeps_the_uploaded_file_and_its_tab(editor):
    client = logged_in(editor)
    upload = SimpleUploadedFile("wire.txt", WIRE_TEXT.encode(), "text/plain")

    refused = client.post(
        "/articles/import/",
        {"file": upload, "published_on": "not a date", "source_tab": "file"},
    )
    html = refused.content.decode()
    token = html.split('name="kept_file" value="', 1)[1].split('"', 1)[0]
    saved = client.post(
        "/articles/import/",
        {"kept_file": token, "published_on": "2026-03-14", "source_tab": "file"},
    )

    assert "Kept from your last try: <strong>wire.txt</strong>" in html
    assert 'data-initial="file"' in html
    assert saved.status_code == 302
    article = Article.objects.get()
    assert article.text.startswith("Port strike ends")
    assert str(article.published_on) == "2026-03-14"


def test_a_kept_upload_is_claimed_only_with_its_token(editor):
    client = logged_in(editor)
    upload = SimpleUploadedFile("wire.txt", WIRE_TEXT.encode(), "text/plain")
    client.post("/articles/import/", {"file": upload, "published_on": "x"})

    response = client.post("/articles/import/", {"kept_file": "forged", "source_tab": "file"})

    assert response.status_code == 200
    assert "exactly one of them" in response.content.decode()
    assert not Article.objects.exists()


def test_an_empty_form_has_its_error_on_the_box_of_the_tab_in_view(editor):
    response = logged_in(editor).post("/articles/import/", {"source_tab": "url"})

    html = response.content.decode()
    assert 'data-initial="url"' in html
    assert '<ul class="field__errors" id="id_url_error">' in html
    assert "exactly one of them" in html.split('id="id_url_error"', 1)[1].split("</ul>", 1)[0]


def test_an_address_without_its_scheme_is_told_to_add_https(editor):
    response = logged_in(editor).post(
        "/articles/import/", {"text": "Some text.", "source_url": "abcnews.go.com/US/story"}
    )

    html = response.content.decode()
    assert "did you mean https://abcnews.go.com/US/story?" in html
    assert 'id="id_source_url_error"' in html


def test_the_import_form_refuses_a_publication_date_far_in_the_future(editor):
    client = logged_in(editor)
    form_html = client.get("/articles/import/").content.decode()
    response = client.post(
        "/articles/import/", {"text": "Some text.", "published_on": "2999-12-31"}
    )

    html = response.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    # The date picker keeps to the same dates the import accepts.
    assert f'min="1800-01-01" max="{tomorrow.isoformat()}"' in form_html
    errors = html.split('id="id_published_on_error"', 1)[1].split("</ul>", 1)[0]
    assert "Enter a publication date from 1 January 1800 to" in errors
    assert not Article.objects.exists()


def test_a_pasted_text_of_only_blanks_and_zero_width_spaces_is_refused(editor):
    response = logged_in(editor).post(
        "/articles/import/", {"text": "   \n\n \u200b \n", "title": "Blank"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [
        "The article has no text: only spaces and invisible characters."
    ]
    assert not Article.objects.exists()
