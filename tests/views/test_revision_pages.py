"""The revision pages: the article page on any revision, the diff between two revisions, and the
editors' form for a new version."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.models import Article, ArticleRevision
from annotations.services.revisions import article_revise
from tests.factories import (
    ARTICLE_TEXT,
    AnnotationFactory,
    ArticleFactory,
    ReviewerFactory,
    UserFactory,
)
from tests.pages import logged_in, page_data

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
INSERTED = "Update: this article was corrected on Wednesday.\n\n"


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[], AbstractContextManager]:
    """committed() -> a block at whose end what a commit would run has run: tests never commit,
    and the re-anchoring task is enqueued after the commit (it runs eagerly in tests)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def revise(article: Article, editor, text: str, committed) -> ArticleRevision:
    with committed():
        revision, created = article_revise(article=article, text=text, created_by=editor)
    assert created
    return revision


def anchor_of(response, annotation) -> dict | None:
    (serialized,) = [a for a in page_data(response)["annotations"] if a["id"] == annotation.pk]
    return serialized["anchor"]


# --- The switcher on the article page -------------------------------------------------------


def test_the_switcher_lists_every_revision_with_its_origin_and_author(
    alice, editor, article, committed
):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    html = logged_in(alice).get(f"/articles/{article.pk}/").content.decode()

    assert 'id="revisions-heading"' in html
    assert f'href="/articles/{article.pk}/?revision=1"' in html
    assert "Revision 2</a>" in html
    assert "First import" in html
    assert "Pasted text · eddie" in html
    assert f'href="/articles/{article.pk}/revisions/2/diff/"' in html


def test_a_reviewer_sees_no_switcher_on_an_article_with_one_revision(alice, article):
    html = logged_in(alice).get(f"/articles/{article.pk}/").content.decode()

    assert 'id="revisions-heading"' not in html


def test_an_earlier_revision_shows_its_own_text_and_the_highlight_at_its_offsets(
    alice, editor, article, committed
):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    response = logged_in(alice).get(f"/articles/{article.pk}/?revision=1")

    anchor = anchor_of(response, highlight)
    start = ARTICLE_TEXT.index(CLAIM)
    assert (anchor["revision"], anchor["start"], anchor["end"]) == (1, start, start + len(CLAIM))
    assert page_data(response)["article"]["revision"] == 1
    assert b"Update: this article was corrected" not in response.content
    assert (
        b'<p class="paragraph" dir="auto" data-start="0">City council approves new budget</p>'
        in (response.content)
    )


def test_the_latest_revision_shows_the_highlight_moved_past_an_insertion_before_it(
    alice, editor, article, committed
):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    response = logged_in(alice).get(f"/articles/{article.pk}/")

    anchor = anchor_of(response, highlight)
    start = len(INSERTED) + ARTICLE_TEXT.index(CLAIM)
    assert (anchor["revision"], anchor["start"], anchor["end"]) == (2, start, start + len(CLAIM))
    assert (INSERTED + ARTICLE_TEXT)[anchor["start"] : anchor["end"]] == CLAIM
    assert b"Update: this article was corrected" in response.content


def test_a_highlight_missing_from_an_earlier_revision_is_listed_without_a_place(
    alice, editor, article, committed
):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)
    added_later = AnnotationFactory(
        article=article,
        reviewer=alice,
        quote="this article was corrected on Wednesday",
    )

    response = logged_in(alice).get(f"/articles/{article.pk}/?revision=1")

    assert response.status_code == 200
    assert anchor_of(response, added_later) is None
    assert b"These are not in this revision's text." in response.content


def test_an_earlier_revision_is_read_only_with_a_notice_linking_to_the_latest(
    alice, editor, article, committed
):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    response = logged_in(alice).get(f"/articles/{article.pk}/?revision=1")

    assert page_data(response)["user"]["can_annotate"] is False
    html = response.content.decode()
    assert "You are viewing revision 1 of 2; highlights are added on the latest revision." in html
    assert f'<a href="/articles/{article.pk}/">Go to the latest revision</a>' in html


def test_the_latest_revision_asked_for_by_number_can_be_annotated(
    alice, editor, article, committed
):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    response = logged_in(alice).get(f"/articles/{article.pk}/?revision=2")

    assert page_data(response)["user"]["can_annotate"] is True
    assert b"You are viewing revision" not in response.content


