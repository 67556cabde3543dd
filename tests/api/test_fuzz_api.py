"""Schemathesis generates requests from our OpenAPI schema and checks every response
against it: no server error, no status, content type or body the schema does not document,
and no request that breaks the schema accepted.

One check is left out, positive_data_acceptance, which expects every schema-valid request
to succeed. Many of ours are schema-valid and still wrong for the desk: an article id that
does not exist, a verdict slug the desk has no label for, a unit version that is stale, an
article with both `text` and `url`. Those get a 400/404/409 naming the problem, as they
should; no OpenAPI schema can express them.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from annotations.models import AnnotationAnchor, ArticleRevision
from annotations.services.tokens import personal_token_create
from factcheck.wsgi import application
from tests.factories import AnnotationFactory, ArticleFactory, EditorFactory, ReviewerFactory

# A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused with a 413 before it is parsed: that is
# a rejection too, though not one of schemathesis' defaults.
REJECTIONS = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    application,
    config=SchemathesisConfig.from_dict(
        {"checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}}}
    ),
)

FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
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
    highlight = AnnotationFactory(article=article, reviewer=reviewer)
    # A second revision that lost the highlight: the re-attach list has something in it.
    revision = ArticleRevision.objects.create(
        article=article, number=2, title=article.title, text="Rewritten from scratch."
    )
    AnnotationAnchor.objects.create(annotation=highlight, revision=revision, status="orphaned")
    return {
        "reviewer": personal_token_create(user=reviewer, name="fuzz").key,
        "editor": personal_token_create(user=editor, name="fuzz").key,
    }


@schema.parametrize()
@FUZZ_SETTINGS
@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_every_generated_request_gets_a_documented_answer(case, desk, role):
    # Each request in a savepoint of its own, as independent as production requests are.
    headers = {"Authorization": f"Token {desk[role]}"}
    with transaction.atomic():
        response = case.call(headers=headers)

    assert response.status_code < 500, (
        case.method,
        case.formatted_path,
        case.query,
        response.text[:300],
    )
    # The same headers, so that the auth check knows the token was ours, not generated.
    case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])
