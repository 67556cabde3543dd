"""The search page (/search/): desk members only, a form with the filters, results with
marked and escaped snippets, pagination, an empty state and field errors, never a 500."""

from __future__ import annotations

import pytest

from annotations.models import Claim
from tests.factories import UserFactory
from tests.pages import logged_in
from tests.search_desk import search_desk

pytestmark = pytest.mark.django_db


def page(user, **params) -> tuple[int, str]:
    response = logged_in(user).get("/search/", params)
    return response.status_code, response.content.decode()


def test_members_see_the_form_and_the_nav_link(alice):
    status, html = page(alice)

    assert status == 200
    assert 'href="/search/"' in html
    for name in ("q", "kind", "label", "date_from", "date_to", "publisher", "language", "source"):
        assert f'name="{name}"' in html
    assert "Nothing found" not in html


def test_people_outside_the_desk_are_refused_and_see_no_link(client, db):
    assert page(UserFactory())[0] == 403
    assert 'href="/search/"' not in logged_in(UserFactory()).get("/account/").content.decode()
    response = client.get("/search/", {"q": "tariffs"})
    assert response.status_code == 302 and "/login/" in response.url


def test_results_show_marked_matches_and_link_to_each_thing(alice, editor):
    desk = search_desk(editor)

    status, html = page(alice, q="burglaries")

    assert status == 200
    assert "<mark>burglaries</mark>" in html
    assert f'href="/verdicts/{desk.published.pk}/"' in html
    assert "Showing <strong>1–1</strong> of <strong>1</strong> result," in html


def test_a_stored_script_is_shown_as_text(alice, db):
    Claim.objects.create(text="<script>steal()</script> quotas rose")

    html = page(alice, q="quotas")[1]

    assert "<script>steal()" not in html
    assert "&lt;script&gt;steal()&lt;/script&gt;" in html


def test_filters_narrow_the_results(alice, editor):
    desk = search_desk(editor)

    html = page(alice, q="tariffs", kind="fact-check")[1]

    assert f'data-kind="fact-check" data-id="{desk.fact_check.pk}"' in html
    assert 'data-kind="verdict"' not in html


def test_results_are_paged(alice, db):
    for n in range(25):
        Claim.objects.create(text=f"Ferries sailed {n} times")

    first, second = page(alice, q="ferries")[1], page(alice, q="ferries", page=2)[1]

    assert first.count('class="card search-result ') == 20
    assert second.count('class="card search-result ') == 5
    assert "Page 2 of 2" in second and 'rel="next"' in first


def test_nothing_found_says_so(alice, db):
    assert "Nothing found" in page(alice, q="zeppelins")[1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "-tariffs"}, "Give at least one word"),
        ({"q": "tariffs", "kind": "opinion"}, "Select a valid choice"),
        ({"q": "tariffs", "date_from": "10/12/2026"}, "Enter a valid date"),
        ({"q": "tariffs", "date_from": "2026-12-01", "date_to": "2026-11-01"}, "before the start"),
        ({"q": "tariffs", "language": "english!"}, "language tag"),
        ({"q": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_shows_the_fields_error(alice, params, message):
    status, html = page(alice, **params)

    assert status == 200
    assert message in html
    assert "search-result" not in html.split("</form>")[1]
