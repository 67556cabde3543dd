"""Tests of PostgreSQL's own behaviour (row locks between real transactions): they fail,
never pass quietly, on another database."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.fail("this test needs PostgreSQL: set DATABASE_URL (see .ci/run)")
