"""A withdrawn verdict: the unpublish service records when, and the editor's optional note; the
unpublish form offers the note; the verdict's public page answers 410 with both, and names the
claim and the rating it was last published with. An id never published is a 404."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from annotations.errors import DomainError
from annotations.models import ClaimUnit, Verdict
from annotations.services.adjudication import (
    WITHDRAWAL_NOTE_MAX,
    VerdictInput,
    unit_decide,
    verdict_publish,
    verdict_unpublish,
)
from tests.factories import (
    ReviewerFactory,
    unit_decided_and_published,
    unit_on_new_article,
    verdict,
)
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

NOTE = "The figures we relied on were revised by the statistics office."


@pytest.fixture
def published(editor) -> Verdict:
    return unit_decided_and_published(unit_on_new_article(), editor)


def unpublished(published: Verdict, editor, note: str = "") -> Verdict:
    unit = ClaimUnit.objects.get(pk=published.unit_id)
    return verdict_unpublish(verdict=published, editor=editor, seen_version=unit.version, note=note)


def test_unpublishing_records_when_and_the_editors_note(published, editor):
    before = timezone.now()

    withdrawn = unpublished(published, editor, note=f"  {NOTE}\n")

    stored = Verdict.objects.get(pk=withdrawn.pk)
    assert not stored.is_published
    assert stored.withdrawn_at is not None and stored.withdrawn_at >= before
    assert stored.withdrawal_note == NOTE


def test_the_note_is_optional(published, editor):
    withdrawn = unpublished(published, editor)

    assert Verdict.objects.get(pk=withdrawn.pk).withdrawal_note == ""


def test_a_note_too_long_is_refused_with_a_400_on_its_field(published, editor):
    with pytest.raises(DomainError) as refused:
        unpublished(published, editor, note="x" * (WITHDRAWAL_NOTE_MAX + 1))

    assert (refused.value.status, refused.value.field) == (400, "note")
    assert Verdict.objects.get(pk=published.pk).is_published


def test_a_reviewer_may_not_unpublish(published):
    with pytest.raises(DomainError) as refused:
        unpublished(published, ReviewerFactory(), note=NOTE)

    assert refused.value.status == 403


def test_publishing_again_clears_the_withdrawal(published, editor):
    unpublished(published, editor, note=NOTE)
    unit = ClaimUnit.objects.get(pk=published.unit_id)

    verdict_publish(verdict=published, editor=editor, seen_version=unit.version)

    stored = Verdict.objects.get(pk=published.pk)
    assert (stored.withdrawn_at, stored.withdrawal_note) == (None, "")


def test_the_withdrawn_verdicts_page_answers_410_with_the_date_and_note(
    published, editor, client: Client
):
    unpublished(published, editor, note=NOTE)
    Verdict.objects.filter(pk=published.pk).update(
        withdrawn_at=datetime.datetime(2026, 11, 28, 15, 0, tzinfo=datetime.UTC)
    )

    response = client.get(f"/verdicts/{published.pk}/")

    assert response.status_code == 410
    html = response.content.decode()
    assert (
        'Withdrawn on <time datetime="2026-11-28T15:00:00+00:00">28 November 2026</time>.' in html
    )
    assert NOTE in html
    assert '<meta name="robots" content="noindex">' in html


def withdrawn_facts(html: str) -> tuple[str, str]:
    """The claim and the rating badge's text the withdrawn page shows ("" where none)."""
    claim = re.search(r'verdict-withdrawn__claim" dir="auto">([^<]*)<', html)
    badge = re.search(r'rating-badge__name">([^<]*)<.*?</span>([^<]*)</span></a>', html, re.S)
    return (
        claim.group(1) if claim else "",
        f"{badge.group(1)} {badge.group(2)}" if badge else "",
    )


def test_the_withdrawn_page_names_the_claim_and_the_rating_it_had(
    published, editor, client: Client
):
    unpublished(published, editor, note=NOTE)

    html = client.get(f"/verdicts/{published.pk}/").content.decode()

    assert withdrawn_facts(html) == (published.claim_reviewed, "False 1/5")


def test_a_rating_decided_after_the_withdrawal_stays_unseen_until_published(
    published, editor, client: Client
):
    unpublished(published, editor, note=NOTE)
    unit = ClaimUnit.objects.get(pk=published.unit_id)
    unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(label=verdict("mostly-true"), claim_reviewed="Crime fell a little"),
    )

    html = client.get(f"/verdicts/{published.pk}/").content.decode()

    assert withdrawn_facts(html) == (published.claim_reviewed, "False 1/5")
    assert "Crime fell a little" not in html and "Mostly true" not in html


def test_a_verdict_never_published_is_a_404(editor, client: Client):
    unit = unit_on_new_article()
    decided = unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed="Crime fell"),
    )

    assert client.get(f"/verdicts/{decided.pk}/").status_code == 404
    assert client.get("/verdicts/987654/").status_code == 404


def test_the_unpublish_form_offers_the_note_and_passes_it_on(published, editor):
    client = logged_in(editor)
    unit = ClaimUnit.objects.get(pk=published.unit_id)
    page = client.get(f"/review/units/{unit.pk}/").content.decode()
    form = page[page.index("/unpublish/") : page.index("Unpublish</button>")]
    assert 'id="withdraw_note"' in form and 'name="note"' in form

    response = client.post(
        f"/review/units/{unit.pk}/unpublish/", {"version": unit.version, "note": NOTE}
    )

    assert response.status_code == 302
    assert Verdict.objects.get(pk=published.pk).withdrawal_note == NOTE


def test_the_unpublish_form_refuses_a_note_too_long_with_a_400(published, editor):
    client = logged_in(editor)
    unit = ClaimUnit.objects.get(pk=published.unit_id)

    response = client.post(
        f"/review/units/{unit.pk}/unpublish/",
        {"version": unit.version, "note": "x" * (WITHDRAWAL_NOTE_MAX + 1)},
    )

    assert response.status_code == 400
    assert Verdict.objects.get(pk=published.pk).is_published


def test_the_editors_unit_page_says_when_it_was_withdrawn_and_why(published, editor):
    unpublished(published, editor, note=NOTE)
    Verdict.objects.filter(pk=published.pk).update(
        withdrawn_at=datetime.datetime(2026, 11, 28, 15, 0, tzinfo=datetime.UTC)
    )

    page = logged_in(editor).get(f"/review/units/{published.unit_id}/").content.decode()

    withdrawn = '<time datetime="2026-11-28T15:00:00+00:00">28 November 2026, 15:00</time>'
    assert f"Withdrawn {withdrawn}" in page
    assert f"“{NOTE}”" in page
