"""Login brute force: a username is locked out after repeated failures (django-axes)."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_locks_a_username_out_after_five_failures(alice, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed = client.post("/login/", {"username": "alice", "password": "wrong"})
        assert failed.status_code == 200
    # The failure that reaches the limit locks the username out ...
    assert client.post("/login/", {"username": "alice", "password": "x"}).status_code == 429

    # ... and then even the right password is refused.
    locked = client.post("/login/", {"username": "alice", "password": PASSWORD})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_token_endpoint_locks_a_username_out_too(alice, settings):
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed = client.post(
            "/api/v1/auth/token/", {"username": "alice", "password": "wrong"}, format="json"
        )
        assert failed.status_code == 400

    locked = client.post(
        "/api/v1/auth/token/", {"username": "alice", "password": PASSWORD}, format="json"
    )

    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert "token" not in locked.json()


def test_a_successful_login_before_the_limit_resets_the_count(alice, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/login/", {"username": "alice", "password": "wrong"})

    ok = client.post("/login/", {"username": "alice", "password": PASSWORD})

    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


@pytest.mark.parametrize("body", ["12", "[1, 2]", '"text"', "null"])
def test_the_token_endpoint_answers_a_body_that_is_not_an_object_with_400(body):
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
