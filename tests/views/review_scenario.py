"""The review pages' scenario: an article three claims long that two reviewers disagree on
(the `reviewers` and `disputed` fixtures in conftest.py), and helpers to post the forms."""

from __future__ import annotations

import re

from annotations.models import Article, ClaimUnit

TEXT = (
    "Budget day at the town hall\n\n"
    "The mayor said crime fell by 30 percent last year. "
    "She also claimed the city has the lowest taxes in the region. "
    "Unemployment stands at 4 percent, the lowest in a decade."
)
CRIME = "crime fell by 30 percent last year"
TAXES = "the city has the lowest taxes in the region"
JOBS = "Unemployment stands at 4 percent"


def unit_of(article: Article, claim: str) -> ClaimUnit:
    return ClaimUnit.objects.get(article=article, start=article.text.index(claim))


def action_url(unit: ClaimUnit, action: str) -> str:
    return f"/review/units/{unit.pk}/{action}/"


def decision(unit: ClaimUnit, **changes) -> dict:
    data = {
        "version": unit.version,
        "label": "false",
        "claim_reviewed": "Crime fell by 30% last year",
        "explanation": "Police figures show a 3% fall.",
        "claimant": "The mayor",
    }
    data.update(changes)
    return data


def queue_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-unit-id="(\d+)"', response.content.decode())]
