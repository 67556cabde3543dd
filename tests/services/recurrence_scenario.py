"""Shared inputs for the recurrence tests: a claim the desk rated False and published, and an
article that repeats it (services, API and pages use the same scenario)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from annotations.models import Article, Claim, ClaimUnit
from annotations.services.articles import article_create
from annotations.services.claims import claim_link
from tests.factories import unit_decided_and_published, unit_on_new_article

CHECKED = "Unemployment has doubled since 2020."
# The checked claim again, in other words and beside sentences that state nothing checked.
REPEATING_TEXT = (
    "Jobs report stirs debate\n\n"
    "The opposition leader spoke in Leeds on Monday. "
    "Since 2020, unemployment has doubled, she told the crowd. "
    "The government disputes the figure."
)
REPEATED_SENTENCE = "Since 2020, unemployment has doubled, she told the crowd."
# The same template with another fact: never "the same claim".
CHANGED_FACT_TEXT = "Jobs report\n\nUnemployment has tripled since 2020, she told the crowd."


@dataclass
class Checked:
    claim: Claim
    unit: ClaimUnit  # the unit on the first article whose published verdict is the claim's


def claim_checked_and_published(editor: User, *, publish: bool = True) -> Checked:
    """A unit stating CHECKED, decided False (and published), linked "same" to its claim."""
    unit = unit_on_new_article()
    if publish:
        unit_decided_and_published(unit, editor, claim_reviewed=CHECKED)
    claim = Claim.objects.create(text=CHECKED, created_by=editor)
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    return Checked(claim, unit)


def article_repeating(editor: User, text: str = REPEATING_TEXT) -> Article:
    return article_create(title="Jobs", text=text, imported_by=editor)
