"""Personal API tokens: created and revoked by their owner, stored as digests only."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from annotations.models import PersonalToken

pytestmark = pytest.mark.django_db


def test_a_user_creates_a_token_and_uses_it(api_as, alice, article):
    created = api_as(alice).post("/api/v1/tokens/", {"name": "dashboard"}, format="json")

    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("fc_")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/articles/")
    assert response.status_code == 200
    assert PersonalToken.objects.get().last_used_at is not None


def test_only_a_digest_of_the_token_is_stored(api_as, alice):
    key = api_as(alice).post("/api/v1/tokens/", {"name": "x"}, format="json").json()["key"]

    stored = PersonalToken.objects.get()
    assert key not in {stored.digest, stored.prefix, stored.name}
    assert len(stored.digest) == 64
    assert "key" not in api_as(alice).get("/api/v1/tokens/").json()["results"][0]


def test_a_revoked_token_stops_working(api_as, alice):
    created = api_as(alice).post("/api/v1/tokens/", {"name": "old"}, format="json").json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {created['key']}")

    assert api_as(alice).delete(f"/api/v1/tokens/{created['id']}/").status_code == 204

    assert client.get("/api/v1/articles/").status_code == 401


def test_a_forged_token_with_a_real_prefix_is_refused(api_as, alice):
    key = api_as(alice).post("/api/v1/tokens/", {"name": "x"}, format="json").json()["key"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key[:-4]}AAAA")

    assert client.get("/api/v1/articles/").status_code == 401


def test_nobody_sees_or_revokes_another_users_tokens(api_as, alice, bob):
    created = api_as(alice).post("/api/v1/tokens/", {"name": "mine"}, format="json").json()

    assert api_as(bob).get("/api/v1/tokens/").json()["results"] == []
    assert api_as(bob).delete(f"/api/v1/tokens/{created['id']}/").status_code == 404
    assert PersonalToken.objects.get().revoked_at is None


def test_a_token_needs_a_name(api_as, alice):
    assert api_as(alice).post("/api/v1/tokens/", {"name": "  "}, format="json").status_code == 400


def test_a_name_longer_than_the_schema_allows_is_refused_even_with_spaces_around(api_as, alice):
    # Found by schemathesis: white space was trimmed before the length check.
    response = api_as(alice).post("/api/v1/tokens/", {"name": "  " + "n" * 100}, format="json")

    assert response.status_code == 400
    assert "100 characters" in response.json()["name"][0]
    assert (
        api_as(alice).post("/api/v1/tokens/", {"name": " " + "n" * 99}, format="json").status_code
        == 201
    )


def test_the_account_page_creates_shows_once_and_revokes(alice):
    client = Client()
    client.force_login(alice)

    created = client.post("/account/", {"name": "newsroom script"}, follow=True)
    key = PersonalToken.objects.get()
    shown = re.findall(r"fc_[0-9a-f]{10}[A-Za-z0-9_-]{20,}", created.content.decode())
    assert created.redirect_chain == [("/account/", 302)]
    assert len(shown) == 1 and shown[0].startswith("fc_" + key.prefix)
    reloaded = client.get("/account/")  # a reload after creating: no second token, no key
    assert shown[0] not in reloaded.content.decode()
    assert PersonalToken.objects.count() == 1

    revoked = client.post(f"/account/tokens/{key.pk}/revoke/")

    assert revoked.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_the_account_page_needs_a_login_and_revoking_needs_post(client, alice):
    assert client.get("/account/").status_code == 302
    client.force_login(alice)
    assert client.get("/account/tokens/1/revoke/").status_code == 405
