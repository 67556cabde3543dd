"""The back office reads claims, their links (with who linked and unlinked) and external
fact-checks; a link changes only through the services."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Claim, ClaimLink
from annotations.services.claims import claim_link, claim_unlink
from tests.factories import UserFactory, unit_on_new_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_a_links_history_shows_each_link_and_unlink_with_its_editor(root_client, editor):
    unit = unit_on_new_article()
    claim = Claim.objects.create(text="Unemployment has doubled since 2020")
    link = claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    claim_link(unit=unit, claim=claim, relation="related", editor=editor)

    page = root_client.get(reverse("admin:annotations_claimlink_history", args=[link.pk]))

    assert page.status_code == 200
    assert page.content.decode().count(editor.username) >= 2


def test_a_link_is_not_deleted_behind_the_services_back(root_client, editor):
    unit = unit_on_new_article()
    claim = Claim.objects.create(text="Unemployment has doubled since 2020")
    link = claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    deleted = root_client.post(
        reverse("admin:annotations_claimlink_delete", args=[link.pk]), {"post": "yes"}
    )
    claim_unlink(unit=unit, editor=editor)  # the way a link goes

    assert deleted.status_code == 403
    assert ClaimLink.history.filter(history_type="-").get().history_user == editor
