"""bench_evidence runs end to end on a small desk: it captures and sweeps its own local site,
prints its figures beside the targets, and leaves nothing behind."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from annotations.models import Article, Source, SourceCapture, SourceHealth

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_benchmark_prints_capture_and_sweep_figures_and_cleans_up(settings):
    settings.EVIDENCE_HOST_INTERVAL_MS = 50
    out = StringIO()
    call_command("bench_evidence", captures=12, sources=40, hosts=4, stdout=out)
    text = out.getvalue()
    captured = re.search(r"Capture: 12 sources \((\d+) captured, (\d+) failed", text)
    assert captured and int(captured[1]) + int(captured[2]) == 12 and int(captured[1]) >= 10
    assert re.search(r"[\d.]+ captures/s", text)
    assert re.search(r"storage: [\d.]+ KB per capture", text)
    sweep = re.search(r"Sweep: 40 sources on 4 hosts.*\n.*; (\d+) live, (\d+) gone", text)
    assert sweep and int(sweep[1]) + int(sweep[2]) == 40 and int(sweep[2]) >= 1
    assert "target: under 10 min" in text
    # Threads writing at once lock SQLite's shared-cache test database: one worker there.
    workers = "1 worker" if connection.vendor == "sqlite" else "2 workers"
    assert f"failed with their reason), {workers}" in text
    assert not Article.objects.exists() and not Source.objects.exists()
    assert not SourceCapture.objects.exists() and not SourceHealth.objects.exists()


def test_bad_options_are_refused():
    with pytest.raises(CommandError, match="--hosts must be at most 250"):
        call_command("bench_evidence", hosts=300, stdout=StringIO())
    with pytest.raises(CommandError, match="--sources must be at least 1"):
        call_command("bench_evidence", sources=0, stdout=StringIO())
