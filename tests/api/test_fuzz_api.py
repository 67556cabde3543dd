"""Schemathesis generates requests from our OpenAPI schema: no input may cause a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from factcheck.wsgi import application
from tests.factories import AnnotationFactory, ArticleFactory, EditorFactory, ReviewerFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

FUZZ_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def connections_kept_open():
    """Schemathesis calls the WSGI app directly: stop Django from closing the database
    connection at the end of each request (which would end the test's transaction on
    PostgreSQL), as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def desk(db, settings, connections_kept_open):
    """A small desk, so that generated ids sometimes hit real objects."""
    settings.API_THROTTLE_ANON = "100000/minute"
    settings.API_THROTTLE_USER = "100000/minute"
    reviewer, editor = (
        ReviewerFactory(username="fuzz-reviewer"),
        EditorFactory(username="fuzz-editor"),
    )
    article = ArticleFactory()
    AnnotationFactory(article=article, reviewer=reviewer)
    return {
        "reviewer": Token.objects.create(user=reviewer).key,
        "editor": Token.objects.create(user=editor).key,
    }


@schema.parametrize()
@FUZZ_SETTINGS
@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_no_generated_request_causes_a_server_error(case, desk, role):
    # Each request in a savepoint of its own, as independent as production requests are.
    with transaction.atomic():
        response = case.call(headers={"Authorization": f"Token {desk[role]}"})

    assert response.status_code < 500, (
        case.method,
        case.formatted_path,
        case.query,
        response.text[:300],
    )
