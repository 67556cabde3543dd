"""A field with errors is described by them (walk 19, finding 13): every id a form's
aria-describedby names is on the page, so a screen reader reads the error with the field."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.factories import ArticleFactory
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if found.get("aria-describedby"):
            name = str(found.get("name") or found.get("id") or tag)
            self.described_by[name] = str(found["aria-describedby"]).split()


def _dangling(html: str) -> dict[str, list[str]]:
    """Each element's aria-describedby ids that no element on the page has."""
    parser = _References()
    parser.feed(html)
    dangling = {
        name: [ref for ref in refs if ref not in parser.ids]
        for name, refs in parser.described_by.items()
    }
    return {name: refs for name, refs in dangling.items() if refs}


def _described_by(html: str, name: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.described_by.get(name, [])


def test_an_import_field_with_an_error_is_described_by_it(editor):
    html = (
        logged_in(editor)
        .post("/articles/import/", {"url": "file:///etc/passwd", "title": "Strike"})
        .content.decode()
    )

    assert "id_url_error" in _described_by(html, "url")
    assert _dangling(html) == {}


def test_a_login_field_with_an_error_is_described_by_it(db):
    html = Client().post("/login/", {"username": "", "password": ""}).content.decode()

    assert "id_username_error" in _described_by(html, "username")
    assert _dangling(html) == {}


def test_the_decision_form_names_only_what_is_on_the_page(editor, disputed):
    unit = unit_of(disputed, CRIME)

    html = (
        logged_in(editor)
        .post(action_url(unit, "decide"), decision(unit, claim_reviewed=""))
        .content.decode()
    )

    assert "id_claim_reviewed_error" in _described_by(html, "claim_reviewed")
    assert _dangling(html) == {}


def test_the_refetch_choice_with_an_error_is_described_by_it(editor, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    article = ArticleFactory(source_url="http://127.0.0.1/story")

    html = (
        logged_in(editor)
        .post(f"/articles/{article.pk}/revise/", {"refetch": "on"})
        .content.decode()
    )

    assert "id_refetch_error" in _described_by(html, "refetch")
    assert _dangling(html) == {}
