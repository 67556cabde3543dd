"""Two editors confirming the same ready units at once, in two real PostgreSQL transactions:
the second waits for the first, then finds every unit moved on and reports each one stale."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction

from annotations.core.fast_lane import FastConfirmItem, Outcome
from annotations.management.commands.bench_queue import ready_units_build
from annotations.models import Verdict
from annotations.services.fast_lane import units_fast_confirm
from tests.factories import EditorFactory
from tests.postgres.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_second_of_two_concurrent_bulk_confirms_reports_every_unit_stale():
    units = ready_units_build(5, queued=False)
    items = [FastConfirmItem(unit.pk, unit.version) for unit in units]
    first_editor, second_editor = EditorFactory(), EditorFactory()
    first_holds_locks = threading.Event()
    second_started = threading.Event()
    outcomes: dict[str, list[Outcome]] = {}

    def first() -> None:
        with transaction.atomic():
            report = units_fast_confirm(editor=first_editor, items=items, publish=True)
            first_holds_locks.set()
            # Keep the transaction open while the second editor confirms.
            second_started.wait(timeout=10)
            threading.Event().wait(0.5)
        outcomes["first"] = [r.outcome for r in report.results]

    def second() -> None:
        first_holds_locks.wait(timeout=10)
        second_started.set()
        report = units_fast_confirm(editor=second_editor, items=items, publish=False)
        outcomes["second"] = [r.outcome for r in report.results]

    run_together(first, second)

    assert outcomes == {"first": [Outcome.CONFIRMED] * 5, "second": [Outcome.STALE] * 5}
    assert Verdict.objects.filter(is_published=True, decided_by=first_editor).count() == 5
    assert not Verdict.objects.filter(decided_by=second_editor).exists()
