"""The adjudication page: the passage in context, each review, and every form an editor posts
(decide, publish, correct, reject, send back, start, merge, split), as a browser without
JavaScript would."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from annotations.core.text import passage_in_context
from annotations.models import (
    Annotation,
    ClaimUnit,
    DeskSettings,
    Source,
    Verdict,
)
from annotations.services.adjudication import VerdictInput, unit_decide
from tests.factories import (
    EditorFactory,
    ReviewerFactory,
    claims_reviewed,
    unit_decided_and_published,
    verdict,
)
from tests.pages import logged_in
from tests.views.review_scenario import (
    CRIME,
    JOBS,
    TAXES,
    action_url,
    decision,
    queue_ids,
    unit_of,
)

pytestmark = pytest.mark.django_db

# --- The adjudication page -----------------------------------------------------------------------


def test_the_unit_page_shows_the_passage_in_context_and_each_review(editor, disputed):
    html = logged_in(editor).get(f"/review/units/{unit_of(disputed, CRIME).pk}/").content.decode()

    assert f'<mark class="passage__mark">{CRIME}</mark>' in html
    assert "The mayor said " in html  # the context before the passage ...
    assert "the lowest in a decade." in html  # ... and after it
    assert html.count('class="card review-column"') == 2
    for expected in ("rosalind", "tobias", "Rated true after", "Police statistics (false)"):
        assert expected in html
    assert "4 steps apart" in html


def test_the_passage_context_stops_at_its_paragraph_or_a_word_with_an_ellipsis():
    text = "Title\n\n" + "word " * 100 + "THE CLAIM" + " more" * 100 + "\n\nNext paragraph."
    start = text.index("THE CLAIM")

    [paragraph] = passage_in_context(text, start, start + 9, around=30)

    before, marked, after = (segment.text for segment in paragraph)
    assert before.startswith("… word") and before.endswith("word ")
    assert marked == "THE CLAIM"
    assert after.startswith(" more") and after.endswith("more …")
    assert len(before) < 40 and len(after) < 40


def test_a_passage_across_paragraphs_is_marked_in_each():
    text = "Title\n\nA short one. It ends here.\n\nIt goes on. Done."
    start, end = text.index("It ends"), text.index(" Done")

    paragraphs = passage_in_context(text, start, end)

    assert [[(s.text, s.marked) for s in paragraph] for paragraph in paragraphs] == [
        [("A short one. ", False), ("It ends here.", True)],
        [("It goes on.", True), (" Done.", False)],
    ]


def test_reviewer_names_are_hidden_when_the_desk_says_so(editor, disputed):
    DeskSettings.objects.update_or_create(pk=1, defaults={"hide_reviewer_names": True})

    html = logged_in(editor).get(f"/review/units/{unit_of(disputed, CRIME).pk}/").content.decode()

    assert "Reviewer 1" in html
    assert "Reviewer 2" in html
    assert "rosalind" not in html
    assert "tobias" not in html


def test_deciding_through_the_form_records_the_verdict(editor, disputed):
    unit = unit_of(disputed, CRIME)
    source = Source.objects.get(annotation__unit=unit, url__endswith="/false")
    client = logged_in(editor)

    response = client.post(action_url(unit, "decide"), decision(unit, sources=[source.pk]))

    assert response.status_code == 302
    assert response.url == f"/review/units/{unit.pk}/"
    decided = Verdict.objects.get(unit=unit)
    assert decided.label.slug == "false"
    assert decided.claim_reviewed == "Crime fell by 30% last year"
    assert decided.claimant == "The mayor"
    assert list(decided.sources.all()) == [source]
    assert unit_of(disputed, CRIME).status == ClaimUnit.Status.DECIDED
    page = client.get(response.url).content.decode()
    assert "Decision recorded: False" in page
    assert "Publish verdict" in page


def test_a_stale_version_shows_the_conflict_and_keeps_what_was_typed(editor, disputed):
    unit = unit_of(disputed, CRIME)
    seen = unit.version
    unit_decide(
        unit=unit,
        editor=EditorFactory(),
        seen_version=seen,
        verdict=VerdictInput(label=verdict("mostly-false"), claim_reviewed="Someone else's"),
    )

    response = logged_in(editor).post(
        action_url(unit, "decide"),
        decision(unit, version=seen, claim_reviewed="My careful wording", explanation="My notes."),
    )
    html = response.content.decode()

    assert response.status_code == 409
    assert "Someone else changed this unit" in html
    assert ">Reload</a>" in html
    assert 'value="My careful wording"' in html
    assert "My notes.</textarea>" in html
    assert re.search(r'value="false" checked', html)
    assert Verdict.objects.get(unit=unit).claim_reviewed == "Someone else's"


def test_a_decision_without_a_verdict_is_refused_with_the_input_kept(editor, disputed):
    unit = unit_of(disputed, CRIME)

    response = logged_in(editor).post(
        action_url(unit, "decide"), decision(unit, label="", claim_reviewed="Kept")
    )

    assert response.status_code == 400
    assert "Choose a verdict." in response.content.decode()
    assert 'value="Kept"' in response.content.decode()
    assert not Verdict.objects.exists()


def test_a_verdict_cannot_cite_another_units_source(editor, disputed):
    unit = unit_of(disputed, CRIME)
    elsewhere = Source.objects.filter(annotation__unit=unit_of(disputed, TAXES)).first()

    response = logged_in(editor).post(
        action_url(unit, "decide"), decision(unit, sources=[elsewhere.pk])
    )

    assert response.status_code == 400
    assert not Verdict.objects.exists()


def test_a_long_claim_reviewed_is_saved_with_a_note(editor, disputed):
    unit = unit_of(disputed, CRIME)
    long_claim = (
        "Crime fell by thirty percent in the city last year, the mayor said on Tuesday night"
    )
    client = logged_in(editor)

    response = client.post(
        action_url(unit, "decide"), decision(unit, claim_reviewed=long_claim), follow=True
    )
    html = response.content.decode()

    assert Verdict.objects.get(unit=unit).claim_reviewed == long_claim
    assert f"The claim reviewed is {len(long_claim)} characters long" in html
    # The form shows the note without JavaScript too.
    assert 'role="status">Longer than 75 characters' in html
    assert "character-counter is-over" in html


def public_verdicts() -> list[dict]:
    return Client().get("/api/v1/verdicts/").json()["results"]


def test_publishing_and_unpublishing_through_the_forms(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)
    client.post(action_url(unit, "decide"), decision(unit))
    unit.refresh_from_db()

    published = client.post(action_url(unit, "publish"), {"version": unit.version})

    assert published.status_code == 302
    assert Verdict.objects.get(unit=unit).is_published
    assert len(public_verdicts()) == 1
    unit.refresh_from_db()
    assert unit.status == ClaimUnit.Status.PUBLISHED
    readers_page = f'href="/verdicts/{Verdict.objects.get(unit=unit).pk}/" id="public-page"'
    assert readers_page in client.get(f"/review/units/{unit.pk}/").content.decode()

    client.post(action_url(unit, "unpublish"), {"version": unit.version})

    assert not Verdict.objects.get(unit=unit).is_published
    assert 'id="public-page"' not in client.get(f"/review/units/{unit.pk}/").content.decode()
    assert unit_of(disputed, CRIME).status == ClaimUnit.Status.UNPUBLISHED
    assert public_verdicts() == []


def test_publishing_a_changed_unit_is_refused_with_the_reason(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)
    client.post(action_url(unit, "decide"), decision(unit))

    response = client.post(action_url(unit, "publish"), {"version": unit.version})

    assert response.status_code == 409
    assert "Someone else changed this unit" in response.content.decode()
    assert not Verdict.objects.get(unit=unit).is_published


def test_a_correction_is_listed_with_its_note_and_date(editor, disputed):
    unit = unit_of(disputed, CRIME)
    unit_decided_and_published(unit, editor)
    client = logged_in(editor)

    response = client.post(
        action_url(unit, "correct"),
        decision(unit, label="mostly-false", note="We misread the police figures."),
    )

    assert response.status_code == 302
    corrected = Verdict.objects.get(unit=unit)
    assert corrected.label.slug == "mostly-false"
    assert corrected.is_published
    assert corrected.corrections.get().previous["label"] == "false"
    html = client.get(response.url).content.decode()
    assert "We misread the police figures." in html
    assert timezone.localdate().strftime("%-d %B %Y") in html
    assert 'id="corrections"' in html


def test_a_correction_needs_a_note(editor, disputed):
    unit = unit_of(disputed, CRIME)
    unit_decided_and_published(unit, editor)

    response = logged_in(editor).post(action_url(unit, "correct"), decision(unit, note=""))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Write a note telling readers what was corrected and why." in html
    assert re.search(
        r'<details class="card decision-card decision-card--correction"[^>]* open>', html
    )
    assert not Verdict.objects.get(unit=unit).corrections.exists()


def test_rejecting_takes_the_claim_out_of_the_queue(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)

    response = client.post(action_url(unit, "reject"), {"version": unit.version}, follow=True)

    assert response.redirect_chain == [("/review/", 302)]
    assert f"Claim #{unit.pk} rejected" in response.content.decode()
    assert unit.pk not in queue_ids(response)
    assert unit_of(disputed, CRIME).status == ClaimUnit.Status.REJECTED


def test_sending_back_asks_for_more_reviews(editor, disputed):
    unit = unit_of(disputed, TAXES)

    response = logged_in(editor).post(action_url(unit, "send-back"), {"version": unit.version})

    assert response.status_code == 302
    assert unit_of(disputed, TAXES).status == ClaimUnit.Status.MORE_REVIEWS


def test_starting_shows_the_unit_as_in_adjudication(editor, disputed):
    unit = unit_of(disputed, TAXES)

    logged_in(editor).post(action_url(unit, "start"), {"version": unit.version})

    assert unit_of(disputed, TAXES).status == ClaimUnit.Status.IN_ADJUDICATION


def test_merging_two_units_of_the_same_article_through_the_form(
    editor, disputed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(
            disputed,
            {"Budget day at the town hall": "true"},
            reviewer=ReviewerFactory(username="ulla"),
            sources=True,
        )
    jobs = unit_of(disputed, JOBS)
    headline = unit_of(disputed, "Budget day at the town hall")
    client = logged_in(editor)
    page = client.get(f"/review/units/{jobs.pk}/").content.decode()
    assert f'value="{headline.pk}:{headline.version}"' in page

    response = client.post(
        action_url(jobs, "merge"),
        {"version": jobs.version, "other": f"{headline.pk}:{headline.version}"},
    )

    assert response.status_code == 302
    assert not ClaimUnit.objects.filter(pk=headline.pk).exists()
    assert unit_of(disputed, "Budget day at the town hall").pk == jobs.pk
    assert Annotation.objects.filter(unit=jobs).count() == 2


def test_merging_a_unit_a_reviewer_also_rated_is_refused(editor, disputed):
    taxes, jobs = unit_of(disputed, TAXES), unit_of(disputed, JOBS)

    response = logged_in(editor).post(
        action_url(taxes, "merge"), {"version": taxes.version, "other": f"{jobs.pk}:{jobs.version}"}
    )

    assert response.status_code == 409
    assert "count their vote twice" in response.content.decode()
    assert ClaimUnit.objects.filter(pk=jobs.pk).exists()


def test_splitting_off_a_highlight_through_the_form(editor, disputed):
    taxes = unit_of(disputed, TAXES)
    moving = taxes.annotations.get(reviewer__username="tobias")

    response = logged_in(editor).post(
        action_url(taxes, "split"), {"version": taxes.version, "annotations": [moving.pk]}
    )

    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.unit_id != taxes.pk
    assert moving.unit.is_manual
    assert taxes.annotations.count() == 1


def test_splitting_off_every_highlight_is_refused_with_the_reason(editor, disputed):
    taxes = unit_of(disputed, TAXES)
    everything = list(taxes.annotations.values_list("pk", flat=True))

    response = logged_in(editor).post(
        action_url(taxes, "split"), {"version": taxes.version, "annotations": everything}
    )

    assert response.status_code == 400
    assert "some, but not all" in response.content.decode()
    assert taxes.annotations.count() == 2


def test_the_history_tells_who_changed_what(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)
    client.post(action_url(unit, "decide"), decision(unit, label="mostly-false"))
    unit.refresh_from_db()
    client.post(action_url(unit, "decide"), decision(unit, label="false"))

    html = client.get(f"/review/units/{unit.pk}/").content.decode()
    history = html[html.index('id="history"') :]

    who = (
        '<span class="history__who" dir="auto">{}</span> {} '
        '<span class="history__subject" dir="auto">{}</span>'
    )
    assert who.format("eddie", "changed", "the verdict") in history
    assert '<del dir="auto">Mostly false</del>' in history
    assert '<ins dir="auto">False</ins>' in history
    assert who.format("eddie", "created", "the verdict") in history
    assert who.format("The desk", "created", "rosalind’s highlight") in history
    assert "Rated true after reading the police report." in history


def test_an_unknown_action_is_a_404_and_actions_answer_only_post(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)

    assert client.post(action_url(unit, "explode"), {"version": 1}).status_code == 404
    assert client.get(action_url(unit, "decide")).status_code == 405


def test_the_forms_need_their_csrf_token(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(action_url(unit, "reject"), {"version": unit.version}).status_code == 403
    assert unit_of(disputed, CRIME).status == ClaimUnit.Status.NEEDS_REVIEW