@pytest.mark.parametrize("number", ["2", "0", "-1", "abc", "", "1.0", "9" * 30])
def test_an_unknown_or_malformed_revision_is_a_404(alice, article, number):
    response = logged_in(alice).get(f"/articles/{article.pk}/", {"revision": number})

    assert response.status_code == 404


def test_the_article_page_offers_editors_a_new_version(editor, article):
    html = logged_in(editor).get(f"/articles/{article.pk}/").content.decode()

    assert f'href="/articles/{article.pk}/revise/">Import a new version</a>' in html


def test_the_article_page_offers_reviewers_no_new_version(alice, editor, article, committed):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    html = logged_in(alice).get(f"/articles/{article.pk}/").content.decode()

    assert "Import a new version" not in html


def test_article_page_queries_do_not_grow_with_revisions_or_annotations(
    editor, committed, django_assert_max_num_queries
):
    small, large = ArticleFactory(), ArticleFactory()
    reviewers = [ReviewerFactory() for _ in range(4)]
    for i in range(2):
        AnnotationFactory(article=small, reviewer=reviewers[i])
    for i in range(20):
        AnnotationFactory(article=large, reviewer=reviewers[i % 4])
    text = ARTICLE_TEXT
    for number in range(2, 6):
        text = f"Update {number}.\n\n{text}"
        revise(large, editor, text, committed)
    client = logged_in(editor)
    with django_assert_max_num_queries(30) as baseline:
        client.get(f"/articles/{small.pk}/")
    assert baseline.captured_queries, "no queries captured: the measurement would be vacuous"

    with django_assert_max_num_queries(len(baseline.captured_queries)) as latest:
        response = client.get(f"/articles/{large.pk}/")
    with django_assert_max_num_queries(len(baseline.captured_queries)) as earlier:
        client.get(f"/articles/{large.pk}/?revision=3")

    assert latest.captured_queries and earlier.captured_queries
    assert len([a for a in page_data(response)["annotations"] if a["anchor"]]) == 20


# --- The diff page ----------------------------------------------------------------------------


def test_the_diff_page_marks_what_an_edit_inserted_and_deleted(alice, editor, article, committed):
    corrected = ARTICLE_TEXT.replace(
        "has doubled since 2020.", "rose by 12% since 2020, official figures show."
    ).replace("on Tuesday", "on Tuesday evening")
    revise(article, editor, corrected, committed)

    response = logged_in(alice).get(f"/articles/{article.pk}/revisions/2/diff/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "on Tuesday<ins> evening</ins>," in html
    assert (
        "unemployment <del>has doubled since 2020</del>"
        "<ins>rose by 12% since 2020, official figures show</ins>." in html
    )
    assert "53 characters inserted" in html
    assert "22 characters deleted" in html


def test_the_diff_page_escapes_markup_in_the_article_text(alice, editor, article, committed):
    revise(article, editor, "<script>alert('x')</script>\n\n" + ARTICLE_TEXT, committed)

    html = logged_in(alice).get(f"/articles/{article.pk}/revisions/2/diff/").content.decode()

    assert "<ins>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;\n\n</ins>" in html
    assert "<script>alert" not in html


def test_the_diff_page_compares_with_any_other_revision_asked_for(
    alice, editor, article, committed
):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)
    revise(article, editor, INSERTED + ARTICLE_TEXT + "\n\nA last line.", committed)

    html = (
        logged_in(alice)
        .get(f"/articles/{article.pk}/revisions/3/diff/", {"against": "1"})
        .content.decode()
    )

    assert "compared with revision 1." in html
    assert f"<ins>{INSERTED}</ins>" in html
    assert "<ins>\n\nA last line.</ins>" in html


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("revisions/1/diff/", {}),
        ("revisions/3/diff/", {}),
        ("revisions/2/diff/", {"against": "2"}),
        ("revisions/2/diff/", {"against": "7"}),
        ("revisions/2/diff/", {"against": "x"}),
        (f"revisions/{'9' * 18}/diff/", {}),
    ],
)
def test_a_diff_with_a_missing_revision_is_a_404(alice, editor, article, committed, path, query):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)

    response = logged_in(alice).get(f"/articles/{article.pk}/{path}", query)

    assert response.status_code == 404


def test_people_outside_the_desk_cannot_see_a_diff(editor, article, committed):
    revise(article, editor, INSERTED + ARTICLE_TEXT, committed)
    outsider = UserFactory()

    response = logged_in(outsider).get(f"/articles/{article.pk}/revisions/2/diff/")

    assert response.status_code == 404


