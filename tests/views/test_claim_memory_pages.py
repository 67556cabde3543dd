"""Claim memory on the pages: the unit page's "Claim memory" section (the unit's link, or the
claims its passage may state, and the editor's same / related / new decision, posted as a
browser without JavaScript would) and a claim's own page."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.models import Claim, ClaimLink, ClaimUnit, ExternalFactCheck, Review
from annotations.services.claims import claim_link, claim_unlink
from tests.factories import (
    ReviewerFactory,
    SourceFactory,
    UserFactory,
    unit_decided_and_published,
    unit_on_new_article,
)
from tests.pages import logged_in, page_data
from tests.views.review_scenario import CRIME, JOBS, action_url, unit_of

pytestmark = pytest.mark.django_db

CHECKED = "Crime fell by 30 percent last year"


def claim_checked(editor, text: str = CHECKED, *, title: str = "Police chief interview") -> Claim:
    """A claim the desk rated False in another article, citing a source, with another
    fact-checker's review of it."""
    claim = Claim.objects.create(text=text, created_by=editor)
    unit = unit_on_new_article(title=title, source_url=f"https://news.example/{claim.pk}")
    published = unit_decided_and_published(unit, editor, claim_reviewed=text)
    published.sources.add(SourceFactory(url="https://police.example/report", title="Police report"))
    unit.refresh_from_db()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    ExternalFactCheck.objects.create(
        publisher_name="Check Desk",
        url=f"https://check.example/crime-{claim.pk}",
        claim_text=text,
        rating_text="Misleading",
        date_published=datetime.date(2026, 3, 2),
        claim=claim,
    )
    return claim


@pytest.fixture
def checked(editor) -> Claim:
    return claim_checked(editor)


def unit_page(client: Client, unit: ClaimUnit) -> str:
    response = client.get(f"/review/units/{unit.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def link_form(unit: ClaimUnit, to: Claim, relation: str = "same", **changes) -> dict:
    return {"version": unit.version, "claim": to.pk, "relation": relation} | changes


# --- The unit page's section -----------------------------------------------------------------


def test_the_unit_page_shows_the_claim_its_passage_states_with_the_verdict_and_buttons(
    editor, disputed, checked
):
    html = unit_page(logged_in(editor), unit_of(disputed, CRIME))

    section = html[html.index('id="claim-memory"') :]
    assert f'data-claim-id="{checked.pk}"' in section
    assert "Same claim</span>" in section
    assert f"“{CHECKED}”" in section
    assert "Checked before: False" in section
    assert "Police report" in section
    assert 'Check Desk</span>: <span class="external-check__rating">Misleading' in section
    assert section.count('action="' + action_url(unit_of(disputed, CRIME), "claim-link")) == 2
    assert ">Keep it new</button>" in section


@pytest.mark.parametrize(("language", "stage"), [("en", "exact"), ("ar", "مطابقة تامة")])
def test_the_stage_that_found_a_match_is_named_in_the_readers_language(
    editor, disputed, checked, language, stage
):
    # The matcher's stage was shown as stored ("semantic", here "exact") on the Arabic page
    # (walk 19, finding 24).
    client = logged_in(editor)

    response = client.get(
        f"/review/units/{unit_of(disputed, CRIME).pk}/", HTTP_ACCEPT_LANGUAGE=language
    )

    section = response.content.decode().split('id="claim-memory"', 1)[1]
    assert f" · {stage}</span>" in section


def test_a_match_with_another_figure_is_only_possibly_related_and_says_what_differs(
    editor, disputed
):
    claim_checked(editor, "Crime fell by 40 percent last year")

    section = unit_page(logged_in(editor), unit_of(disputed, CRIME)).split('id="claim-memory"')[1]

    assert "Possibly related</span>" in section
    assert "<del>40%</del>" in section and "<ins>30%</ins>" in section


def test_a_passage_no_claim_matches_says_so(editor, disputed, checked):
    html = unit_page(logged_in(editor), unit_of(disputed, JOBS))

    assert "No earlier claim matches this passage." in html
    assert ">Keep it new</button>" in html


def test_same_claim_links_the_unit_in_one_click_and_the_claim_page_lists_the_article(
    editor, disputed, checked
):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)

    response = client.post(action_url(unit, "claim-link"), link_form(unit, checked))

    assert response.status_code == 302
    assert response.url == f"/review/units/{unit.pk}/#claim-memory"
    link = ClaimLink.objects.get(unit=unit)
    assert (link.claim_id, link.relation, link.linked_by) == (checked.pk, "same", editor)
    html = unit_page(client, unit)
    assert "this article is now one of claim" in html
    # The claim is named C<id>, apart from the unit's own "Claim #<id>".
    assert f'This unit states claim <a href="/claims/{checked.pk}/">C{checked.pk}</a>' in html
    assert ">Unlink</button>" in html and "Undo the last link change" in html
    assert "Checked before: False" in html
    claim_html = client.get(f"/claims/{checked.pk}/").content.decode()
    assert f'data-article-id="{disputed.pk}"' in claim_html
    assert "Town hall budget" in claim_html


