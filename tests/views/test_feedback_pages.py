"""The feedback pages: a reviewer's own (differences, explanation, chart and table), the
editors' list of reviewers and each reviewer's page behind an opaque key, who may open which,
names hidden where the desk hides them, and queries that do not grow with the units."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from annotations.models import DeskSettings, Notification
from annotations.selectors.feedback import feedback_key, feedback_pseudonym
from tests.factories import ArticleFactory, EditorFactory, UserFactory
from tests.feedback_desk import decided_units
from tests.pages import logged_in

pytestmark = pytest.mark.django_db
EXPLANATION = "The ministry's own table shows a 12% rise, not a doubling."


@pytest.fixture
def overruled(alice, bob):
    """Alice said Mixed and Bob False; the editor decided False, with an explanation. Two more
    units both rated True were decided True."""
    article = ArticleFactory(title="Jobs report")
    decided_units(
        article,
        ratings={alice: "mixed", bob: "false"},
        final="false",
        explanation=EXPLANATION,
        claim_reviewed="Unemployment doubled since 2020",
        published=True,
        decided_at=timezone.now(),
    )
    decided_units(
        article,
        ratings={alice: "true", bob: "true"},
        final="true",
        count=2,
        decided_at=timezone.now(),
    )
    return article


def hide_names() -> None:
    DeskSettings.load()
    DeskSettings.objects.filter(pk=1).update(hide_reviewer_names=True)


def test_a_reviewer_sees_where_the_final_verdict_differed_with_the_explanation(alice, overruled):
    response = logged_in(alice).get("/review/feedback/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("data-feedback-difference") == 1
    assert "Unemployment doubled since 2020" in page
    assert EXPLANATION.replace("'", "&#x27;") in page
    assert re.search(r"data-own-label>.*?</svg>\s*Mixed</span>", page, re.S)
    assert re.search(r"data-final-label>.*?</svg>\s*False</span>", page, re.S)
    verdict_id = overruled.units.get(verdict__label__slug="false").verdict.pk
    assert f'href="/verdicts/{verdict_id}/"' in page


def test_the_own_page_has_the_charts_and_the_same_figures_in_a_table(alice, overruled):
    page = logged_in(alice).get("/review/feedback/").content.decode()

    assert page.count('role="img"') == 2
    assert "<caption" in page and 'scope="row"' in page
    assert "data-feedback-agreement>67%<" in page  # 2 of 3 decided claims
    this_month = timezone.localdate().strftime("%b %Y")
    assert re.search(rf">{this_month}</time></th><td[^>]*>3</td><td[^>]*>2</td><td[^>]*>67%<", page)
    assert not re.search(r"\sstyle=", page)  # the charts use presentation attributes (CSP)


def test_the_own_page_names_colleagues_in_kappa_unless_the_desk_hides_names(alice, bob, overruled):
    assert ">bob</th>" in logged_in(alice).get("/review/feedback/").content.decode()

    hide_names()
    page = logged_in(alice).get("/review/feedback/").content.decode()
    assert "bob" not in page
    assert feedback_pseudonym(feedback_key(bob.pk)) in page


def test_nav_links_reviewers_to_their_feedback_and_editors_to_the_list(alice, editor):
    assert 'href="/review/feedback/"' in logged_in(alice).get("/").content.decode()
    assert 'href="/review/feedback/reviewers/"' in logged_in(editor).get("/").content.decode()


def test_an_editor_lists_reviewers_with_their_figures_behind_opaque_keys(
    alice, bob, editor, overruled
):
    page = logged_in(editor).get("/review/feedback/reviewers/").content.decode()

    assert f'href="/review/feedback/reviewers/{feedback_key(alice.pk)}/"' in page
    assert ">alice</a>" in page and ">bob</a>" in page
    assert "67%" in page and "100%" in page


def test_an_editor_opens_a_reviewers_page(alice, editor, overruled):
    response = logged_in(editor).get(f"/review/feedback/reviewers/{feedback_key(alice.pk)}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Feedback: alice" in page
    assert EXPLANATION.replace("'", "&#x27;") in page
    assert 'href="/review/units/' in page  # editors also get the unit page


def test_hidden_names_never_reach_the_editors_pages_or_urls(alice, bob, editor, overruled):
    hide_names()
    client = logged_in(editor)

    listing = client.get("/review/feedback/reviewers/").content.decode()
    detail = client.get(f"/review/feedback/reviewers/{feedback_key(alice.pk)}/").content.decode()
    for page in (listing, detail):
        assert "alice" not in page and "bob" not in page
    assert feedback_pseudonym(feedback_key(alice.pk)) in listing
    assert f"Feedback: {feedback_pseudonym(feedback_key(alice.pk))}" in detail


def test_a_reviewer_cannot_open_another_reviewers_page_nor_the_list(alice, bob, overruled):
    client = logged_in(bob)

    assert client.get(f"/review/feedback/reviewers/{feedback_key(alice.pk)}/").status_code == 404
    assert client.get("/review/feedback/reviewers/").status_code == 403


def test_an_unknown_key_is_a_404_for_editors(editor, overruled):
    assert logged_in(editor).get(f"/review/feedback/reviewers/{'0' * 20}/").status_code == 404
    assert logged_in(editor).get("/review/feedback/reviewers/alice/").status_code == 404


def test_outsiders_get_nothing(overruled):
    outsider = UserFactory()
    assert logged_in(outsider).get("/review/feedback/").status_code == 403
    assert logged_in(outsider).get("/review/feedback/reviewers/").status_code == 403
    assert logged_in(outsider).get("/").status_code == 200  # and no Feedback link
    assert 'href="/review/feedback/' not in logged_in(outsider).get("/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get("/review/feedback/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_editor_who_does_not_review_has_no_own_page(editor):
    assert logged_in(editor).get("/review/feedback/").status_code == 403


def test_an_editor_who_also_reviews_has_both(overruled):
    both: User = EditorFactory()
    both.groups.add(*User.objects.get(username="alice").groups.all())
    client = logged_in(both)

    assert client.get("/review/feedback/").status_code == 200
    assert client.get("/review/feedback/reviewers/").status_code == 200


def test_differences_are_paginated_and_the_page_queries_do_not_grow_with_units(
    alice, bob, django_assert_max_num_queries
):
    article = ArticleFactory()
    decided_units(article, ratings={alice: "mixed", bob: "false"}, final="false", count=3)
    client = logged_in(alice)
    with django_assert_max_num_queries(40) as few:
        client.get("/review/feedback/")

    for months_ago in range(6):
        when = datetime.datetime(2026, 11, 10, tzinfo=datetime.UTC) - datetime.timedelta(
            days=31 * months_ago
        )
        decided_units(
            article, ratings={alice: "mixed", bob: "true"}, final="false", count=35, decided_at=when
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/review/feedback/?page=2")

    page = response.content.decode()
    assert page.count("data-feedback-difference") == 20
    assert "Page 2 of 11" in page  # 213 differences, 20 a page


def test_the_agreement_dashboard_links_the_reviewers_feedback(editor):
    page = logged_in(editor).get("/agreement/").content.decode()

    assert 'href="/review/feedback/reviewers/"' in page


def test_a_verdict_differed_notification_leads_to_that_claim_on_the_feedback_page(alice, overruled):
    unit = overruled.units.get(verdict__label__slug="false")
    notification = Notification.objects.create(
        recipient=alice,
        kind=Notification.Kind.VERDICT_DIFFERED,
        target=unit,
        summary="The desk decided otherwise.",
        dedupe_key=f"verdict_differed:{unit.verdict.pk}:test",
    )
    client = logged_in(alice)

    response = client.get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/review/feedback/#claim-{unit.pk}"
    page = client.get("/review/feedback/").content.decode()
    assert f'id="claim-{unit.pk}" data-feedback-difference' in page


def test_the_french_page_names_labels_and_writes_figures_the_french_way(alice, overruled):
    client = logged_in(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    page = client.get("/review/feedback/").content.decode()

    assert re.search(r"data-own-label>.*?</svg>\s*Mitigé</span>", page, re.S)
    assert re.search(r"data-final-label>.*?</svg>\s*Faux</span>", page, re.S)
    assert "data-feedback-agreement>67\u202f%<" in page
    assert ">67%<" not in page
