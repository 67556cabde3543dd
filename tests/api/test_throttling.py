"""Throttling: clients over their rate get a 429 with Retry-After."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_clients_over_their_rate_get_429(api_as, settings):
    settings.API_THROTTLE_ANON = "3/minute"
    client = api_as(None)

    answers = [client.get("/api/v1/verdicts/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert int(client.get("/api/v1/verdicts/")["Retry-After"]) > 0


def test_authenticated_clients_have_their_own_rate(api_as, alice, settings):
    settings.API_THROTTLE_ANON = "1/minute"
    settings.API_THROTTLE_USER = "2/minute"
    client = api_as(alice)

    answers = [client.get("/api/v1/articles/").status_code for _ in range(3)]

    assert answers == [200, 200, 429]