def test_related_links_the_unit_without_making_it_an_appearance(editor, disputed, checked):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)

    client.post(action_url(unit, "claim-link"), link_form(unit, checked, "related"))

    assert ClaimLink.objects.get(unit=unit).relation == "related"
    claim_html = client.get(f"/claims/{checked.pk}/").content.decode()
    appearances, related = claim_html.split('id="related"')
    assert f'data-article-id="{disputed.pk}"' not in appearances
    assert f'data-article-id="{disputed.pk}"' in related
    # The unit page names the claim apart from the unit, in a sentence.
    page = unit_page(client, unit)
    assert f'Related to claim <a href="/claims/{checked.pk}/">C{checked.pk}</a>' in page
    assert ", with different facts</p>" in page
    assert "as claim" not in page


def test_keep_it_new_makes_a_claim_of_the_unit_worded_as_typed(editor, disputed, checked):
    unit = unit_of(disputed, CRIME)

    response = logged_in(editor).post(
        action_url(unit, "claim-new"), {"version": unit.version, "text": "Crime fell 30% in 2025"}
    )

    assert response.status_code == 302
    link = ClaimLink.objects.get(unit=unit)
    assert (link.claim.text, link.relation) == ("Crime fell 30% in 2025", "same")


def test_unlink_then_undo_puts_the_link_back(editor, disputed, checked):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)
    client.post(action_url(unit, "claim-link"), link_form(unit, checked))
    unit.refresh_from_db()

    client.post(action_url(unit, "claim-unlink"), {"version": unit.version})
    assert not ClaimLink.objects.filter(unit=unit).exists()
    html = unit_page(client, unit)
    assert "Undo the last link change" in html and f'data-claim-id="{checked.pk}"' in html

    unit.refresh_from_db()
    response = client.post(action_url(unit, "claim-undo"), {"version": unit.version})

    assert response.status_code == 302
    assert ClaimLink.objects.get(unit=unit).claim_id == checked.pk
    assert "linked to claim C" in unit_page(client, unit)


def test_a_stale_version_shows_the_conflict_banner_and_links_nothing(editor, disputed, checked):
    unit = unit_of(disputed, CRIME)
    seen = unit.version
    claim_link(unit=unit, claim=checked, relation="related", editor=editor)

    response = logged_in(editor).post(
        action_url(unit, "claim-link"), link_form(unit, checked, version=seen)
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert 'id="conflict"' in html
    # A button: nothing was typed, and the page takes the unit's address (no re-post on F5).
    assert "Nothing changed" in html and "Choose again after reloading." in html
    assert "What you typed" not in html
    assert f'data-page-url="/review/units/{unit.pk}/"' in html
    assert "annotations/conflict-banner.js" in html
    assert ClaimLink.objects.get(unit=unit).relation == "related"


@pytest.mark.parametrize(
    ("action", "form"),
    [
        ("claim-unlink", {}),
        ("claim-new", {}),
        ("claim-new", {"text": "Crime fell by a third"}),
    ],
)
def test_a_stale_claim_button_says_nothing_changed_and_a_typed_wording_is_kept(
    editor, disputed, checked, action, form
):
    unit = unit_of(disputed, CRIME)
    seen = unit.version
    claim_link(unit=unit, claim=checked, relation="related", editor=editor)
    if action == "claim-new":  # the unit moved on, and is unlinked: "Keep it new" is offered
        claim_unlink(unit=unit, editor=editor)

    response = logged_in(editor).post(action_url(unit, action), {"version": seen} | form)

    html = response.content.decode()
    assert response.status_code == 409
    if form:
        assert "What you typed is still below." in html
        assert "Crime fell by a third</textarea>" in html
        assert "data-page-url" not in html
    else:
        assert "Choose again after reloading." in html and "What you typed" not in html
        assert "data-page-url" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"relation": "similar"}, "Select a valid choice"),
        ({"claim": "nine"}, "Enter a whole number"),
        ({"claim": 999_999}, "There is no such claim."),
        ({"version": ""}, "This field is required"),
    ],
)
def test_bad_link_data_is_a_400_with_the_reason_and_links_nothing(
    editor, disputed, checked, changes, message
):
    unit = unit_of(disputed, CRIME)

    response = logged_in(editor).post(
        action_url(unit, "claim-link"), link_form(unit, checked, **changes)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClaimLink.objects.filter(unit=unit).exists()


def test_a_new_claim_longer_than_2000_characters_is_refused(editor, disputed):
    unit = unit_of(disputed, CRIME)

    response = logged_in(editor).post(
        action_url(unit, "claim-new"), {"version": unit.version, "text": "x" * 2001}
    )

    assert response.status_code == 400
    assert not Claim.objects.exists()


def test_unlinking_a_unit_that_is_not_linked_says_so(editor, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)

    response = client.post(action_url(unit, "claim-unlink"), {"version": unit.version})

    assert response.status_code == 409
    assert "This unit is not linked to a claim." in response.content.decode()


@pytest.mark.parametrize("action", ["claim-link", "claim-new", "claim-unlink", "claim-undo"])
def test_only_editors_post_claim_decisions(disputed, checked, action):
    unit = unit_of(disputed, CRIME)
    reviewer = ReviewerFactory()

    response = logged_in(reviewer).post(action_url(unit, action), link_form(unit, checked))

    assert response.status_code == 403
    assert not ClaimLink.objects.filter(unit=unit).exists()
    assert Client().post(action_url(unit, action), link_form(unit, checked)).status_code == 302


def test_claim_decisions_need_their_csrf_token_and_a_post(editor, disputed, checked):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor, enforce_csrf_checks=True)

    assert client.post(action_url(unit, "claim-link"), link_form(unit, checked)).status_code == 403
    assert logged_in(editor).get(action_url(unit, "claim-link")).status_code == 405
    assert not ClaimLink.objects.filter(unit=unit).exists()


