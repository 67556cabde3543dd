"""Login tokens (`POST /api/v1/auth/token/`): digests like personal tokens, listed, revocable,
and dead once the password changes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import PersonalToken
from annotations.services.tokens import (
    MAX_LOGIN_TOKENS_PER_USER,
    login_token_create,
    personal_token_create,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-longer-new-passphrase-47"


def log_in(username: str = "alice", password: str = PASSWORD) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_login_token_keeps_its_response_shape_and_is_stored_only_as_a_digest(alice):
    key = log_in()

    stored = PersonalToken.objects.get(user=alice)
    assert key.startswith("fc_" + stored.prefix)
    assert stored.kind == PersonalToken.Kind.LOGIN
    assert key not in {stored.digest, stored.prefix, stored.name}
    assert client_with(key).get("/api/v1/articles/").status_code == 200
    # DRF's plaintext key table is gone from the schema.
    assert "authtoken_token" not in connection.introspection.table_names()


def test_login_tokens_are_listed_in_the_api_and_on_the_account_page(alice):
    key = log_in()
    stored = PersonalToken.objects.get()

    listed = client_with(key).get("/api/v1/tokens/").json()["results"]
    browser = Client()
    browser.force_login(alice)
    page = browser.get("/account/").content.decode()

    assert [(row["id"], row["kind"]) for row in listed] == [(stored.pk, "login")]
    assert "key" not in listed[0]
    assert f"fc_{stored.prefix}" in page and "Login token (API)" in page
    assert key not in page


def test_a_login_token_revoked_from_the_list_stops_working(alice):
    key = log_in()
    token_id = PersonalToken.objects.get().pk

    assert client_with(key).delete(f"/api/v1/tokens/{token_id}/").status_code == 204

    assert client_with(key).get("/api/v1/articles/").status_code == 401


def test_logging_out_of_the_api_revokes_the_presented_token_only(alice):
    first, second = log_in(), log_in()

    assert client_with(first).delete("/api/v1/auth/token/").status_code == 204

    assert client_with(first).get("/api/v1/articles/").status_code == 401
    assert client_with(second).get("/api/v1/articles/").status_code == 200


def test_logging_out_of_the_api_without_a_token_is_a_clear_error(alice):
    browser = APIClient()
    browser.force_authenticate(alice)
    assert browser.delete("/api/v1/auth/token/").json()["code"] == "no_token"
    assert APIClient().delete("/api/v1/auth/token/").status_code == 401


def test_logging_in_again_and_again_keeps_only_the_newest_login_tokens(alice):
    # Through the service: the endpoint's password check is slow on purpose.
    keys = [login_token_create(user=alice).key for _ in range(MAX_LOGIN_TOKENS_PER_USER)]
    keys.append(log_in())

    active = PersonalToken.objects.filter(user=alice, revoked_at__isnull=True)
    assert active.count() == MAX_LOGIN_TOKENS_PER_USER
    assert client_with(keys[0]).get("/api/v1/articles/").status_code == 401
    assert client_with(keys[-1]).get("/api/v1/articles/").status_code == 200


def test_only_the_most_recently_revoked_login_tokens_stay_listed(alice):
    for _ in range(3 * MAX_LOGIN_TOKENS_PER_USER):
        login_token_create(user=alice)
    personal = personal_token_create(user=alice, name="script").token
    PersonalToken.objects.filter(pk=personal.pk).update(revoked_at=timezone.now())

    login_token_create(user=alice)

    logins = PersonalToken.objects.filter(user=alice, kind=PersonalToken.Kind.LOGIN)
    assert logins.filter(revoked_at__isnull=True).count() == MAX_LOGIN_TOKENS_PER_USER
    assert logins.filter(revoked_at__isnull=False).count() == MAX_LOGIN_TOKENS_PER_USER
    assert PersonalToken.objects.filter(pk=personal.pk).exists()  # hand-made ones stay listed


def test_login_tokens_do_not_use_up_the_personal_token_allowance(alice):
    for _ in range(MAX_LOGIN_TOKENS_PER_USER):
        login_token_create(user=alice)

    assert personal_token_create(user=alice, name="script").token.kind == "personal"


def test_changing_the_password_revokes_every_token_of_the_user(alice, bob):
    login_key = log_in()
    personal_key = personal_token_create(user=alice, name="script").key
    bobs_key = log_in("bob")

    alice.set_password(NEW_PASSWORD)
    alice.save()

    assert client_with(login_key).get("/api/v1/articles/").status_code == 401
    assert client_with(personal_key).get("/api/v1/articles/").status_code == 401
    assert client_with(bobs_key).get("/api/v1/articles/").status_code == 200
    assert log_in(password=NEW_PASSWORD).startswith("fc_")


def test_a_password_changed_in_the_back_office_revokes_the_tokens(alice):
    key = log_in()
    root = User.objects.create_superuser("root", password=PASSWORD)
    admin = Client()
    admin.force_login(root)

    response = admin.post(
        f"/admin/auth/user/{alice.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert client_with(key).get("/api/v1/articles/").status_code == 401


def test_a_password_set_by_the_add_user_command_revokes_the_tokens(alice):
    key = log_in()

    call_command("add_user", "alice", role="reviewer", password=NEW_PASSWORD)

    assert client_with(key).get("/api/v1/articles/").status_code == 401


def test_a_plain_save_of_the_user_keeps_the_tokens(alice):
    key = log_in()

    alice.first_name = "Alice"
    alice.save()

    assert client_with(key).get("/api/v1/articles/").status_code == 200
