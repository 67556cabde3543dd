"""The back office: every model's pages load, and the publish action goes through the service."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from annotations.models import ClaimUnit, Verdict
from tests.factories import AnnotationFactory, UserFactory, verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in() -> Client:
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def decided_verdict() -> Verdict:
    annotation = AnnotationFactory()
    unit = ClaimUnit.objects.create(
        article=annotation.article,
        kind="claim",
        start=annotation.start,
        end=annotation.end,
        status=ClaimUnit.Status.DECIDED,
        version=3,
    )
    return Verdict.objects.create(unit=unit, label=verdict("false"), claim_reviewed="Crime halved")


def test_every_registered_model_has_working_list_and_add_pages(
    admin_client_logged_in, decided_verdict
):
    for model in admin.site._registry:
        if model._meta.app_label != "annotations":
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = admin_client_logged_in.get(reverse(f"{prefix}_changelist"))
        assert changelist.status_code == 200, model
        add = admin_client_logged_in.get(reverse(f"{prefix}_add"))
        assert add.status_code in (200, 403), model


def test_the_publish_action_publishes_through_the_version_check(
    admin_client_logged_in, decided_verdict
):
    response = admin_client_logged_in.post(
        reverse("admin:annotations_verdict_changelist"),
        {"action": "publish", "_selected_action": [decided_verdict.pk]},
    )

    assert response.status_code == 302
    decided_verdict.refresh_from_db()
    assert decided_verdict.is_published
    assert ClaimUnit.objects.get(pk=decided_verdict.unit_id).status == "published"


def test_history_is_recorded_and_shown_for_verdicts(admin_client_logged_in, decided_verdict):
    decided_verdict.claim_reviewed = "Crime fell by half"
    decided_verdict.save()

    page = admin_client_logged_in.get(
        reverse("admin:annotations_verdict_history", args=[decided_verdict.pk])
    )

    assert decided_verdict.history.count() == 2
    assert page.status_code == 200


def test_the_reassign_action_asks_for_a_reviewer_then_moves_the_assignments(
    admin_client_logged_in,
):
    from annotations.models import Assignment
    from tests.factories import ArticleFactory, ReviewerFactory

    old, new = ReviewerFactory(username="old-hand"), ReviewerFactory(username="new-hand")
    first, second = ArticleFactory(), ArticleFactory()
    moving = Assignment.objects.create(article=first, reviewer=old)
    clash = Assignment.objects.create(article=second, reviewer=old)
    Assignment.objects.create(article=second, reviewer=new)  # new already holds this one
    url = reverse("admin:annotations_assignment_changelist")
    selected = {"action": "reassign", "_selected_action": [moving.pk, clash.pk]}

    asked = admin_client_logged_in.post(url, selected)
    done = admin_client_logged_in.post(url, {**selected, "apply": "1", "reviewer": new.pk})

    assert asked.status_code == 200
    assert b"Reassign 2 assignments" in asked.content
    assert done.status_code == 302
    moving.refresh_from_db()
    clash.refresh_from_db()
    assert moving.reviewer == new
    assert clash.reviewer == old


def test_an_articles_text_is_read_only_in_the_back_office(admin_client_logged_in):
    from tests.factories import ArticleFactory

    article = ArticleFactory()

    page = admin_client_logged_in.get(
        reverse("admin:annotations_article_change", args=[article.pk])
    ).content.decode()

    assert 'name="text"' not in page
    assert "Critics say unemployment has doubled" in page


def test_an_article_added_in_the_back_office_gets_its_first_revision(admin_client_logged_in):
    from annotations.models import Article

    response = admin_client_logged_in.post(
        reverse("admin:annotations_article_add"),
        {"title": "Typed in", "text": "Typed in the back office.", "language": "en"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Typed in")
    assert list(article.revisions.values_list("number", "text")) == [
        (1, "Typed in the back office.")
    ]
