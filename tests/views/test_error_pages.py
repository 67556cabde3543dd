"""One way from a service's DomainError to a page (annotations/views/errors.py): 403 and 404
through Django's handlers and the desk's own templates, 409 as a banner above the form as the
user filled it in, anything else on the form field it names or on the form as a whole."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import annotations
from annotations.errors import DomainError
from annotations.models import Article, Assignment, PersonalToken
from annotations.services.tokens import MAX_TOKENS_PER_USER, personal_token_create
from tests.pages import logged_in

pytestmark = pytest.mark.django_db


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


def assert_in_the_desks_layout(html: str) -> None:
    assert 'class="site-header"' in html
    assert "factcheck desk" in html
    assert "/static/annotations/app.css" in html
    assert 'href="/" id="error-home">Back to the articles</a>' in html


# --- 403 and 404: Django's handlers, the desk's templates -----------------------------------------


def test_a_services_403_is_the_desks_403_page_with_its_reason(alice, article):
    # Self-assignment is off by default: the service refuses with a 403.
    response = logged_in(alice).post(f"/articles/{article.pk}/pick-up/")

    assert response.status_code == 403
    assert "403.html" in template_names(response)
    html = response.content.decode()
    assert_in_the_desks_layout(html)
    assert "You may not do this" in html
    assert "On this desk, editors assign articles." in html
    assert not Assignment.objects.exists()


def test_a_views_own_refusal_gets_the_same_403_page(alice):
    response = logged_in(alice).get("/articles/import/")

    assert response.status_code == 403
    html = response.content.decode()
    assert_in_the_desks_layout(html)
    assert "Only editors import articles." in html


def test_a_services_404_is_the_desks_404_page(alice, bob):
    bobs = personal_token_create(user=bob, name="bob's script").token

    response = logged_in(alice).post(f"/account/tokens/{bobs.pk}/revoke/")

    assert response.status_code == 404
    assert "404.html" in template_names(response)
    html = response.content.decode()
    assert_in_the_desks_layout(html)
    assert "Nothing here" in html
    bobs.refresh_from_db()
    assert bobs.revoked_at is None


def test_an_unknown_address_gets_the_same_404_page_and_the_api_keeps_its_json():
    page = Client().get("/no-such-page/")
    api = Client().get("/api/v1/no-such-endpoint/")

    assert page.status_code == 404
    assert "Nothing here" in page.content.decode()
    assert 'class="site-header"' in page.content.decode()
    assert api.status_code == 404
    assert api.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_visit_to_an_address_that_takes_only_a_form_gets_the_desks_405_page(editor, alice):
    page = logged_in(editor).get("/agreement/recompute/")
    api = logged_in(alice).get("/api/v1/auth/token/")

    assert page.status_code == 405
    assert page["Allow"] == "POST"
    assert "This address takes a form, not a visit" in page.content.decode()
    assert_in_the_desks_layout(page.content.decode())
    assert api.status_code == 405
    assert "detail" in api.json()


# --- 409: the conflict banner, the input kept -----------------------------------------------------


def test_a_conflict_shows_the_banner_and_keeps_the_typed_name(alice):
    for number in range(MAX_TOKENS_PER_USER):
        personal_token_create(user=alice, name=f"script {number}")

    response = logged_in(alice).post("/account/", {"name": "newsroom dashboard"})

    assert response.status_code == 409
    html = response.content.decode()
    banner = html[html.index('id="conflict"') : html.index("</div>", html.index('id="conflict"'))]
    assert f"You have {MAX_TOKENS_PER_USER} active tokens; revoke one first." in banner
    assert 'value="newsroom dashboard"' in html
    assert response.context["form"].errors == {}
    assert PersonalToken.objects.filter(user=alice).count() == MAX_TOKENS_PER_USER


def test_a_conflict_on_a_form_page_keeps_the_pasted_text(editor, monkeypatch):
    def conflicting(**kwargs):
        raise DomainError("Another import of this URL is running.", code="busy", status=409)

    monkeypatch.setattr("annotations.views.articles.article_import", conflicting)

    response = logged_in(editor).post("/articles/import/", {"text": "My pasted article."})

    html = response.content.decode()
    assert 'id="conflict"' in html
    assert "Another import of this URL is running." in html
    assert "My pasted article.</textarea>" in html
    assert not response.context["form"].errors


def test_a_conflict_on_a_page_that_redirects_is_a_message_on_the_next_page(alice, monkeypatch):
    def conflicting(**kwargs):
        raise DomainError("Someone revoked it first.", code="conflict", status=409)

    monkeypatch.setattr("annotations.account_views.personal_token_revoke", conflicting)

    response = logged_in(alice).post("/account/tokens/1/revoke/", follow=True)

    assert response.redirect_chain == [("/account/", 302)]
    assert '<p class="message message--error">Someone revoked it first.</p>' in (
        response.content.decode()
    )


# --- Anything else: on the form -------------------------------------------------------------------


def test_an_error_naming_a_field_lands_on_that_field(alice):
    response = logged_in(alice).post("/account/", {"name": "   "})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name": ["Name the token, e.g. after the script that uses it."]
    }
    assert 'id="conflict"' not in response.content.decode()
    assert not PersonalToken.objects.exists()


def test_an_upload_the_service_refuses_is_an_error_on_the_file_field(editor):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")

    response = logged_in(editor).post("/articles/import/", {"file": upload})

    assert response.context["form"].errors == {"file": ["The file is binary, not text or HTML."]}
    assert not Article.objects.exists()


@pytest.mark.parametrize("field", [None, "not_a_field_of_the_form"])
def test_an_error_naming_no_field_of_the_form_is_an_error_of_the_whole_form(
    editor, monkeypatch, field
):
    def refusing(**kwargs):
        raise DomainError("The desk takes no imports today.", code="closed", field=field)

    monkeypatch.setattr("annotations.views.articles.article_import", refusing)

    response = logged_in(editor).post("/articles/import/", {"text": "Kept text."})

    form = response.context["form"]
    assert form.non_field_errors() == ["The desk takes no imports today."]
    assert list(form.errors) == ["__all__"]
    html = response.content.decode()
    assert '<div class="alert alert--error" role="alert">' in html
    assert "Kept text.</textarea>" in html


# --- The guard: no page catches a DomainError itself ----------------------------------------------

PACKAGE = Path(annotations.__file__).parent
PAGE_MODULES = [
    *sorted((PACKAGE / "views").glob("*.py")),
    PACKAGE / "account_views.py",
    *sorted((PACKAGE / "public_views").glob("*.py")),
]
HELPER = PACKAGE / "views" / "errors.py"


def _caught_names(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return set()
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {ast.unparse(node).rpartition(".")[2] for node in nodes}


def test_no_page_module_catches_a_domain_error_but_the_one_helper():
    catching = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in PAGE_MODULES
        if path != HELPER
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ExceptHandler)
        and _caught_names(node) & {"DomainError", "Exception", "BaseException"}
    ]

    assert len(PAGE_MODULES) > 8  # the scan sees the modules it guards
    assert catching == []
    assert "except DomainError" in HELPER.read_text()
