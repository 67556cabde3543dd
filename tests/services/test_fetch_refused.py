"""A site that refuses the connection is said to refuse it, not to have been silent for the
timeout's seconds (walk 19, finding 15): it fails at once, and nothing is saved."""

from __future__ import annotations

import time

import pytest

from annotations.errors import DomainError
from annotations.fetching import page_fetch
from annotations.models import Article
from tests.pages import logged_in
from tests.redis_server import free_port


@pytest.fixture
def closed_port_url() -> str:
    # A port just freed: nothing listens on it, so the connection is refused.
    return f"http://127.0.0.1:{free_port()}/article"


def test_a_refused_connection_is_named_as_refused(closed_port_url):
    started = time.monotonic()
    with pytest.raises(DomainError) as raised:
        page_fetch(closed_port_url, timeout=10, max_bytes=10_000, allow_private=True, deadline=30)

    assert raised.value.code == "url_connection_refused"
    assert raised.value.field == "url"
    assert raised.value.message == "The site refused the connection."
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_the_import_form_says_the_site_refused_the_connection(closed_port_url, settings, editor):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True

    response = logged_in(editor).post("/articles/import/", {"url": closed_port_url})

    assert response.status_code == 200
    assert response.context["form"].errors["url"] == ["The site refused the connection."]
    assert not Article.objects.exists()
