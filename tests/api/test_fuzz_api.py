"""Schemathesis generates requests from our OpenAPI schema and checks every response
against it: no server error, no status, content type or body the schema does not document,
no request that breaks the schema accepted, and every request the schema allows accepted.

Accepted means answered with a success, or refused for the caller's permissions (401, 403)
or the desk's state: the object is not there (404), the change conflicts with it (409), an
If-Match is stale (412), a limit is reached (429). The schema describes the rest: minimum
lengths, the characters text may hold, exclusive choices (an article's `text` or `url`, a
comment's `unit` or `article`). What no schema can describe is refused with a 400 naming
it, and only that (REFUSED_FOR_STATE below):

- a reference to an object that does not exist: an id in the body, a verdict label's slug,
  a reviewer's username (labels and users are the desk's data, not the schema's);
- a cursor the server did not issue (cursors are opaque: take them from `next`/`previous`);
- a username and password that do not log in;
- a URL to fetch that is not reachable or points at a private address;
- a highlight's target that does not fit the article's text (offsets, quote, context);
- an editor's webhooks at their limit;
- a publication date before 1800 or after tomorrow (a date's bounds, one of them moving, are
  more than an OpenAPI schema states; the field's description says them);
- rules across fields: a target's `end` after its `start`, `date_to` not before
  `date_from`, each unit once in a fast-confirm batch, a search with a word to look for;
- a ClaimReview import with nothing the desk can import: its documented 422 report.
"""

from __future__ import annotations

import os
import re

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
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
        {
            "checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}},
            # An article's text may hold 400,000 characters: the negative phase's one-too-long
            # string is more than Hypothesis can build, and it then fails the run at random.
            # Those two operations are fuzzed with valid data only; a text over the limit is
            # refused in test_an_article_text_over_the_limit_is_refused below.
            "operations": [
                {
                    "include-name-regex": (
                        r"^(POST /api/v1/articles/|PUT /api/v1/articles/\{id\}/)$"
                    ),
                    "generation": {"mode": "positive"},
                }
            ],
        }
    ),
)

# Refused in the desk's state, not the request's form: see the module's docstring.
ACCEPTED = {401, 403, 404, 409, 412, 429}
REFUSED_FOR_STATE = re.compile(
    "|".join(
        [
            # An id or slug in the body naming nothing: DRF's related fields, in the desk's
            # words (annotations/api/errors.py).
            r"^This does not exist \(any more\): choose another\.$",
            r"^This verdict is not on the desk's scale: choose another\.$",
            r"^No such users?: ",
            r"^No verdict label has this slug\.$",
            r"^Invalid cursor$",
            r"^Unable to log in with provided credentials\.$",
            r"^end must be greater than start\.$",
            r"^Must not be before date_from\.$",
            r"^Send each unit once\.$",
            r"^Give at least one word to look for",
            # Not state but content the schema cannot state: a text is empty once made
            # canonical (control characters and spaces dropped, annotations.core.text), or
            # shows nothing (only invisible characters left).
            r"^The article has no text[.:]",
            r"^Enter a publication date from 1 January 1800 to ",
        ]
    )
)


def _messages(body):
    """Every message in a field-error body, however nested."""
    if isinstance(body, str):
        yield body
    elif isinstance(body, list):
        for item in body:
            yield from _messages(item)
    elif isinstance(body, dict):
        for key, value in body.items():
            if key != "code":
                yield from _messages(value)


# A highlight's target that does not fit the article's text, and a URL to fetch that the
# world does not serve (annotations/fetching.py): by their codes.
STATE_CODES = {
    "target_out_of_range",
    "target_mismatch",
    "target_prefix_mismatch",
    "target_suffix_mismatch",
    "too_many_webhooks",
    "url_unresolvable",
    "url_private_address",
    "url_link_local",
    "url_timeout",
    "url_fetch_failed",
    "url_http_error",
    "url_content_type",
    "url_too_large",
    "url_too_many_redirects",
}


def refused_for_state(case, response) -> bool:
    if response.status_code == 422 and case.path == "/api/v1/fact-checks/import/":
        return "refusals" in response.json()
    if response.status_code != 400:
        return False
    if response.json().get("code") in STATE_CODES:
        return True
    messages = list(_messages(response.json()))
    return bool(messages) and all(REFUSED_FOR_STATE.search(m) for m in messages)


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
    # A request the schema allows is accepted, or refused for permissions or state only.
    if case.meta.generation.mode.is_positive and not (
        response.status_code < 400
        or response.status_code in ACCEPTED
        or refused_for_state(case, response)
    ):
        pytest.fail(
            f"A schema-valid request was refused: {case.method} {case.formatted_path} "
            f"query={case.query} body={str(case.body)[:500]} -> {response.status_code} "
            f"{response.text[:500]}"
        )


@pytest.mark.django_db
def test_an_article_text_over_the_limit_is_refused(desk):
    """What the negative phase cannot build for the two article operations (see the config)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {desk['editor']}")
    too_long = "a" * (django_settings.ARTICLE_MAX_CHARACTERS * 2 + 1)
    answer = client.post("/api/v1/articles/", {"title": "Long", "text": too_long}, format="json")
    assert answer.status_code in (400, 413), answer.status_code
