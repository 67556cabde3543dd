"""Where editors see a claim that changed under its verdict (queue, unit page, /reattach/,
article page, history), how they confirm it, what readers see; and the highlights' marks
when a revision changed their passage (hardening issue, items 14 and 15)."""

from __future__ import annotations

import re

import pytest

from annotations.models import ClaimChange, ClaimUnit
from tests.factories import (
    CHANGED_CLAIM,
    CHANGED_CLAIM_TEXT,
    claim_published_then_revised,
)
from tests.pages import logged_in, page_data

pytestmark = pytest.mark.django_db

NEW_CLAIM = CHANGED_CLAIM.replace("219", "224")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def changed(editor, committing) -> ClaimUnit:
    return claim_published_then_revised(editor, committing)


@pytest.fixture
def unchanged(editor, committing) -> ClaimUnit:
    """The same scenario, but the revision only touched another paragraph."""
    return claim_published_then_revised(
        editor, committing, revised_text=CHANGED_CLAIM_TEXT.replace("Talks", "New talks")
    )


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_queue_says_how_many_claims_changed_under_their_verdict(editor, changed):
    html = logged_in(editor).get("/review/").content.decode()

    assert "1 claim changed under its verdict" in text_of(html)


def test_the_queues_published_tab_flags_the_unit(editor, changed):
    html = logged_in(editor).get("/review/?status=published").content.decode()

    row = html[html.index(f'data-unit-id="{changed.pk}"') :]
    assert "Claim changed" in row[: row.index("</tr>")]


def test_the_unit_page_shows_both_passages_with_the_figures_marked(editor, changed):
    html = logged_in(editor).get(f"/review/units/{changed.pk}/").content.decode()

    notice = html[
        html.index('id="claim-changed"') : html.index(
            "</section>", html.index('id="claim-changed"')
        )
    ]
    assert '<del class="claim-change__fact">219</del>' in notice
    assert '<ins class="claim-change__fact">224</ins>' in notice
    assert "Confirm the verdict still holds" in notice


def test_a_changed_claim_cannot_be_published_again_from_the_page_unconfirmed(editor, changed):
    html = logged_in(editor).get(f"/review/units/{changed.pk}/").content.decode()

    assert "/publish/" not in html


def test_an_unchanged_claim_has_no_flag_anywhere(editor, unchanged):
    client = logged_in(editor)

    assert 'id="claim-changed"' not in client.get(f"/review/units/{unchanged.pk}/").content.decode()
    assert "changed under" not in client.get("/review/").content.decode()
    assert "Claims that changed" not in client.get("/reattach/").content.decode()


def test_confirming_from_the_unit_page_clears_the_flag_and_is_in_the_history(editor, changed):
    client = logged_in(editor)

    response = client.post(
        f"/review/units/{changed.pk}/confirm-claim/", {"version": changed.version}
    )

    assert response.status_code == 302
    html = client.get(f"/review/units/{changed.pk}/").content.decode()
    assert 'id="claim-changed"' not in html
    history = text_of(html[html.index('id="history"') :])
    assert "eddie changed the claim change of revision 2" in history
    assert "Verdict confirmed" in history
    assert ClaimChange.objects.get(unit=changed).resolved_by == editor


def test_confirming_a_verdict_whose_claim_states_the_old_figure_says_to_correct_it(
    editor, committing
):
    changed = claim_published_then_revised(
        editor, committing, claim_reviewed="219 civilians were killed"
    )

    response = logged_in(editor).post(
        f"/review/units/{changed.pk}/confirm-claim/", {"version": changed.version}
    )

    assert response.status_code == 409
    page = text_of(response.content.decode())
    assert "claim still says “219” (now “224”): correct the verdict" in page
    assert 'id="claim-changed"' in response.content.decode()
    assert ClaimChange.objects.get(unit=changed).resolved_at is None


def test_confirming_with_a_stale_version_says_so_and_keeps_the_flag(editor, changed):
    response = logged_in(editor).post(
        f"/review/units/{changed.pk}/confirm-claim/", {"version": changed.version - 1}
    )

    assert response.status_code == 409
    assert 'id="claim-changed"' in response.content.decode()


def test_the_reattach_page_lists_the_changed_claim_for_editors(editor, changed):
    html = logged_in(editor).get("/reattach/").content.decode()

    section = text_of(html[html.index('id="changed-heading"') :])
    assert "Shelling killed civilians in Aleppo" in section
    assert CHANGED_CLAIM in section and NEW_CLAIM in section
    assert "219 → 224" in section


def test_reviewers_do_not_see_changed_claims_on_the_reattach_page(changed):
    reviewer = changed.annotations.first().reviewer

    html = logged_in(reviewer).get("/reattach/").content.decode()

    assert "Claims that changed" not in html


def test_the_article_page_shows_editors_a_banner_and_marks_the_highlights(editor, changed):
    response = logged_in(editor).get(f"/articles/{changed.article_id}/")

    html = response.content.decode()
    assert "Claim changed under its published verdict" in text_of(html)
    members = {str(pk) for pk in changed.annotations.values_list("pk", flat=True)}
    assert page_data(response)["claim_changes"] == dict.fromkeys(members, "219 → 224")


def test_the_article_page_shows_reviewers_no_claim_change(changed):
    reviewer = changed.annotations.first().reviewer

    response = logged_in(reviewer).get(f"/articles/{changed.article_id}/")

    assert "claim-change-banner" not in response.content.decode()
    assert page_data(response)["claim_changes"] == {}


def test_readers_see_the_passage_the_verdict_was_given_on(client, changed):
    html = client.get(f"/verdicts/{changed.verdict.pk}/").content.decode()

    assert CHANGED_CLAIM in html
    # Not a bare "224": a nonce or a timestamp on the page may hold those digits.
    assert NEW_CLAIM not in html
    assert "224 civilians" not in html


# --- Item 15: a mark only where the passage moved to different text ---------------------------


def anchors_by_passage(response) -> list[dict]:
    return [annotation["anchor"] for annotation in page_data(response)["annotations"]]


def test_highlights_whose_passage_changed_say_what_changed(editor, changed):
    anchors = anchors_by_passage(logged_in(editor).get(f"/articles/{changed.article_id}/"))

    assert [anchor["change"] for anchor in anchors] == ["219 → 224", "219 → 224"]


def test_highlights_carried_unchanged_have_no_change(editor, unchanged):
    anchors = anchors_by_passage(logged_in(editor).get(f"/articles/{unchanged.article_id}/"))

    assert [anchor["change"] for anchor in anchors] == [None, None]
    assert {anchor["method"] for anchor in anchors} == {"carried"}


def test_a_change_of_words_without_facts_is_told_in_words(editor, committing):
    unit = claim_published_then_revised(
        editor,
        committing,
        revised_text=CHANGED_CLAIM_TEXT.replace("Shelling killed", "Shelling has killed"),
    )

    anchors = anchors_by_passage(logged_in(editor).get(f"/articles/{unit.article_id}/"))

    assert [anchor["change"] for anchor in anchors] == ["added “has”", "added “has”"]
    assert not ClaimChange.objects.exists()
