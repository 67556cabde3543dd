"""The review pages: the editors' queue and adjudication forms, the reviewers' assignments, and
assigning from the article page. Forms post as a browser without JavaScript would."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.core.text import passage_in_context
from annotations.models import (
    Annotation,
    Article,
    Assignment,
    ClaimUnit,
    DeskSettings,
    Source,
    Verdict,
)
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.annotations import TargetInput, annotation_create
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    claims_reviewed,
    unit_decided_and_published,
    verdict,
)
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

TEXT = (
    "Budget day at the town hall\n\n"
    "The mayor said crime fell by 30 percent last year. "
    "She also claimed the city has the lowest taxes in the region. "
    "Unemployment stands at 4 percent, the lowest in a decade."
)
CRIME = "crime fell by 30 percent last year"
TAXES = "the city has the lowest taxes in the region"
JOBS = "Unemployment stands at 4 percent"


@pytest.fixture
def reviewers(db):
    return ReviewerFactory(username="rosalind"), ReviewerFactory(username="tobias")


@pytest.fixture
def disputed(reviewers, django_capture_on_commit_callbacks) -> Article:
    """Crime: True vs False (4 steps apart). Taxes: False vs Mostly false. Jobs: one review."""
    rosalind, tobias = reviewers
    article = ArticleFactory(title="Town hall budget", text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true", TAXES: "false"}, reviewer=rosalind, sources=True)
        claims_reviewed(
            article,
            {CRIME: "false", TAXES: "mostly-false", JOBS: "true"},
            reviewer=tobias,
            sources=True,
        )
    return article


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


# --- Who may see what ----------------------------------------------------------------------------


def test_the_review_pages_need_a_login(client, disputed):
    unit = unit_of(disputed, CRIME)
    for url in ("/review/", f"/review/units/{unit.pk}/", "/assignments/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/login/")
    for url in (action_url(unit, "decide"), f"/articles/{disputed.pk}/assign/"):
        response = client.post(url, {"version": 1})
        assert response.status_code == 302
        assert response.url.startswith("/login/")


def test_reviewers_are_refused_the_queue_the_unit_page_and_its_forms(reviewers, disputed):
    client = logged_in(reviewers[0])
    unit = unit_of(disputed, CRIME)

    assert client.get("/review/").status_code == 403
    assert client.get(f"/review/units/{unit.pk}/").status_code == 403
    for action in ("decide", "reject", "send-back", "merge", "split", "publish", "start"):
        assert client.post(action_url(unit, action), decision(unit)).status_code == 403
    assert unit_of(disputed, CRIME).status == ClaimUnit.Status.NEEDS_REVIEW


def test_reviewers_cannot_assign_articles(reviewers, disputed):
    rosalind, tobias = reviewers

    response = logged_in(rosalind).post(
        f"/articles/{disputed.pk}/assign/", {"reviewers": [tobias.pk]}
    )

    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_editors_open_the_queue_and_the_unit_page(editor, disputed):
    client = logged_in(editor)

    assert client.get("/review/").status_code == 200
    assert client.get(f"/review/units/{unit_of(disputed, CRIME).pk}/").status_code == 200


def test_editors_are_refused_the_reviewers_inbox(editor):
    assert logged_in(editor).get("/assignments/").status_code == 403


def test_an_unknown_unit_is_a_404(editor):
    assert logged_in(editor).get("/review/units/999999/").status_code == 404


def test_the_navigation_links_each_role_to_its_pages(editor, reviewers):
    editor_page = logged_in(editor).get("/").content.decode()
    reviewer_page = logged_in(reviewers[0]).get("/").content.decode()

    assert 'href="/review/"' in editor_page
    assert 'href="/assignments/"' not in editor_page
    assert 'href="/assignments/"' in reviewer_page
    assert 'href="/review/"' not in reviewer_page


# --- The queue -----------------------------------------------------------------------------------


def queue_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-unit-id="(\d+)"', response.content.decode())]


def test_the_queue_puts_the_most_disputed_claim_first_with_its_verdicts(editor, disputed):
    response = logged_in(editor).get("/review/")
    html = response.content.decode()

    crime, taxes, jobs = (unit_of(disputed, claim) for claim in (CRIME, TAXES, JOBS))
    assert queue_ids(response) == [crime.pk, taxes.pk, jobs.pk]
    first_row = html[
        html.index(f'data-unit-id="{crime.pk}"') : html.index(f'data-unit-id="{taxes.pk}"')
    ]
    assert CRIME in first_row
    assert "4 steps apart" in first_row
    chips = re.findall(r'class="verdict-chip">.*?</svg>(.*?)</li>', first_row, re.DOTALL)
    assert [chip.strip() for chip in chips] == ["True", "False"]
    assert 'fill="#1a9850"' in first_row  # the verdicts' colours, as SVG fills (CSP-safe)
    assert html.count("Needs more reviews") == 1
    assert "Town hall budget" in first_row


def test_the_queue_filters_by_article_verdict_reviewer_and_status(editor, disputed, reviewers):
    client = logged_in(editor)
    crime, taxes, jobs = (unit_of(disputed, claim) for claim in (CRIME, TAXES, JOBS))
    other = ArticleFactory(title="Another article")
    ClaimUnit.objects.create(article=other, kind="claim", start=0, end=10)

    assert queue_ids(client.get("/review/?label=mostly-false")) == [taxes.pk]
    assert queue_ids(client.get("/review/?reviewer=rosalind")) == [crime.pk, taxes.pk]
    assert len(queue_ids(client.get(f"/review/?article={other.pk}"))) == 1
    assert queue_ids(client.get("/review/?status=decided")) == []
    unit_decide(
        unit=jobs,
        editor=editor,
        seen_version=jobs.version,
        verdict=VerdictInput(label=verdict("mixed"), claim_reviewed="Jobs"),
    )
    assert queue_ids(client.get("/review/?status=decided")) == [jobs.pk]
    assert jobs.pk not in queue_ids(client.get("/review/"))


def test_an_invalid_filter_is_ignored_rather_than_refused(editor, disputed):
    response = logged_in(editor).get("/review/?status=bogus&article=nope")

    assert response.status_code == 200
    assert len(queue_ids(response)) == 3


def test_the_queue_counts_the_units_of_each_status(editor, disputed):
    crime = unit_of(disputed, CRIME)
    logged_in(editor).post(action_url(crime, "reject"), {"version": crime.version})

    html = logged_in(editor).get("/review/").content.decode()

    def count(name: str) -> str:
        return re.search(rf"{name} <span class=\"status-tab__count\">(\d+)</span>", html).group(1)

    assert count("Awaiting a decision") == "2"
    assert count("Needs review") == "2"
    assert count("Rejected") == "1"
    assert count("Published") == "0"


def units_bulk(count: int, articles: list[Article]) -> None:
    """`count` open units spread over the articles, with rankings set as the recomputation would."""
    ClaimUnit.objects.bulk_create(
        ClaimUnit(
            article=articles[i % len(articles)],
            kind="claim",
            start=i % 40,
            end=i % 40 + 25,
            ratings=1 + i % 3,
            ordinal_spread=i % 5 if i % 3 else None,
            nominal_disagreement=(i % 4) / 4,
        )
        for i in range(count)
    )


def test_the_queue_shows_fifty_units_a_page(editor):
    units_bulk(120, ArticleFactory.create_batch(2))
    client = logged_in(editor)

    first = client.get("/review/")
    last = client.get("/review/?page=3")

    assert len(queue_ids(first)) == 50
    assert len(queue_ids(last)) == 20
    assert "Page 3 of 3" in last.content.decode()
    assert set(queue_ids(first)).isdisjoint(queue_ids(last))


def test_queue_queries_do_not_grow_with_units(editor, django_assert_num_queries):
    articles = ArticleFactory.create_batch(3)
    client = logged_in(editor)
    units_bulk(10, articles)
    client.get("/review/")  # warm up: the session, content types
    with CaptureQueriesContext(connection) as ten:
        response = client.get("/review/")
    assert len(queue_ids(response)) == 10
    assert len(ten.captured_queries) > 0

    units_bulk(9_990, articles)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get("/review/")

    assert len(queue_ids(response)) == 50
    assert "of <strong>10000</strong> claims" in response.content.decode()


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
    assert "This field is required." in response.content.decode()
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
    assert timezone.localdate().strftime("%-d %b %Y") in html
    assert 'id="corrections"' in html


def test_a_correction_needs_a_note(editor, disputed):
    unit = unit_of(disputed, CRIME)
    unit_decided_and_published(unit, editor)

    response = logged_in(editor).post(action_url(unit, "correct"), decision(unit, note=""))

    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
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

    who = '<span class="history__who">{}</span> {} <span class="history__subject">{}</span>'
    assert who.format("eddie", "changed", "the verdict") in history
    assert "<del>Mostly false</del>" in history
    assert "<ins>False</ins>" in history
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


# --- Assignments ---------------------------------------------------------------------------------


def test_editors_assign_reviewers_from_the_article_page(editor, reviewers, article):
    rosalind, tobias = reviewers
    client = logged_in(editor)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert f'action="/articles/{article.pk}/assign/"' in page
    assert f'value="{rosalind.pk}"' in page

    due = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        f"/articles/{article.pk}/assign/",
        {"reviewers": [rosalind.pk, tobias.pk], "due_on": due.isoformat()},
        follow=True,
    )

    assert response.redirect_chain == [(f"/articles/{article.pk}/#assignments", 302)]
    assert "Assigned to rosalind, tobias." in response.content.decode()
    assert set(Assignment.objects.values_list("reviewer__username", "due_on")) == {
        ("rosalind", due),
        ("tobias", due),
    }
    card = response.content.decode().split('id="assignments"')[1].split("</section>")[0]
    assert card.count("Not started") == 2


def test_assigning_nobody_is_refused_with_a_message(editor, article):
    response = logged_in(editor).post(f"/articles/{article.pk}/assign/", {}, follow=True)

    assert "Choose at least one reviewer." in response.content.decode()
    assert not Assignment.objects.exists()


def test_only_editors_see_the_assignment_card(reviewers, article):
    page = logged_in(reviewers[0]).get(f"/articles/{article.pk}/").content.decode()

    assert 'id="assignments"' not in page


def test_the_inbox_lists_my_assignments_with_progress_and_overdue_dates(
    editor, reviewers, django_capture_on_commit_callbacks
):
    rosalind, tobias = reviewers
    today = timezone.localdate()
    late = ArticleFactory(title="Late article")
    started = ArticleFactory(title="Started article", text=TEXT)
    done = ArticleFactory(title="Done article", text=TEXT)
    ArticleFactory(title="Somebody else's")
    Assignment.objects.create(article=late, reviewer=rosalind, due_on=today - datetime.timedelta(1))
    Assignment.objects.create(article=started, reviewer=rosalind, due_on=today)
    Assignment.objects.create(article=done, reviewer=rosalind, due_on=today - datetime.timedelta(5))
    Assignment.objects.create(article=ArticleFactory(title="Tobias's"), reviewer=tobias)
    for claim in (CRIME, TAXES):
        start = TEXT.index(claim)
        annotation_create(
            reviewer=rosalind,
            article=started,
            target=TargetInput(exact=claim, start=start, end=start + len(claim)),
            verdict=verdict("false"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(done, {CRIME: "true"}, reviewer=rosalind, sources=True)

    html = logged_in(rosalind).get("/assignments/").content.decode()
    cards = {
        re.search(r'article-card__link" href="[^"]+">([^<]+)<', card).group(1): card
        for card in html.split('<li class="article-card')[1:]
    }

    assert list(cards) == ["Done article", "Late article", "Started article"]
    assert "Overdue" in cards["Late article"]
    assert "Not started" in cards["Late article"]
    assert "In progress · 2 highlights" in cards["Started article"]
    assert "Overdue" not in cards["Started article"]
    assert "Submitted" in cards["Done article"]
    assert "Overdue" not in cards["Done article"]  # late, but done


def test_without_self_assignment_there_is_nothing_to_pick_up(reviewers, article):
    client = logged_in(reviewers[0])

    assert "Articles you can pick up" not in client.get("/assignments/").content.decode()
    assert client.post(f"/articles/{article.pk}/pick-up/").status_code == 403
    assert not Assignment.objects.exists()


def test_with_self_assignment_reviewers_pick_up_articles_with_free_seats(reviewers):
    rosalind, tobias = reviewers
    DeskSettings.objects.update_or_create(
        pk=1, defaults={"allow_self_assignment": True, "reviewers_per_article": 1}
    )
    free = ArticleFactory(title="Free article")
    full = ArticleFactory(title="Full article")
    Assignment.objects.create(article=full, reviewer=tobias)
    client = logged_in(rosalind)

    html = client.get("/assignments/").content.decode()
    offered = html[html.index("Articles you can pick up") :]
    assert "Free article" in offered and "1 seat left" in offered
    assert "Full article" not in offered

    response = client.post(f"/articles/{free.pk}/pick-up/", follow=True)

    assert response.redirect_chain == [("/assignments/", 302)]
    assert Assignment.objects.filter(article=free, reviewer=rosalind).exists()
    html = response.content.decode()
    assert "“Free article” is in your assignments." in html
    assert "Picked up by you" in html
    assert "Every article has all the reviewers it needs." in html


def test_picking_up_a_full_article_says_so(reviewers):
    rosalind, tobias = reviewers
    DeskSettings.objects.update_or_create(
        pk=1, defaults={"allow_self_assignment": True, "reviewers_per_article": 1}
    )
    full = ArticleFactory()
    Assignment.objects.create(article=full, reviewer=tobias)

    response = logged_in(rosalind).post(f"/articles/{full.pk}/pick-up/", follow=True)

    assert "already has all the reviewers it needs" in response.content.decode()
    assert not Assignment.objects.filter(reviewer=rosalind).exists()
