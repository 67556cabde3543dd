from __future__ import annotations

import os

import pytest
from rest_framework.test import APIClient

from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory

_skipped: list[str] = []


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
