"""A desk member's interface language is kept on their account (issue 17: "the user's choice
remembered"): their next login, on any browser, opens the desk in it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from annotations.models import LanguagePreference
from annotations.selectors.languages import languages_chosen
from tests.factories import PASSWORD, ReviewerFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _log_in(client: Client, username: str):
    return client.post("/login/", {"username": username, "password": PASSWORD})


def test_a_members_switch_is_kept_on_their_account_and_an_anonymous_one_is_not():
    alice = ReviewerFactory(username="alice")
    client = logged_in(alice)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert LanguagePreference.objects.get(user=alice).language == "ar"

    Client().post("/i18n/setlang/", {"language": "es", "next": "/login/"})
    client.post("/i18n/setlang/", {"language": "klingon", "next": "/"})
    assert list(LanguagePreference.objects.values_list("language", flat=True)) == ["ar"]


def test_logging_in_on_another_browser_brings_the_chosen_language_back():
    alice = ReviewerFactory(username="alice")
    logged_in(alice).post("/i18n/setlang/", {"language": "es", "next": "/"})

    browser = Client()
    assert '<html lang="en"' in browser.get("/login/").content.decode()
    answer = _log_in(browser, "alice")
    assert answer.status_code == 302 and answer.cookies[COOKIE].value == "es"
    assert '<html lang="es" dir="ltr">' in browser.get("/").content.decode()


def test_the_account_choice_wins_over_the_browsers_cookie_at_login_only():
    alice = ReviewerFactory(username="alice")
    logged_in(alice).post("/i18n/setlang/", {"language": "ar", "next": "/"})
    browser = Client()
    browser.cookies[COOKIE] = "fr"
    assert _log_in(browser, "alice").cookies[COOKIE].value == "ar"
    # Afterwards the cookie decides, as for anyone: no lookup on other requests.
    browser.cookies[COOKIE] = "fr"
    page = browser.get("/")
    assert COOKIE not in page.cookies and '<html lang="fr"' in page.content.decode()


def test_a_member_who_never_chose_keeps_the_browsers_language():
    ReviewerFactory(username="bob")
    browser = Client(HTTP_ACCEPT_LANGUAGE="fr")
    answer = _log_in(browser, "bob")
    assert COOKIE not in answer.cookies
    assert '<html lang="fr"' in browser.get("/").content.decode()


def test_a_language_the_desk_no_longer_offers_is_ignored(settings):
    alice, bob = ReviewerFactory(), ReviewerFactory()
    LanguagePreference.objects.create(user=alice, language="de")
    LanguagePreference.objects.create(user=bob, language="fr")
    assert languages_chosen([alice.pk, bob.pk]) == {bob.pk: "fr"}
