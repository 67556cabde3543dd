"""Two editors deciding the same unit at once, in two real PostgreSQL transactions."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from annotations.errors import DomainError
from annotations.models import ClaimUnit, Verdict
from annotations.services.adjudication import VerdictInput, unit_decide
from tests.factories import AnnotationFactory, EditorFactory, ReviewerFactory, verdict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_second_of_two_concurrent_decisions_gets_a_conflict_and_loses_nothing():
    annotation = AnnotationFactory(reviewer=ReviewerFactory())
    unit = ClaimUnit.objects.create(
        article=annotation.article, kind="claim", start=annotation.start, end=annotation.end
    )
    first_editor, second_editor = EditorFactory(), EditorFactory()
    first_holds_lock = threading.Event()
    second_is_waiting = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                unit_decide(
                    unit=ClaimUnit.objects.get(pk=unit.pk),
                    editor=first_editor,
                    seen_version=1,
                    verdict=VerdictInput(label=verdict("false"), claim_reviewed="First"),
                )
                first_holds_lock.set()
                # Keep the transaction open while the second editor saves.
                second_is_waiting.wait(timeout=10)
                threading.Event().wait(0.5)
            outcome["first"] = "saved"
        finally:
            connection.close()

    def second() -> None:
        try:
            first_holds_lock.wait(timeout=10)
            second_is_waiting.set()
            unit_decide(
                unit=ClaimUnit.objects.get(pk=unit.pk),
                editor=second_editor,
                seen_version=1,
                verdict=VerdictInput(label=verdict("true"), claim_reviewed="Second"),
            )
            outcome["second"] = "saved"
        except DomainError as error:
            outcome["second"] = error.code
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcome == {"first": "saved", "second": "version_conflict"}
    decided = Verdict.objects.get(unit=unit)
    assert (decided.label.slug, decided.claim_reviewed) == ("false", "First")
    assert ClaimUnit.objects.get(pk=unit.pk).version == 2