# --- The new-version form -----------------------------------------------------------------------


def test_an_editor_saves_a_new_version_by_pasting_it(editor, article, committed):
    with committed():
        response = logged_in(editor).post(
            f"/articles/{article.pk}/revise/", {"text": INSERTED + ARTICLE_TEXT}, follow=True
        )

    assert response.redirect_chain == [(f"/articles/{article.pk}/", 302)]
    assert b"Revision 2 saved; highlights are being placed on it." in response.content
    revision = article.revisions.get(number=2)
    assert (revision.text, revision.origin, revision.created_by) == (
        INSERTED + ARTICLE_TEXT,
        ArticleRevision.Origin.PASTE,
        editor,
    )


def test_unchanged_text_saves_no_revision_and_says_so(editor, article):
    response = logged_in(editor).post(
        f"/articles/{article.pk}/revise/", {"text": ARTICLE_TEXT}, follow=True
    )

    assert b"The text has not changed; no new revision." in response.content
    assert article.revisions.count() == 1


def test_reviewers_cannot_open_the_revise_page(alice, article):
    client = logged_in(alice)

    assert client.get(f"/articles/{article.pk}/revise/").status_code == 403
    assert client.post(f"/articles/{article.pk}/revise/", {"text": "New."}).status_code == 403
    assert article.revisions.count() == 1


def test_the_revise_form_needs_its_csrf_token(editor, article):
    client = logged_in(editor, enforce_csrf_checks=True)

    response = client.post(f"/articles/{article.pk}/revise/", {"text": INSERTED + ARTICLE_TEXT})

    assert response.status_code == 403
    assert article.revisions.count() == 1


def test_a_binary_upload_is_a_form_error_and_saves_nothing(editor, article):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")

    response = logged_in(editor).post(f"/articles/{article.pk}/revise/", {"file": upload})

    assert response.status_code == 200
    assert "The file is binary, not text or HTML." in response.context["form"].errors["file"]
    assert article.revisions.count() == 1


def test_a_text_upload_saves_a_new_version(editor, article, committed):
    upload = SimpleUploadedFile("corrected.txt", (INSERTED + ARTICLE_TEXT).encode(), "text/plain")

    with committed():
        response = logged_in(editor).post(f"/articles/{article.pk}/revise/", {"file": upload})

    assert response.status_code == 302
    assert article.revisions.get(number=2).origin == ArticleRevision.Origin.UPLOAD


def test_pasting_and_uploading_at_once_is_a_form_error(editor, article):
    upload = SimpleUploadedFile("corrected.txt", b"Other text.", "text/plain")

    response = logged_in(editor).post(
        f"/articles/{article.pk}/revise/", {"text": "New text.", "file": upload}
    )

    assert response.status_code == 200
    assert b"one of the two" not in response.content  # the article has a URL: three choices
    assert b"exactly one of them" in response.content
    assert article.revisions.count() == 1


def test_fetching_again_is_offered_when_the_article_has_a_url(editor, article):
    html = logged_in(editor).get(f"/articles/{article.pk}/revise/").content.decode()

    assert 'name="refetch"' in html
    assert article.source_url in html


def test_fetching_again_is_not_offered_without_a_url(editor):
    article = ArticleFactory(source_url="")

    html = logged_in(editor).get(f"/articles/{article.pk}/revise/").content.decode()

    assert 'name="refetch"' not in html
    assert "Fetch the article" not in html


def test_asking_to_fetch_an_article_without_a_url_is_a_form_error(editor):
    article = ArticleFactory(source_url="")

    response = logged_in(editor).post(f"/articles/{article.pk}/revise/", {"refetch": "on"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Paste the new text or upload a file: one of the two."
    ]
    assert article.revisions.count() == 1


def test_a_refetch_the_site_refuses_is_an_error_on_that_choice(editor, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    article = ArticleFactory(source_url="http://127.0.0.1/story")

    response = logged_in(editor).post(f"/articles/{article.pk}/revise/", {"refetch": "on"})

    assert response.status_code == 200
    assert response.context["form"].errors["refetch"] == [
        "That URL points to a private or local address, which is not allowed."
    ]
    assert article.revisions.count() == 1


def test_an_unknown_article_has_no_revise_page(editor):
    assert logged_in(editor).get("/articles/999999/revise/").status_code == 404
