"""bench_queue with tiny numbers: it confirms every unit it built, prints both figures, and
leaves the database as it found it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Article, ClaimUnit, Verdict

pytestmark = pytest.mark.django_db


def test_bench_queue_confirms_every_unit_and_leaves_nothing_behind():
    out = StringIO()

    call_command("bench_queue", units=3, stdout=out)

    printed = out.getvalue()
    assert "raw bulk UPDATE of the same rows (reference)" in printed
    assert "units_fast_confirm(publish=True)" in printed
    assert "Confirmed and published 3 of 3" in printed
    assert not (Article.objects.exists() or ClaimUnit.objects.exists() or Verdict.objects.exists())


@pytest.mark.parametrize("units", [0, 1001])
def test_bench_queue_refuses_more_than_one_confirm_takes(units):
    with pytest.raises(CommandError):
        call_command("bench_queue", units=units, stdout=StringIO())
