"""Two editors linking the same unit at once, in two real PostgreSQL transactions."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from annotations.models import Claim, ClaimLink, ClaimUnit
from annotations.services.claims import claim_link
from tests.factories import EditorFactory, unit_on_new_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_links_without_a_version_wait_for_each_other_and_both_are_in_the_history():
    """Without a version, the unit's row lock orders the two: the second relinks what the
    first linked (no duplicate link, no integrity error), and the history has both."""
    unit = unit_on_new_article()
    first_claim, second_claim = Claim.objects.create(text="A"), Claim.objects.create(text="B")
    first_editor, second_editor = EditorFactory(), EditorFactory()
    first_holds_lock = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                claim_link(
                    unit=ClaimUnit.objects.get(pk=unit.pk),
                    claim=first_claim,
                    relation="same",
                    editor=first_editor,
                )
                first_holds_lock.set()
                threading.Event().wait(0.5)  # the second editor's link waits meanwhile
            outcome["first"] = "linked"
        finally:
            connection.close()

    def second() -> None:
        try:
            first_holds_lock.wait(timeout=10)
            claim_link(
                unit=ClaimUnit.objects.get(pk=unit.pk),
                claim=second_claim,
                relation="related",
                editor=second_editor,
            )
            outcome["second"] = "linked"
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcome == {"first": "linked", "second": "linked"}
    assert list(ClaimLink.objects.values_list("claim", "relation")) == [
        (second_claim.pk, "related")
    ]
    history = ClaimLink.history.order_by("history_id")
    assert [(h.history_type, h.history_user) for h in history] == [
        ("+", first_editor),
        ("~", second_editor),
    ]
    assert ClaimUnit.objects.get(pk=unit.pk).version == 3
