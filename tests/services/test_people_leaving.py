"""People leave newsrooms; their work stays: users are deactivated, never deleted, and what a
published verdict stands on cannot be deleted from under it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from annotations.models import (
    Annotation,
    Article,
    ClaimUnit,
    Correction,
    PersonalToken,
    Review,
    Verdict,
    VerdictLabel,
)
from annotations.services.tokens import personal_token_create
from tests.factories import PASSWORD, PublishedDesk, desk_published_and_corrected
from tests.pages import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(django_capture_on_commit_callbacks) -> PublishedDesk:
    return desk_published_and_corrected(lambda: django_capture_on_commit_callbacks(execute=True))


@pytest.fixture
def root_client() -> Client:
    return logged_in(User.objects.create_superuser("root", password=PASSWORD))


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, Annotation, Review, Verdict, Correction, ClaimUnit)
    }


def test_deleting_a_reviewer_with_highlights_is_refused_by_the_database_layer(desk):
    before = counts()

    with pytest.raises(ProtectedError):
        desk.reviewers[0].delete()

    assert counts() == before


def test_a_delete_that_bypasses_the_orm_is_refused_by_the_databases_foreign_keys(desk):
    reviewer = desk.reviewers[0]
    reviewer.groups.clear()  # the links a departure may drop; the highlights stay

    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM auth_user WHERE id = %s", [reviewer.pk])
        connection.check_constraints()  # deferred foreign keys, checked now

    assert Annotation.objects.filter(reviewer=reviewer).count() == 1


def test_deleting_the_editor_behind_a_verdict_is_refused_and_keeps_decided_by(desk):
    with pytest.raises(ProtectedError):
        desk.editor.delete()

    desk.verdict.refresh_from_db()
    assert desk.verdict.decided_by == desk.editor
    assert desk.verdict.corrections.get().corrected_by == desk.editor


def test_deleting_an_article_with_a_published_verdict_is_refused(desk):
    before = counts()

    with pytest.raises(ProtectedError):
        desk.article.delete()

    assert counts() == before


def test_the_back_office_offers_deactivate_and_never_delete_for_users(desk, root_client):
    changelist = root_client.get(reverse("admin:auth_user_changelist"))
    change = root_client.get(reverse("admin:auth_user_change", args=[desk.editor.pk]))
    delete = root_client.get(reverse("admin:auth_user_delete", args=[desk.editor.pk]))

    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "deactivate" in actions
    assert "delete_selected" not in actions
    assert reverse("admin:auth_user_delete", args=[desk.editor.pk]) not in change.content.decode()
    assert delete.status_code == 403


def test_the_deactivate_action_ends_logins_and_tokens_and_keeps_the_work(desk, root_client):
    reviewer = desk.reviewers[0]
    key = personal_token_create(user=reviewer, name="script").key
    session = logged_in(reviewer)
    before = counts()

    response = root_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [reviewer.pk]},
    )

    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert not reviewer.is_active
    assert not PersonalToken.objects.filter(user=reviewer, revoked_at__isnull=True).exists()
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert token_client.get("/api/v1/articles/").status_code == 401
    assert session.get("/account/").status_code == 302  # back to the login page
    login = Client().post("/login/", {"username": reviewer.username, "password": PASSWORD})
    assert "_auth_user_id" not in login.client.session
    api_login = APIClient().post(
        "/api/v1/auth/token/",
        {"username": reviewer.username, "password": PASSWORD},
        format="json",
    )
    assert api_login.status_code == 400
    assert counts() == before


def test_a_deactivated_reviewers_highlights_still_stand_behind_the_published_verdict(desk):
    call_command("deactivate_user", desk.reviewers[0].username)
    call_command("deactivate_user", desk.editor.username)

    public = Client().get(f"/verdicts/{desk.verdict.pk}/")
    unit = ClaimUnit.objects.get(pk=desk.verdict.unit_id)

    assert public.status_code == 200
    assert "Budget of 12m" in public.content.decode()
    assert unit.annotations.count() == 2
    assert Review.objects.filter(article=desk.article).count() == 2


def test_the_deactivate_command_revokes_tokens_and_refuses_an_unknown_name(desk):
    personal_token_create(user=desk.editor, name="script")

    call_command("deactivate_user", desk.editor.username)

    desk.editor.refresh_from_db()
    assert not desk.editor.is_active
    assert not PersonalToken.objects.filter(revoked_at__isnull=True).exists()
    with pytest.raises(CommandError, match="No user"):
        call_command("deactivate_user", "nobody")


def test_the_back_office_refuses_to_delete_a_published_verdict(desk, root_client):
    page = root_client.get(reverse("admin:annotations_verdict_delete", args=[desk.verdict.pk]))
    bulk = root_client.post(
        reverse("admin:annotations_verdict_changelist"),
        {"action": "delete_selected", "_selected_action": [desk.verdict.pk], "post": "yes"},
        follow=True,
    )

    assert page.status_code == 403
    assert bulk.status_code == 200
    assert "unpublish it first" in bulk.content.decode()
    assert Verdict.objects.filter(pk=desk.verdict.pk).exists()


def test_the_back_office_cannot_change_a_published_verdict_behind_readers_backs(desk, root_client):
    url = reverse("admin:annotations_verdict_change", args=[desk.verdict.pk])
    before = Verdict.objects.values().get(pk=desk.verdict.pk)

    page = root_client.get(url)
    posted = root_client.post(
        url,
        {
            "unit": desk.verdict.unit_id,
            "label": VerdictLabel.objects.get(slug="true").pk,
            "claim_reviewed": "Something else",
            "explanation": "Quietly changed",
            "claimant": "",
            "decided_by": desk.editor.pk,
            "decided_at_0": "2026-01-01",
            "decided_at_1": "00:00:00",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )

    assert page.status_code == 200
    assert 'name="label"' not in page.content.decode()
    assert 'name="claim_reviewed"' not in page.content.decode()
    assert posted.status_code == 403
    assert Verdict.objects.values().get(pk=desk.verdict.pk) == before


def test_the_back_office_deletes_a_verdict_once_unpublished(desk, root_client):
    root_client.post(
        reverse("admin:annotations_verdict_changelist"),
        {"action": "unpublish", "_selected_action": [desk.verdict.pk]},
    )

    response = root_client.post(
        reverse("admin:annotations_verdict_delete", args=[desk.verdict.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Verdict.objects.filter(pk=desk.verdict.pk).exists()


def test_deleting_a_reviewed_article_in_the_back_office_names_what_protects_it(desk, root_client):
    response = root_client.post(
        reverse("admin:annotations_article_delete", args=[desk.article.pk]), {"post": "yes"}
    )

    # Django's refusal page (the verdict stands in the way), not a 500.
    assert response.status_code == 200
    assert "Cannot delete article" in response.content.decode()
    assert "verdict" in response.content.decode()
    assert Article.objects.filter(pk=desk.article.pk).exists()
