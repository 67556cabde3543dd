"""Importing an article the desk already has (the same source URL, or the same text) is refused
beyond the import page too: by the API with a 409 naming the existing article, by the back
office with a warning, by the import command with a warning and a skip; each imports it anyway
when told to."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from annotations.models import Article
from annotations.services.articles import article_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = "Council votes on the budget\n\nThe council approved the budget on Tuesday."


@pytest.fixture
def existing() -> Article:
    return article_import(imported_by=None, text=TEXT, source_url="https://news.example.org/budget")


# --- API ----------------------------------------------------------------------------------------


def test_the_api_refuses_the_same_text_with_a_409_naming_the_existing_article(
    api_as, editor, existing
):
    response = api_as(editor).post("/api/v1/articles/", {"text": TEXT}, format="json")

    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "article_duplicate"
    assert "already on the desk (the same text)" in body["detail"]
    assert body["existing"] == {
        "id": existing.pk,
        "title": "Council votes on the budget",
        "source_url": "https://news.example.org/budget",
        "url": f"/api/v1/articles/{existing.pk}/",
        "page": f"/articles/{existing.pk}/",
        "matched": "text",
    }
    assert Article.objects.count() == 1


def test_the_api_refuses_the_same_source_url_whatever_the_text(api_as, editor, existing):
    response = api_as(editor).post(
        "/api/v1/articles/",
        {"text": "A rewritten story.", "source_url": "https://news.example.org/budget"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["existing"]["matched"] == "url"
    assert Article.objects.count() == 1


def test_the_api_imports_a_duplicate_when_allowed(api_as, editor, existing):
    response = api_as(editor).post(
        "/api/v1/articles/", {"text": TEXT, "allow_duplicate": True}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["id"] != existing.pk
    assert Article.objects.count() == 2


@pytest.mark.parametrize("value", ["perhaps", [True], {"yes": 1}, None])
def test_an_allow_duplicate_that_is_not_a_boolean_is_a_field_error(api_as, editor, existing, value):
    response = api_as(editor).post(
        "/api/v1/articles/", {"text": TEXT, "allow_duplicate": value}, format="json"
    )

    assert response.status_code == 400
    assert "allow_duplicate" in response.json()
    assert Article.objects.count() == 1


def test_the_409_is_in_the_schema_with_the_allow_duplicate_field():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    create = schema["paths"]["/api/v1/articles/"]["post"]
    conflict = create["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict == {"$ref": "#/components/schemas/ArticleDuplicate"}
    assert "existing" in schema["components"]["schemas"]["ArticleDuplicate"]["properties"]
    # Request bodies have components of their own (COMPONENT_SPLIT_REQUEST).
    assert "allow_duplicate" in schema["components"]["schemas"]["ArticleInputRequest"]["properties"]


# --- The back office ------------------------------------------------------------------------------


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_back_office_warns_of_a_duplicate_and_links_to_it(admin_client, existing):
    response = admin_client.post(
        reverse("admin:annotations_article_add"), {"title": "", "text": TEXT, "language": "en"}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert 'class="warning"' in html
    assert "already on the desk (the same text)" in html
    assert reverse("admin:annotations_article_change", args=[existing.pk]) in html
    assert Article.objects.count() == 1


def test_the_back_office_imports_a_duplicate_when_ticked(admin_client, existing):
    response = admin_client.post(
        reverse("admin:annotations_article_add"),
        {"title": "", "text": TEXT, "language": "en", "allow_duplicate": "on"},
    )

    assert response.status_code == 302
    assert Article.objects.count() == 2


# --- The import command -------------------------------------------------------------------------


def test_the_import_command_skips_a_duplicate_with_a_warning(tmp_path, capsys, existing):
    path = tmp_path / "budget.txt"
    path.write_text(TEXT, encoding="utf-8")

    call_command("import_article", str(path))

    err = capsys.readouterr().err
    assert "Skipped: This article is already on the desk (the same text)" in err
    assert f"It is article {existing.pk}" in err
    assert "--allow-duplicate" in err
    assert Article.objects.count() == 1


def test_the_import_command_imports_a_duplicate_with_allow_duplicate(tmp_path, capsys, existing):
    path = tmp_path / "budget.txt"
    path.write_text(TEXT, encoding="utf-8")

    call_command("import_article", str(path), "--allow-duplicate")

    assert "Imported article" in capsys.readouterr().out
    assert Article.objects.count() == 2
