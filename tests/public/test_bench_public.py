"""bench_public runs end to end with tiny numbers and leaves the database as it was."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from annotations.models import Article, Verdict

pytestmark = pytest.mark.django_db


def test_bench_public_prints_each_kind_of_request_beside_the_references():
    out = io.StringIO()

    call_command("bench_public", verdicts=45, requests=3, stdout=out)

    report = out.getvalue()
    assert "45 published verdicts written and indexed" in report
    for kind in ("first page", "a later page (cursor)", "search (2 words)", "filter: label"):
        assert re.search(rf"{re.escape(kind)}\s+p50\s+[\d.]+ ms, p95\s+[\d.]+ ms  \(target", report)
    assert re.search(r"reference: /robots.txt\s+p50", report)
    assert re.search(r"reference: the first page's query, raw SQL\s+p50", report)
    assert (Verdict.objects.count(), Article.objects.count()) == (0, 0)
