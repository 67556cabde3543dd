"""Re-attach mode on the article page (`?reattach=<anchor id>`): who may open it, for which
highlights, and what the page tells the browser."""

from __future__ import annotations

import pytest

from annotations.core.anchoring.similarity import REATTACH_CONFIRM_BELOW
from annotations.models import AnnotationAnchor
from annotations.services.revisions import article_revise, orphan_confirm_gone
from tests.factories import ARTICLE_TEXT, AnnotationFactory, ArticleFactory
from tests.pages import logged_in, page_data

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
REWORDED = "Critics were not quoted."


@pytest.fixture
def orphan(article, alice, editor, django_capture_on_commit_callbacks) -> AnnotationAnchor:
    """Alice's highlight of the claim, lost in revision 2 (the re-anchoring runs on commit)."""
    highlight = AnnotationFactory(article=article, reviewer=alice)
    with django_capture_on_commit_callbacks(execute=True):
        article_revise(
            article=article, text=ARTICLE_TEXT.replace(CLAIM, REWORDED), created_by=editor
        )
    anchor = AnnotationAnchor.objects.get(annotation=highlight)
    assert anchor.status == AnnotationAnchor.Status.ORPHANED
    return anchor


def reattach_url(anchor: AnnotationAnchor, **extra: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in extra.items())
    return f"/articles/{anchor.revision.article_id}/?reattach={anchor.pk}" + (
        f"&{query}" if query else ""
    )


def test_the_reviewer_of_an_orphan_sees_the_banner_and_the_re_attach_data(alice, orphan):
    response = logged_in(alice).get(reattach_url(orphan))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Re-attach your highlight “" in html
    assert CLAIM in html
    assert "(verdict Mostly false): select its passage in the text below." in html
    assert 'id="reattach-cancel"' in html and 'href="/reattach/"' in html
    assert 'id="reattach-bar"' in html
    assert page_data(response)["reattach"] == {
        "id": orphan.pk,
        "annotation": orphan.annotation_id,
        "url": f"/api/v1/orphans/{orphan.pk}/reattach/",
        "list_url": "/reattach/",
        "exact": CLAIM,
        "verdict": "Mostly false",
        "is_own": True,
        "reviewer": "alice",
        "confirm_below": REATTACH_CONFIRM_BELOW,
    }


def test_an_editor_may_re_attach_a_reviewers_orphan(editor, orphan):
    response = logged_in(editor).get(reattach_url(orphan))

    assert response.status_code == 200
    assert "Re-attach alice’s highlight “" in response.content.decode()
    assert page_data(response)["reattach"]["is_own"] is False


def test_another_reviewer_gets_a_404(bob, orphan):
    assert logged_in(bob).get(reattach_url(orphan)).status_code == 404


@pytest.mark.parametrize("resolution", ["gone", "reattached"])
def test_a_resolved_highlight_gets_a_404(alice, orphan, resolution):
    if resolution == "gone":
        orphan_confirm_gone(anchor=orphan, actor=alice)
    else:
        start = orphan.revision.text.index(REWORDED)
        AnnotationAnchor.objects.filter(pk=orphan.pk).update(
            status=resolution, start=start, end=start + len(REWORDED), exact=REWORDED
        )

    assert logged_in(alice).get(reattach_url(orphan)).status_code == 404


def test_re_attaching_on_an_earlier_revision_gets_a_404(alice, orphan):
    response = logged_in(alice).get(reattach_url(orphan, revision="1"))

    assert response.status_code == 404


def test_the_orphan_must_belong_to_the_article_in_the_url(alice, orphan):
    other = ArticleFactory()

    response = logged_in(alice).get(f"/articles/{other.pk}/?reattach={orphan.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "-1", "1.0", "1" * 19, "٣"])
def test_a_malformed_anchor_id_gets_a_404(alice, orphan, value):
    response = logged_in(alice).get(f"/articles/{orphan.revision.article_id}/?reattach={value}")

    assert response.status_code == 404


def test_the_page_without_the_parameter_has_no_re_attach_mode(alice, orphan):
    response = logged_in(alice).get(f"/articles/{orphan.revision.article_id}/")

    assert response.status_code == 200
    assert "reattach" not in page_data(response)
    assert 'id="reattach-banner"' not in response.content.decode()