def test_the_unit_pages_queries_do_not_grow_with_the_matches(editor, disputed, checked):
    unit = unit_of(disputed, CRIME)
    client = logged_in(editor)
    unit_page(client, unit)  # the matcher's index is built
    with CaptureQueriesContext(connection) as one:
        assert unit_page(client, unit).count('class="claim-match"') == 1

    for percent in (31, 32, 33, 34):
        claim_checked(editor, f"Crime fell by {percent} percent last year", title=f"T{percent}")
    unit_page(client, unit)
    with CaptureQueriesContext(connection) as five:
        assert unit_page(client, unit).count('class="claim-match"') == 5

    assert len(five) == len(one)


# --- The claim's page ------------------------------------------------------------------------


def test_a_reviewer_reads_the_claim_page_with_its_verdict_appearances_and_other_checks(
    checked, alice
):
    html = logged_in(alice).get(f"/claims/{checked.pk}/").content.decode()

    assert f"“{CHECKED}”" in html
    assert "Desk verdict: False" in html
    assert "Checked before:" not in html  # its own verdict, not one from elsewhere
    assert "Police report" in html
    assert "Police chief interview" in html  # the article it appears in
    assert "Misleading" in html and "Check Desk" in html
    assert "/review/units/" not in html  # reviewers reach the article, not the unit page


def test_a_claim_without_verdict_or_appearances_says_so(editor, alice):
    claim = Claim.objects.create(text="Tram fares went up twice", created_by=editor)

    html = logged_in(alice).get(f"/claims/{claim.pk}/").content.decode()

    assert "The desk has published no verdict on this claim." in html
    assert "No unit is linked to this claim as the same claim." in html


def test_the_claim_page_is_for_the_desk_only(checked):
    assert logged_in(UserFactory()).get(f"/claims/{checked.pk}/").status_code == 404
    response = Client().get(f"/claims/{checked.pk}/")
    assert response.status_code == 302 and "/login/" in response.url


def test_an_unknown_claim_is_a_404(alice):
    assert logged_in(alice).get("/claims/999999/").status_code == 404


def test_the_claim_pages_queries_do_not_grow_with_its_appearances(editor, alice, checked):
    client = logged_in(alice)
    client.get(f"/claims/{checked.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/claims/{checked.pk}/")
    for _ in range(4):
        for relation in ("same", "related"):
            unit = unit_on_new_article()
            claim_link(unit=unit, claim=checked, relation=relation, editor=editor)
            # Blind review: she sees the units of the articles she has submitted hers of.
            Review.objects.create(
                article=unit.article,
                reviewer=alice,
                status=Review.Status.SUBMITTED,
                submitted_at=timezone.now(),
            )
    with CaptureQueriesContext(connection) as many:
        html = client.get(f"/claims/{checked.pk}/").content.decode()

    assert html.count('class="claim-appearance"') == 1 + 4 + 4
    assert len(many) == len(few)


# --- The article page's "Checked before" list ----------------------------------------------------


def test_the_article_page_offers_the_checked_before_list_to_the_desk(alice, disputed):
    response = logged_in(alice).get(f"/articles/{disputed.pk}/")

    assert page_data(response)["claims_similar_url"] == "/api/v1/claims/similar/"
    html = response.content.decode()
    assert 'id="checked-before"' in html
    assert 'data-checked-before-status aria-live="polite"' in html
