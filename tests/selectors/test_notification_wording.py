"""selectors.notification_wording: a notification's summary worded from its kind and parameters
in the language active when it is read, and rows without parameters shown as they were stored."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from annotations.models import Notification
from annotations.selectors.notification_wording import WORDINGS, SummaryWording
from tests.factories import ArticleFactory, ReviewerFactory, verdict

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def parameters_of(kind: str) -> dict[str, object]:
    """Parameters as each kind's planner stores them."""
    unit = {"unit": 7, "article": "Budget"}
    return {
        Kind.ASSIGNMENT: {"editor": "eddie", "article": "Budget", "due": "2027-01-05"},
        Kind.DUE_TOMORROW: {"article": "Budget", "due": "2027-01-05"},
        Kind.MENTION: {**unit, "author": "eddie", "comment": "@alice, the 2020 figure?"},
        Kind.SEND_BACK: unit,
        Kind.VERDICT_DIFFERED: {
            **unit,
            "final": verdict("false").pk,
            "own": verdict("mostly-false").pk,
        },
        Kind.CLAIM_CHANGED: {**unit, "number": 2},
        Kind.CLAIM_REAPPEARED: {"claim": 3, "article": "Jobs", "sentence": "Jobs doubled."},
        Kind.WEBHOOK_DISABLED: {"url": "https://partner.example.org/hook", "count": 5},
    }[kind]


# What each kind says in French, from the catalogue (factcheck/locale/fr).
IN_FRENCH = {
    Kind.ASSIGNMENT: "eddie vous a attribué “Budget”, à rendre le 5 janvier 2027.",
    Kind.DUE_TOMORROW: "Votre relecture de “Budget” est à rendre demain (5 janvier 2027).",
    Kind.MENTION: "eddie vous a mentionné sur l'affirmation nº 7 dans “Budget” : “@alice, the "
    "2020 figure?”",
    Kind.SEND_BACK: "Un éditeur a renvoyé l'affirmation nº 7 dans “Budget” pour d'autres "
    "relectures.",
    Kind.VERDICT_DIFFERED: "La rédaction a tranché l'affirmation nº 7 dans “Budget” : Faux ; "
    "vous aviez dit Plutôt faux.",
    Kind.CLAIM_CHANGED: "l'affirmation nº 7 dans “Budget”",
    Kind.CLAIM_REAPPEARED: "L'affirmation C3 réapparaît dans “Jobs” : “Jobs doubled.”",
    Kind.WEBHOOK_DISABLED: "https://partner.example.org/hook",
}


def stored(kind: str, parameters: object, summary: str = "As it was written.") -> Notification:
    article = ArticleFactory()
    return Notification.objects.create(
        recipient=ReviewerFactory(),
        kind=kind,
        target_type=ContentType.objects.get_for_model(article),
        target_id=article.pk,
        parameters=parameters,
        summary=summary,
        dedupe_key=f"{kind}:1",
    )


def test_every_kind_of_notification_has_a_wording():
    assert set(WORDINGS) == set(Kind.values)


@pytest.mark.parametrize("kind", Kind.values)
def test_each_kind_is_worded_in_french_from_its_parameters(kind):
    notification = stored(kind, parameters_of(kind))

    with translation.override("en"):
        english = SummaryWording()(notification)
    with translation.override("fr"):
        french = SummaryWording()(notification)

    assert IN_FRENCH[kind] in french
    assert french != english
    assert "As it was written." not in (english, french)


def test_a_webhooks_failures_are_counted_in_the_readers_plural():
    notification = stored(Kind.WEBHOOK_DISABLED, {"url": "https://x.example.org/", "count": 1})

    with translation.override("fr"):
        assert "après 1 échec de livraison d'affilée" in SummaryWording()(notification)


def test_an_assignment_without_its_editor_or_a_due_date_says_so_in_the_readers_words():
    notification = stored(Kind.ASSIGNMENT, {"editor": None, "article": "Budget", "due": None})

    with translation.override("fr"):
        assert SummaryWording()(notification) == "Un éditeur vous a attribué “Budget”."


def test_a_row_made_before_parameters_shows_its_summary_as_it_was_written():
    notification = stored(Kind.MENTION, {}, summary="eddie mentioned you on “Budget”: “hi”")

    with translation.override("fr"):
        assert SummaryWording()(notification) == "eddie mentioned you on “Budget”: “hi”"


@pytest.mark.parametrize(
    "parameters",
    [
        {"unit": 7, "article": "Budget", "final": 987_654, "own": 987_655},  # labels gone
        {"unit": 7, "article": "Budget"},  # a value missing
        {"unit": "seven", "article": "Budget", "final": 1, "own": 2},  # a value of another type
        ["not", "a", "mapping"],
    ],
)
def test_parameters_that_no_longer_make_a_summary_show_the_stored_one(parameters):
    notification = stored(Kind.VERDICT_DIFFERED, parameters)

    assert SummaryWording()(notification) == "As it was written."


def test_the_scales_names_are_read_once_for_many_summaries(django_assert_num_queries):
    notifications = [stored(Kind.VERDICT_DIFFERED, parameters_of(Kind.VERDICT_DIFFERED))]
    notifications += [stored(Kind.SEND_BACK, parameters_of(Kind.SEND_BACK)) for _ in range(3)]
    notifications += [stored(Kind.VERDICT_DIFFERED, parameters_of(Kind.VERDICT_DIFFERED))]
    wording = SummaryWording()

    with translation.override("fr"), django_assert_num_queries(2):
        summaries = [wording(n) for n in notifications]

    assert sum("Plutôt faux" in summary for summary in summaries) == 2
