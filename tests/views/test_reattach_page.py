"""/reattach/: highlights a new revision lost, for their reviewer and editors to resolve; and
the flags editors get when a published verdict's claim left the article."""

from __future__ import annotations

import pytest

from annotations.models import AnnotationAnchor, ClaimUnit
from annotations.services.revisions import article_revise
from tests.factories import (
    ARTICLE_TEXT,
    AnnotationFactory,
    UserFactory,
    claims_reviewed,
    unit_decided_and_published,
)
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
LOST = ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted.")


@pytest.fixture
def revise(django_capture_on_commit_callbacks, editor):
    def revise(article, text):
        with django_capture_on_commit_callbacks(execute=True):
            revision, _ = article_revise(article=article, text=text, created_by=editor)
        return revision

    return revise


@pytest.fixture
def orphan(article, alice, revise) -> AnnotationAnchor:
    AnnotationFactory(article=article, reviewer=alice)
    revise(article, LOST)
    return AnnotationAnchor.objects.get(status="orphaned")


def test_a_reviewer_sees_their_lost_highlight_with_its_old_context(alice, orphan):
    page = logged_in(alice).get("/reattach/")

    assert page.status_code == 200
    html = page.content.decode()
    assert f"<mark>{CLAIM}</mark>" in html
    assert f"?reattach={orphan.pk}" in html
    assert f"/reattach/{orphan.pk}/gone/" in html


def test_another_reviewer_does_not_see_it(bob, orphan):
    page = logged_in(bob).get("/reattach/")

    assert CLAIM not in page.content.decode()
    assert "Nothing to re-attach" in page.content.decode()


def test_editors_see_every_reviewers_lost_highlights_with_names(editor, orphan):
    html = logged_in(editor).get("/reattach/").content.decode()

    assert f"<mark>{CLAIM}</mark>" in html
    assert "Reviewer: alice" in html


def test_a_user_outside_the_desk_is_refused(orphan):
    assert logged_in(UserFactory()).get("/reattach/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, orphan):
    assert client.get("/reattach/").status_code == 302


def test_confirming_gone_removes_it_from_the_list(alice, orphan):
    client = logged_in(alice)

    response = client.post(f"/reattach/{orphan.pk}/gone/", follow=True)

    orphan.refresh_from_db()
    assert orphan.status == "gone"
    assert "Marked" in response.content.decode()
    assert f"<mark>{CLAIM}</mark>" not in response.content.decode()


def test_confirming_gone_twice_says_so_without_an_error_page(alice, editor, orphan):
    logged_in(alice).post(f"/reattach/{orphan.pk}/gone/")

    response = logged_in(editor).post(f"/reattach/{orphan.pk}/gone/", follow=True)

    assert response.status_code == 200
    assert "not waiting to be re-attached" in response.content.decode()


def test_another_reviewer_cannot_confirm_it_gone(bob, orphan):
    assert logged_in(bob).post(f"/reattach/{orphan.pk}/gone/").status_code == 404
    orphan.refresh_from_db()
    assert orphan.status == "orphaned"


def test_confirming_gone_needs_a_post(alice, orphan):
    assert logged_in(alice).get(f"/reattach/{orphan.pk}/gone/").status_code == 405


@pytest.fixture
def published_claim(article, editor, django_capture_on_commit_callbacks) -> ClaimUnit:
    for slug in ("false", "mostly-false"):
        with django_capture_on_commit_callbacks(execute=True):
            claims_reviewed(article, {CLAIM: slug})
    unit = ClaimUnit.objects.get(article=article)
    unit_decided_and_published(unit, editor, claim_reviewed="Unemployment doubled")
    return unit


def test_editors_are_told_when_a_published_claim_leaves_the_article(
    editor, article, published_claim, revise
):
    revise(article, LOST)

    queue = logged_in(editor).get("/review/").content.decode()
    unit_page = logged_in(editor).get(f"/review/units/{published_claim.pk}/").content.decode()
    listed = logged_in(editor).get("/reattach/").content.decode()

    assert "1 published verdict no longer matches the article" in queue
    assert "This claim is no longer in the article" in unit_page
    assert "Unemployment doubled" in listed


def test_no_flag_while_the_claim_is_still_there(editor, article, published_claim, revise):
    revise(article, "Update: corrected.\n\n" + ARTICLE_TEXT)

    unit_page = logged_in(editor).get(f"/review/units/{published_claim.pk}/").content.decode()

    assert "This claim is no longer in the article" not in unit_page
    assert 'id="vanished-claims"' not in logged_in(editor).get("/review/").content.decode()


def test_the_list_uses_as_many_queries_for_many_orphans_as_for_one(
    editor, article, revise, django_assert_max_num_queries
):
    from tests.factories import ArticleFactory, ReviewerFactory

    AnnotationFactory(article=article, reviewer=ReviewerFactory())
    revise(article, LOST)
    client = logged_in(editor)
    client.get("/reattach/")
    with django_assert_max_num_queries(30) as one:
        client.get("/reattach/")
    queries = len(one.captured_queries)
    for _ in range(3):
        other = ArticleFactory()
        for _ in range(4):
            AnnotationFactory(article=other, reviewer=ReviewerFactory())
        revise(other, LOST)

    with django_assert_max_num_queries(queries):
        html = client.get("/reattach/").content.decode()
    assert html.count(">Confirm it is gone</button>") == 13
