"""Assignments: editors assigning from the article page, the reviewers' inbox, and picking up
articles with free seats. Forms post as a browser without JavaScript would."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from annotations.models import (
    Assignment,
    DeskSettings,
)
from annotations.services.annotations import TargetInput, annotation_create
from tests.factories import (
    ArticleFactory,
    claims_reviewed,
    verdict,
)
from tests.pages import logged_in
from tests.views.review_scenario import (
    CRIME,
    TAXES,
    TEXT,
)

pytestmark = pytest.mark.django_db

# --- Assignments ---------------------------------------------------------------------------------


def test_editors_assign_reviewers_from_the_article_page(editor, reviewers, article):
    rosalind, tobias = reviewers
    client = logged_in(editor)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert f'action="/articles/{article.pk}/assign/"' in page
    assert f'value="{rosalind.pk}"' in page

    due = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        f"/articles/{article.pk}/assign/",
        {"reviewers": [rosalind.pk, tobias.pk], "due_on": due.isoformat()},
        follow=True,
    )

    assert response.redirect_chain == [(f"/articles/{article.pk}/#assignments", 302)]
    assert "Assigned to rosalind, tobias." in response.content.decode()
    assert set(Assignment.objects.values_list("reviewer__username", "due_on")) == {
        ("rosalind", due),
        ("tobias", due),
    }
    card = response.content.decode().split('id="assignments"')[1].split("</section>")[0]
    assert card.count("Not started") == 2


def test_assigning_nobody_is_refused_with_a_message(editor, article):
    response = logged_in(editor).post(f"/articles/{article.pk}/assign/", {}, follow=True)

    assert "Choose at least one reviewer." in response.content.decode()
    assert not Assignment.objects.exists()


def test_only_editors_see_the_assignment_card(reviewers, article):
    page = logged_in(reviewers[0]).get(f"/articles/{article.pk}/").content.decode()

    assert 'id="assignments"' not in page


def test_the_inbox_lists_my_assignments_with_progress_and_overdue_dates(
    editor, reviewers, django_capture_on_commit_callbacks
):
    rosalind, tobias = reviewers
    today = timezone.localdate()
    late = ArticleFactory(title="Late article")
    started = ArticleFactory(title="Started article", text=TEXT)
    done = ArticleFactory(title="Done article", text=TEXT)
    ArticleFactory(title="Somebody else's")
    Assignment.objects.create(article=late, reviewer=rosalind, due_on=today - datetime.timedelta(1))
    Assignment.objects.create(article=started, reviewer=rosalind, due_on=today)
    Assignment.objects.create(article=done, reviewer=rosalind, due_on=today - datetime.timedelta(5))
    Assignment.objects.create(article=ArticleFactory(title="Tobias's"), reviewer=tobias)
    for claim in (CRIME, TAXES):
        start = TEXT.index(claim)
        annotation_create(
            reviewer=rosalind,
            article=started,
            target=TargetInput(exact=claim, start=start, end=start + len(claim)),
            verdict=verdict("false"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(done, {CRIME: "true"}, reviewer=rosalind, sources=True)

    html = logged_in(rosalind).get("/assignments/").content.decode()
    cards = {
        re.search(r'article-card__link" href="[^"]+" dir="auto">([^<]+)<', card).group(1): card
        for card in html.split('<li class="article-card')[1:]
    }

    assert list(cards) == ["Done article", "Late article", "Started article"]
    assert "Overdue" in cards["Late article"]
    assert "Not started" in cards["Late article"]
    assert "In progress · 2 highlights" in cards["Started article"]
    assert "Overdue" not in cards["Started article"]
    assert "Submitted" in cards["Done article"]
    assert "Overdue" not in cards["Done article"]  # late, but done


def test_without_self_assignment_there_is_nothing_to_pick_up(reviewers, article):
    client = logged_in(reviewers[0])

    assert "Articles you can pick up" not in client.get("/assignments/").content.decode()
    assert client.post(f"/articles/{article.pk}/pick-up/").status_code == 403
    assert not Assignment.objects.exists()


def test_with_self_assignment_reviewers_pick_up_articles_with_free_seats(reviewers):
    rosalind, tobias = reviewers
    DeskSettings.objects.update_or_create(
        pk=1, defaults={"allow_self_assignment": True, "reviewers_per_article": 1}
    )
    free = ArticleFactory(title="Free article")
    full = ArticleFactory(title="Full article")
    Assignment.objects.create(article=full, reviewer=tobias)
    client = logged_in(rosalind)

    html = client.get("/assignments/").content.decode()
    offered = html[html.index("Articles you can pick up") :]
    assert "Free article" in offered and "1 seat left" in offered
    assert "Full article" not in offered

    response = client.post(f"/articles/{free.pk}/pick-up/", follow=True)

    assert response.redirect_chain == [("/assignments/", 302)]
    assert Assignment.objects.filter(article=free, reviewer=rosalind).exists()
    html = response.content.decode()
    assert "“Free article” is in your assignments." in html
    assert "Picked up by you" in html
    assert "Every article has all the reviewers it needs." in html


def test_picking_up_a_full_article_says_so(reviewers):
    rosalind, tobias = reviewers
    DeskSettings.objects.update_or_create(
        pk=1, defaults={"allow_self_assignment": True, "reviewers_per_article": 1}
    )
    full = ArticleFactory()
    Assignment.objects.create(article=full, reviewer=tobias)

    response = logged_in(rosalind).post(f"/articles/{full.pk}/pick-up/", follow=True)

    assert "already has all the reviewers it needs" in response.content.decode()
    assert not Assignment.objects.filter(reviewer=rosalind).exists()
