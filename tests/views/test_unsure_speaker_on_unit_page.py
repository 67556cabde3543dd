"""The adjudication page tells the editor when a quote's speaker is the one the desk suggested
without being sure of it, saved as it was: nothing else on record shows that no one chose it."""

from __future__ import annotations

import pytest
from django.conf import settings

from annotations.models import Annotation, ClaimUnit, Suggestion
from annotations.services.annotations import (
    AnnotationChanges,
    TargetInput,
    annotation_create,
    annotation_update,
)
from annotations.services.reviews import review_submit
from tests.factories import ArticleFactory, ReviewerFactory, SuggestionFactory, verdict
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

QUOTE = "We built more homes than any council before us."
TEXT = (
    "Housing figures questioned\n\n"
    "The mayor and her deputy, Ana Ruiz, opened the new estate on Monday. One of them said: "
    f'"{QUOTE}"'
)
NOTE = "Speaker suggested by the desk, unsure, and not changed by the reviewer"


def unit_page(
    editor, committing, *, confidence: float, saved_as: str, changed_to: str | None = None
) -> str:
    """A reviewer accepts the quote suggested with "Ana Ruiz" at `confidence`, saves it with
    the speaker `saved_as` (then edits it to `changed_to`, if given) and submits; the unit's
    page as the editor reads it."""
    article = ArticleFactory(text=TEXT)
    suggestion = SuggestionFactory(
        article=article,
        kind=Suggestion.Kind.QUOTE,
        quote=QUOTE,
        speaker="Ana Ruiz",
        speaker_confidence=confidence,
        score=0.95,
    )
    reviewer = ReviewerFactory()
    start = TEXT.index(QUOTE)
    with committing():
        annotation = annotation_create(
            reviewer=reviewer,
            article=article,
            kind=Annotation.Kind.QUOTE,
            speaker=saved_as,
            target=TargetInput(exact=QUOTE, start=start, end=start + len(QUOTE)),
            verdict=verdict("mostly-false"),
            suggestion_id=suggestion.pk,
        )
        if changed_to is not None:
            annotation_update(
                annotation=annotation, actor=reviewer, changes=AnnotationChanges(speaker=changed_to)
            )
        review_submit(article=article, reviewer=reviewer)
    unit = ClaimUnit.objects.get(article=article)
    response = logged_in(editor).get(f"/review/units/{unit.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    # The units are grouped from the submitted review by the task after the commit.
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_an_unsure_suggested_speaker_saved_unchanged_is_pointed_out(editor, committing):
    html = unit_page(editor, committing, confidence=0.42, saved_as="Ana Ruiz")

    assert "Quote by" in html and "Ana Ruiz" in html
    assert NOTE in html
    assert 'class="review-column__speaker-unsure"' in html


def test_the_same_name_typed_with_other_spacing_or_case_is_still_the_suggested_one(
    editor, committing
):
    html = unit_page(editor, committing, confidence=0.42, saved_as="ana  ruiz")

    assert NOTE in html


def test_a_speaker_the_reviewer_changed_is_not_pointed_out(editor, committing):
    html = unit_page(editor, committing, confidence=0.42, saved_as="Luis Gómez")

    assert "Luis Gómez" in html
    assert NOTE not in html


def test_a_speaker_changed_after_saving_is_not_pointed_out(editor, committing):
    html = unit_page(editor, committing, confidence=0.42, saved_as="Ana Ruiz", changed_to="Mayor")

    assert NOTE not in html


def test_a_suggested_speaker_the_desk_was_sure_of_is_not_pointed_out(editor, committing):
    html = unit_page(editor, committing, confidence=0.9, saved_as="Ana Ruiz")

    assert NOTE not in html


def test_the_note_is_in_the_editors_language(editor, committing):
    article_html = unit_page(editor, committing, confidence=0.42, saved_as="Ana Ruiz")
    assert NOTE in article_html
    client = logged_in(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    html = client.get(f"/review/units/{ClaimUnit.objects.get().pk}/").content.decode()

    assert (
        "Auteur des propos suggéré par la rédaction, incertain, et non modifié par le relecteur"
        in html
    )
    assert NOTE not in html
