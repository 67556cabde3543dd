"""The desk's settings in the back office: the one row cannot be deleted (it came back with the
defaults, and the labels never fast-tracked with it were gone), and reviewers per article is
held to 1 to 50, in the form and in the database; its help speaks to the admin, not of the
repository's files."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from annotations.models import DeskSettings
from tests.factories import UserFactory, verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def desk() -> DeskSettings:
    desk = DeskSettings.load()
    desk.fast_lane_excluded_labels.set([verdict("false")])
    return desk


def change_url(desk: DeskSettings) -> str:
    return reverse("admin:annotations_desksettings_change", args=[desk.pk])


def test_the_desk_settings_cannot_be_deleted_in_the_back_office(admin_client_logged_in, desk):
    url = reverse("admin:annotations_desksettings_delete", args=[desk.pk])

    assert admin_client_logged_in.get(url).status_code == 403
    assert admin_client_logged_in.post(url, {"post": "yes"}).status_code == 403

    assert DeskSettings.objects.filter(pk=desk.pk).exists()
    assert list(desk.fast_lane_excluded_labels.values_list("slug", flat=True)) == ["false"]
    page = admin_client_logged_in.get(change_url(desk)).content.decode()
    assert "deletelink" not in page


def test_the_desk_settings_list_offers_no_bulk_delete(admin_client_logged_in, desk):
    url = reverse("admin:annotations_desksettings_changelist")

    response = admin_client_logged_in.post(
        url, {"action": "delete_selected", "_selected_action": [desk.pk], "post": "yes"}
    )

    assert 'value="delete_selected"' not in admin_client_logged_in.get(url).content.decode()
    assert response.status_code in (200, 302)
    assert DeskSettings.objects.filter(pk=desk.pk).exists()


def posted(client: Client, desk: DeskSettings, reviewers: str):
    form = client.get(change_url(desk)).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data["fast_lane_excluded_labels"] = [label.pk for label in data["fast_lane_excluded_labels"]]
    return client.post(change_url(desk), data | {"reviewers_per_article": reviewers})


@pytest.mark.parametrize("typed", ["0", "51", "99999999999"])
def test_reviewers_per_article_outside_1_to_50_is_refused_on_its_field(
    admin_client_logged_in, desk, typed
):
    response = posted(admin_client_logged_in, desk, typed)

    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors.keys() == {"reviewers_per_article"}
    assert DeskSettings.objects.get(pk=desk.pk).reviewers_per_article == 3


@pytest.mark.parametrize("typed", ["1", "2", "50"])
def test_reviewers_per_article_from_1_to_50_is_saved(admin_client_logged_in, desk, typed):
    response = posted(admin_client_logged_in, desk, typed)

    assert response.status_code == 302
    assert DeskSettings.objects.get(pk=desk.pk).reviewers_per_article == int(typed)


@pytest.mark.parametrize("stored", [0, 51])
def test_the_database_refuses_reviewers_per_article_outside_the_range(desk, stored):
    with pytest.raises(IntegrityError), transaction.atomic():
        DeskSettings.objects.filter(pk=desk.pk).update(reviewers_per_article=stored)


def test_the_desk_settings_help_cites_no_repository_files(admin_client_logged_in, desk):
    page = admin_client_logged_in.get(change_url(desk)).content.decode()

    assert "Claim matching" in page and "Fast lane" in page
    assert "docs/" not in page and ".md" not in page
