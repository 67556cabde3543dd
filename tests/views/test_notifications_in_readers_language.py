"""Notifications read in the reader's language, whatever language they were made in: the list
page and the API word each summary when it is read (rows from before show what was stored)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from annotations.models import Notification
from annotations.services import adjudication
from tests.conftest import client_for
from tests.factories import ArticleFactory, verdict
from tests.pages import logged_in
from tests.services.discussion_scenario import reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def in_language(language: str, user: User):
    client = logged_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def decided_false(editor, committing, alice, bob) -> User:
    """Alice said False, Bob Mostly false; the editor decides False: Bob is notified (made by
    the task, with no language chosen: in English)."""
    desk = reviewed(alice, bob, committing)
    with committing():
        adjudication.unit_decide(
            unit=desk.unit,
            editor=editor,
            seen_version=desk.unit.version,
            verdict=adjudication.VerdictInput(label=verdict("false"), claim_reviewed="Doubled"),
        )
    return desk.bob


def test_a_notification_made_in_english_reads_in_french_on_a_french_readers_list(
    editor, alice, bob, committing
):
    bob = decided_false(editor, committing, alice, bob)
    assert "you said Mostly false" in Notification.objects.get(recipient=bob).summary

    french = in_language("fr", bob).get("/notifications/").content.decode()
    english = in_language("en", bob).get("/notifications/").content.decode()

    assert "La rédaction a tranché" in french and "vous aviez dit Plutôt faux." in french
    assert "you said" not in french and "Mostly false" not in french
    assert "as False; you said Mostly false." in english


def test_the_api_words_notifications_in_the_requests_language(editor, alice, bob, committing):
    bob = decided_false(editor, committing, alice, bob)

    french = client_for(bob).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="fr").json()
    english = client_for(bob).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()

    assert french["results"][0]["summary"].endswith(": Faux ; vous aviez dit Plutôt faux.")
    assert english["results"][0]["summary"].endswith("as False; you said Mostly false.")


def test_a_notification_from_before_parameters_reads_as_it_was_written(alice):
    article = ArticleFactory()
    Notification.objects.create(
        recipient=alice,
        kind=Notification.Kind.ASSIGNMENT,
        target_type=ContentType.objects.get_for_model(article),
        target_id=article.pk,
        summary="eddie assigned you “Budget”.",
        dedupe_key="assignment:1",
    )

    page = in_language("fr", alice).get("/notifications/").content.decode()

    assert "eddie assigned you “Budget”." in page


def test_the_demo_desks_notifications_read_in_french_for_a_french_reader(committing):
    with committing():  # the notification tasks
        call_command("load_demo_desk")
    chen = User.objects.get(username="chen")
    assert Notification.objects.filter(recipient=chen).exists()

    page = in_language("fr", chen).get("/notifications/").content.decode()

    assert "La rédaction a tranché" in page
    assert "The desk decided" not in page and "you said" not in page


def differing_decisions(user: User, count: int) -> None:
    article = ArticleFactory()
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=Notification.Kind.VERDICT_DIFFERED,
            target_type=ContentType.objects.get_for_model(article),
            target_id=article.pk,
            parameters={
                "unit": number,
                "article": "Budget",
                "final": verdict("false").pk,
                "own": verdict("true").pk,
            },
            summary="Stored.",
            dedupe_key=f"verdict_differed:{number}",
        )
        for number in range(count)
    )


@pytest.mark.parametrize("url", ["/notifications/", "/api/v1/notifications/"])
def test_naming_labels_costs_the_same_queries_for_any_number_of_rows(
    alice, url, django_assert_max_num_queries
):
    client = in_language("fr", alice)
    differing_decisions(alice, 2)
    with django_assert_max_num_queries(30) as few:
        assert "Faux" in client.get(url).content.decode()
    Notification.objects.all().delete()
    differing_decisions(alice, 20)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count("vous aviez dit Vrai") == 20
