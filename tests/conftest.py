from __future__ import annotations

import importlib
import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient

from factcheck.celery import app as celery_app
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory
from tests.redis_server import RedisServer, free_port

_skipped: list[str] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    # The interface's catalogues as `make test` compiles them, for a pytest run on its own too
    # (once, in the process that starts xdist's workers: they read the files it writes).
    if not hasattr(session.config, "workerinput"):
        from django.core.management import call_command

        call_command("compile_translations", verbosity=0)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # CI sets this: a skipped browser or database test must fail the run, not hide in a summary.
    if os.environ.get("FACTCHECK_FORBID_SKIPS") and _skipped:
        print(f"\nFACTCHECK_FORBID_SKIPS: {len(_skipped)} skipped tests fail this run:")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _tasks_in_process_unless_testing_workers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests of what tasks compute run them in this process on both passes, as the embedded
    default does; the tests marked `worker` send them through Redis to real worker processes."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Django's own hasher spends about a third of a second on each password, by design; the
    suite creates thousands of users. Nothing here tests the hasher itself."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    # A request or a task may leave another language active in the worker's thread; without
    # this a later test in the same worker reads French or Spanish messages.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Throttle counts live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _desk_defaults_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush the database, data migrations included: put back the default
    rating scale (with its names in the other languages) and the role groups, as a fresh
    database has them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    default_scale_and_roles = importlib.import_module(
        "annotations.migrations.0002_default_scale_and_roles"
    )
    default_scale_and_roles.create_scale_and_roles(apps, None)
    label_translations = importlib.import_module("annotations.migrations.0030_label_translations")
    label_translations.default_scale_translate(apps, None)


@pytest.fixture
def alice(db):
    return ReviewerFactory(username="alice")


@pytest.fixture
def bob(db):
    return ReviewerFactory(username="bob")


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie")


@pytest.fixture
def article(db):
    return ArticleFactory()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api_as():
    """api_as(user) -> an APIClient authenticated as that user (None: anonymous)."""
    return client_for


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A redis-server of the test's own (tests/redis_server.py), stopped at the end."""
    server = RedisServer(port=free_port())
    server.start()
    yield server
    server.kill_hard()


@pytest.fixture
def sources_site(settings, tmp_path) -> Iterator[str]:
    """A site of cited sources on 127.0.0.1 (tests/evidence_site.py), with the desk set to
    capture what is cited into a temporary folder; yields the site's base URL."""
    from tests.evidence_site import SourcesSite, capture_into
    from tests.local_site import site_serving

    capture_into(settings, tmp_path)
    SourcesSite.requested = []
    with site_serving(SourcesSite) as base:
        yield base


@pytest.fixture
def drift_site(settings, tmp_path) -> Iterator[str]:
    """A site whose pages a test changes (tests/evidence_site.py's DriftSite), with capture on
    into a temporary folder; yields its base URL."""
    from tests.evidence_site import DriftSite, capture_into
    from tests.local_site import site_serving

    capture_into(settings, tmp_path)
    DriftSite.pages, DriftSite.robots, DriftSite.log = {}, None, []
    with site_serving(DriftSite) as base:
        yield base


@pytest.fixture
def agreed(db, django_capture_on_commit_callbacks):
    """The fast lane's article (tests/views/review_scenario.py's text): Crime, True twice;
    Taxes, Mostly false twice (both ready); Jobs, True against False (not)."""
    from tests.factories import ArticleFactory, claims_reviewed
    from tests.views.review_scenario import CRIME, JOBS, TAXES, TEXT

    article = ArticleFactory(title="Town hall budget", text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true", TAXES: "mostly-false", JOBS: "true"}, sources=True)
        claims_reviewed(
            article, {CRIME: "true", TAXES: "mostly-false", JOBS: "false"}, sources=True
        )
    return article
