"""The agreement pages: the editors' dashboard and the card on the article page, with figures
computed from real reviews through the services (the after-commit recomputation runs)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client

from annotations import selectors
from annotations.core.numbers import ENGLISH_NUMBERS
from annotations.models import DeskAgreement
from annotations.services.annotations import TargetInput, annotation_create
from annotations.services.reviews import review_submit
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, verdict
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

CLAIMS = [
    "Critics say unemployment has doubled since 2020.",
    "the largest in the city's history",
    "We have never invested this much in schools",
]
# One row per reviewer: their verdict on each claim (None: not highlighted).
VERDICTS = [
    ["false", "mostly-true", "mixed"],
    ["false", "true", "mixed"],
    ["mostly-false", "true", None],
]


def review(article, reviewer, verdicts) -> None:
    for exact, slug in zip(CLAIMS, verdicts, strict=True):
        if slug is None:
            continue
        start = article.text.index(exact)
        annotation_create(
            reviewer=reviewer,
            article=article,
            target=TargetInput(exact=exact, start=start, end=start + len(exact)),
            verdict=verdict(slug),
        )
    review_submit(article=article, reviewer=reviewer)


def reviewed_article(capture, reviewers, verdicts=VERDICTS):
    article = ArticleFactory()
    with capture(execute=True):
        for reviewer, row in zip(reviewers, verdicts, strict=False):
            review(article, reviewer, row)
    return article


def desk_recompute(capture, editor) -> None:
    with capture(execute=True):
        response = logged_in(editor).post("/agreement/recompute/")
    assert response.status_code == 302


@pytest.fixture
def reviewers(db):
    return [ReviewerFactory(username=name) for name in ("ana", "ben", "cleo")]


@pytest.fixture
def article(reviewers, django_capture_on_commit_callbacks):
    return reviewed_article(django_capture_on_commit_callbacks, reviewers)


def html(response) -> str:
    return response.content.decode()


def test_editors_see_the_desk_figures_computed_from_the_reviews(
    editor, article, django_capture_on_commit_callbacks
):
    desk_recompute(django_capture_on_commit_callbacks, editor)
    payload = selectors.desk_agreement_payload()
    assert payload["alpha_ordinal"] is not None

    response = logged_in(editor).get("/agreement/")

    page = html(response)
    assert response.status_code == 200
    assert ENGLISH_NUMBERS.decimal(payload["alpha_ordinal"]) in page
    assert ENGLISH_NUMBERS.decimal(payload["alpha_nominal"]) in page
    assert ENGLISH_NUMBERS.decimal(payload["fleiss_kappa"]) in page
    assert ENGLISH_NUMBERS.percent(payload["percent_agreement"]) in page
    low = payload["confidence_intervals"]["alpha_ordinal"]["low"]
    assert f"95% CI {ENGLISH_NUMBERS.decimal(low)} to" in page
    assert 'class="chart heatmap"' in page
    assert page.count('class="heatmap__cell"') == 2 * 2 * 3  # κ and raw agreement, 3 pairs
    assert 'class="chart bars"' in page
    assert "<strong>3</strong> units" in page
    assert "<strong>3</strong> reviewers" in page
    assert "Up to date" in page


def test_the_desks_warnings_are_shown_as_callouts(
    editor, article, django_capture_on_commit_callbacks
):
    desk_recompute(django_capture_on_commit_callbacks, editor)

    page = html(logged_in(editor).get("/agreement/"))

    assert 'class="callout callout--warning" data-warning="too_few_units"' in page
    assert "Only 3 units were rated" in page


def test_before_any_computation_figures_show_a_dash_and_the_reason(editor):
    page = html(logged_in(editor).get("/agreement/"))

    assert page.count('figure__number figure__number--undefined">—<') == 4
    assert "Undefined: not computed yet" in page
    assert "Not computed yet" in page
    assert "No reviewer pairs yet" in page


def test_the_dashboard_says_how_many_articles_are_still_being_computed(
    editor, article, django_capture_on_commit_callbacks
):
    desk_recompute(django_capture_on_commit_callbacks, editor)
    DeskAgreement.objects.update(stale_articles=2)

    page = html(logged_in(editor).get("/agreement/"))

    assert "2 articles still being computed" in page
    assert "Up to date" not in page


def test_reviewers_are_refused_the_dashboard(alice):
    assert logged_in(alice).get("/agreement/").status_code == 403


def test_the_dashboard_and_recompute_need_a_login(client):
    for response in (client.get("/agreement/"), client.post("/agreement/recompute/")):
        assert response.status_code == 302
        assert response.url.startswith("/login/")


def test_the_recompute_button_posts_with_its_csrf_token_and_comes_back_with_a_message(
    editor, article, django_capture_on_commit_callbacks
):
    client = logged_in(editor, enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):  # opening it computes the figures
        page = html(client.get("/agreement/"))
    form = re.search(r'<form[^>]*action="/agreement/recompute/".*?</form>', page, re.S).group()
    assert 'method="post"' in form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/agreement/recompute/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert response.url == "/agreement/"
    desk = DeskAgreement.objects.get()
    assert desk.computed_at is not None
    assert desk.articles == 1
    page = html(client.get(response.url))
    assert "Recomputation requested" in page


def test_recompute_without_a_csrf_token_is_refused(editor):
    response = logged_in(editor, enforce_csrf_checks=True).post("/agreement/recompute/")

    assert response.status_code == 403
    assert not DeskAgreement.objects.filter(queued=True).exists()


def test_recompute_only_answers_post(editor):
    assert logged_in(editor).get("/agreement/recompute/").status_code == 405


def test_reviewers_cannot_recompute(alice):
    assert logged_in(alice).post("/agreement/recompute/").status_code == 403
    assert not DeskAgreement.objects.exists()


def test_a_second_request_while_one_is_queued_says_so(editor):
    DeskAgreement.objects.create(pk=1, queued=True)

    response = logged_in(editor).post("/agreement/recompute/", follow=True)

    assert "A recomputation is already on its way" in html(response)


def test_a_reviewer_name_with_markup_is_escaped_on_the_dashboard(
    editor, django_capture_on_commit_callbacks
):
    hostile = ReviewerFactory(username="<script>alert(1)</script>")
    reviewed_article(django_capture_on_commit_callbacks, [hostile, ReviewerFactory()])
    desk_recompute(django_capture_on_commit_callbacks, editor)

    page = html(logged_in(editor).get("/agreement/"))

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_dashboard_queries_do_not_grow_with_reviewers_and_articles(
    editor, article, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    desk_recompute(django_capture_on_commit_callbacks, editor)
    client = logged_in(editor)
    # The query log keeps the last 9000 queries; computing statistics fills it, after which
    # nothing more would be counted.
    connection.queries_log.clear()
    # 21: the scale's names in the reader's language (its translations) add one constant query.
    with django_assert_max_num_queries(21) as baseline:
        client.get("/agreement/")
    baseline_count = len(baseline.captured_queries)  # read now: the log is cleared below
    more = [ReviewerFactory() for _ in range(5)]
    for _ in range(3):
        reviewed_article(django_capture_on_commit_callbacks, more, VERDICTS * 2)
    desk_recompute(django_capture_on_commit_callbacks, editor)
    assert DeskAgreement.objects.get().articles == 4
    connection.queries_log.clear()

    with django_assert_max_num_queries(baseline_count):
        response = client.get("/agreement/")

    assert html(response).count('class="heatmap__cell"') == 2 * 2 * 28  # 8 reviewers


def test_editors_see_the_articles_agreement_card_with_its_figures(editor, article):
    payload = selectors.article_agreement_payload(article)

    response = logged_in(editor).get(f"/articles/{article.pk}/")

    page = html(response)
    assert 'id="agreement"' in page
    assert ENGLISH_NUMBERS.decimal(payload["alpha_ordinal"]) in page
    assert ENGLISH_NUMBERS.percent(payload["percent_agreement"]) in page
    assert ENGLISH_NUMBERS.decimal(payload["span_f1_overlap"]) in page
    assert 'class="chart spread-strip"' in page
    assert page.count('class="spread-strip__unit"') == 3
    assert "“Critics say unemployment has doubled since 2020.”" in page
    assert "1 Mostly false · 2 False" in page
    for a, b in (("ana", "ben"), ("ana", "cleo"), ("ben", "cleo")):
        assert f'{a} <span class="data-table__and">&amp;</span> {b}' in page
    assert 'href="/agreement/"' in page


def test_one_unit_is_too_few_to_judge_and_its_highlights_are_counted_as_such(
    editor, reviewers, django_capture_on_commit_callbacks
):
    # Two reviewers disagree on the one claim they both rated: kappa is -1, but one unit says
    # nothing of how well they agree (walk 19, finding 23).
    one_unit = reviewed_article(
        django_capture_on_commit_callbacks,
        reviewers[:2],
        [["false", None, None], ["true", None, None]],
    )
    assert selectors.article_agreement_payload(one_unit)["units"] == 1

    page = html(logged_in(editor).get(f"/articles/{one_unit.pk}/"))

    card = page.split('id="agreement"', 1)[1]
    assert "Too few units to judge" in card
    for reading in ("Unreliable", "Poor", "Reliable", "Tentative", "Slight"):
        assert f">{reading}<" not in page
    assert "2 units" not in card
    assert "2 highlights · 2 reviewers" in card


def test_an_undefined_article_figure_shows_its_reason(editor, django_capture_on_commit_callbacks):
    lone = reviewed_article(django_capture_on_commit_callbacks, [ReviewerFactory()])
    payload = selectors.article_agreement_payload(lone)
    assert payload["alpha_nominal"] is None

    page = html(logged_in(editor).get(f"/articles/{lone.pk}/"))

    assert f"Undefined: {payload['reasons']['alpha_nominal']}" in page


def test_an_article_without_submitted_reviews_says_its_figures_are_not_computed(editor):
    unreviewed = ArticleFactory()

    page = html(logged_in(editor).get(f"/articles/{unreviewed.pk}/"))

    assert "Not computed yet" in page
    assert "No claim units yet" in page


def test_reviewers_never_see_the_agreement_card(reviewers, article):
    page = html(logged_in(reviewers[0]).get(f"/articles/{article.pk}/"))

    assert 'id="agreement"' not in page
    assert "Krippendorff" not in page
    assert 'href="/agreement/"' not in page


def test_only_editors_have_agreement_in_the_navigation(editor, alice):
    assert ">Agreement</a>" in html(logged_in(editor).get("/"))
    assert ">Agreement</a>" not in html(logged_in(alice).get("/"))


def test_an_admin_who_is_not_in_the_editor_group_sees_the_dashboard(db):
    admin = EditorFactory(username="root", role="admin")

    assert logged_in(admin).get("/agreement/").status_code == 200


def test_the_dashboard_compares_each_reviewer_with_the_final_verdicts(editor):
    from annotations.models import DeskAgreement

    DeskAgreement.objects.update_or_create(
        pk=1,
        defaults={
            "reviewer_vs_final": [
                {
                    "reviewer": editor.pk,
                    "units": 4,
                    "agreement": 0.75,
                    "kappa": {
                        "value": 0.5,
                        "reason": None,
                        "units": 4,
                        "reviewers": 2,
                        "pairable": 8,
                    },
                },
            ],
        },
    )
    client = Client()
    client.force_login(editor)

    page = client.get("/agreement/").content.decode()

    assert "Reviewers against the final verdicts" in page
    assert "75%" in page
    assert "0.50" in page
