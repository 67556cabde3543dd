"""Names people read (usernames, titles, bylines, speakers, token names) refuse control and
text-direction characters wherever they come in; names from fetched pages are cleaned."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from annotations.admin.desk import DeskUserChangeForm
from annotations.core.text import name_clean, name_forbidden_characters
from annotations.models import Annotation, Article, PersonalToken
from annotations.services.articles import html_extract
from tests.api.test_annotations_api import claim_payload
from tests.factories import ArticleFactory
from tests.pages import logged_in

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "<RLO>gpj.exe" shows as "exe.jpg"


@pytest.mark.parametrize(
    ("name", "forbidden"),
    [
        (f"invoice{RLO}gpj.exe", [RLO]),
        ("a\u2066b\u2069c", ["\u2066", "\u2069"]),
        ("mark\u200eed\u200f", ["\u200e", "\u200f"]),
        ("nul\x00 tab\t newline\n", ["\x00", "\t", "\n"]),
        ("zero\u200bwidth\ufeff", ["\u200b", "\ufeff"]),
        ("line\u2028break", ["\u2028"]),
        ("Arabic mark\u061c", ["\u061c"]),
    ],
)
def test_control_and_direction_characters_are_found(name, forbidden):
    assert name_forbidden_characters(name) == forbidden


@pytest.mark.parametrize(
    "name",
    [
        "Élodie Müller-Ström",
        "می\u200cخواهم",  # Persian: the zero-width non-joiner is part of the word
        "👨\u200d👩\u200d👧",  # an emoji family joined by zero-width joiners
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England's flag
        "אבג עברית",
        "<img src=x onerror=alert(1)>",  # harmless as text: templates escape it
    ],
)
def test_ordinary_names_in_any_script_are_allowed(name):
    assert name_forbidden_characters(name) == []


def test_names_from_a_fetched_page_are_cleaned_not_refused():
    extracted = html_extract(
        "<html><head><title>\u200fBreaking\u202e news</title>"
        '<meta name="author" content="Ann\tLee\u2066"></head>'
        "<body><article><p>Body text long enough to be the main text of the page.</p>"
        "</article></body></html>"
    )

    assert extracted.title == "Breaking news"
    assert extracted.byline == "Ann Lee"
    assert name_clean(" a\t\u202eb ") == "a b"


# --- add_user ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username",
    ["<img src=x onerror=alert(1)>", f"ad{RLO}nim", "a\u2066b", "x" * 151, "with space", ""],
)
def test_add_user_refuses_a_username_django_forms_would_refuse(username):
    with pytest.raises(CommandError, match="Invalid username"):
        call_command("add_user", username, "--role", "reviewer", "--password", "pw-1234567")

    assert not User.objects.exists()


@pytest.mark.django_db
def test_add_user_accepts_and_normalises_a_unicode_username():
    call_command("add_user", "ﬁona.ö@desk", "--role", "reviewer", "--password", "pw-1234567")

    assert User.objects.get().username == "fiona.ö@desk"  # NFKC, as UserCreationForm does


@pytest.mark.django_db
def test_add_user_refuses_an_invalid_email():
    with pytest.raises(CommandError, match="Invalid email"):
        call_command("add_user", "hana", "--role", "reviewer", "--password", "pw", "--email", "<x>")

    assert not User.objects.exists()


# --- API, pages, models, admin ----------------------------------------------------------------

MESSAGE = "Remove the invisible control or text-direction characters (U+202E)."


@pytest.mark.django_db
def test_a_token_name_with_a_direction_override_is_refused_by_the_api(api_as, alice):
    response = api_as(alice).post("/api/v1/tokens/", {"name": f"ci{RLO}bot"}, format="json")

    assert response.status_code == 400
    assert response.json()["name"] == [MESSAGE]
    assert not PersonalToken.objects.exists()


@pytest.mark.django_db
def test_a_token_name_with_a_direction_override_is_refused_on_the_account_page(alice):
    response = logged_in(alice).post("/account/", {"name": f"ci{RLO}bot"})

    assert MESSAGE in response.content.decode()
    assert not PersonalToken.objects.exists()


@pytest.mark.django_db
def test_an_annotations_speaker_and_source_title_are_checked(api_as, alice, article):
    payload = claim_payload(article, kind="quote", speaker=f"Mayor{RLO}")
    payload["sources"][0]["title"] = "Report\u2066"

    response = api_as(alice).post("/api/v1/annotations/", payload, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["speaker"] == [MESSAGE]
    assert body["sources"]["0"]["title"] == [
        "Remove the invisible control or text-direction characters (U+2066)."
    ]
    assert not Annotation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["title", "byline", "publisher"])
def test_an_imported_articles_metadata_is_checked_in_the_api(api_as, editor, field):
    response = api_as(editor).post(
        "/api/v1/articles/", {"text": "Body.", field: f"x{RLO}y"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()[field] == [MESSAGE]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_new_versions_title_is_checked_in_the_api(api_as, editor, article):
    response = api_as(editor).put(
        f"/api/v1/articles/{article.pk}/",
        {"text": "New text.", "title": f"x{RLO}"},
        format="json",
        headers={"If-Match": api_as(editor).get(f"/api/v1/articles/{article.pk}/")["ETag"]},
    )

    assert response.status_code == 400
    assert response.json()["title"] == [MESSAGE]
    assert article.revisions.count() == 1


@pytest.mark.django_db
def test_the_import_form_refuses_a_title_with_a_direction_override(editor):
    response = logged_in(editor).post("/articles/import/", {"text": "Body.", "title": f"x{RLO}"})

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [MESSAGE]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_model_refuses_it_too_for_the_back_office():
    article = ArticleFactory.build(title=f"x{RLO}")

    with pytest.raises(ValidationError) as raised:
        article.full_clean(exclude=["imported_by"])

    assert raised.value.message_dict["title"] == [MESSAGE]


@pytest.mark.django_db
def test_the_back_office_user_form_refuses_hidden_characters_in_first_and_last_names(alice):
    form = DeskUserChangeForm(
        instance=alice,
        data={
            "username": alice.username,
            "first_name": f"Al{RLO}",
            "last_name": "Lee\u2066",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00",
        },
    )

    assert not form.is_valid()
    assert form.errors["first_name"] == [MESSAGE]
    assert "last_name" in form.errors
