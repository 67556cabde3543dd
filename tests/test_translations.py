"""The interface in English, Arabic, French and Spanish (issue 17): the shipped catalogues are
complete and current, and a reader switches language from any page's header."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != "en"]
# How many plural forms each language has, as Django's own catalogues for it say (Spanish: one,
# "many" for whole millions, "un millón de", and other).
PLURAL_FORMS = {"ar": 6, "fr": 2, "es": 3}
# Placeholders a translation must keep: %(name)s, %s, %d, and {name} in str.format strings.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def _catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def _read(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file, abort_invalid=True)


def _forms(message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if message.pluralizable else [message.id]


def test_every_interface_language_ships_its_catalogue():
    assert settings.LANGUAGE_CODE == "en"
    assert set(TRANSLATED) == set(PLURAL_FORMS)
    for language in TRANSLATED:
        assert (LOCALE / language / "LC_MESSAGES" / "django.po").exists(), language


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_message_is_translated_with_its_placeholders_and_plural_forms(path):
    language = path.parts[-3]
    catalogue = _read(path)
    assert catalogue.locale is not None and str(catalogue.locale) == language
    assert catalogue.num_plurals == PLURAL_FORMS[language]
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        forms = _forms(message)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if any(not form.strip() for form in forms):
            problems.append(f"untranslated: {message.id!r}")
            continue
        if message.pluralizable and len(forms) != PLURAL_FORMS[language]:
            problems.append(f"{len(forms)} plural forms: {message.id!r}")
        wanted = {p for source in _ids(message) for p in PLACEHOLDER.findall(source)}
        for form in forms:
            # A plural form may leave the count out ("one article"), never add or rename one.
            found = set(PLACEHOLDER.findall(form))
            if not found <= wanted or (not message.pluralizable and found != wanted):
                problems.append(f"placeholders {sorted(found)} for {message.id!r}")
    assert not problems, f"{path}:\n" + "\n".join(problems)
    assert not list(catalogue.obsolete)


def test_the_catalogues_hold_every_string_the_code_marks(tmp_path):
    """`make messages` run now would add nothing: every marked string is in every catalogue."""
    assert shutil.which("xgettext"), "GNU gettext's xgettext (Debian's gettext package)"
    shutil.copytree(LOCALE, tmp_path / "locale")
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        for domain in ("django", "djangojs"):
            call_command(
                "makemessages",
                domain=domain,
                locale=TRANSLATED,
                add_location="never",
                ignore_patterns=[".venv", "staticfiles", "tests", "media", "*/node_modules/*"],
                verbosity=0,
            )
    for path in sorted((tmp_path / "locale").glob("*/LC_MESSAGES/*.po")):
        shipped = LOCALE / path.relative_to(tmp_path / "locale")
        assert shipped.exists(), f"{shipped} is missing: run `make messages`"
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in _read(path) if m.id}
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in _read(shipped) if m.id}
        assert wanted <= have, f"{shipped} lacks {sorted(wanted - have)[:10]}: run `make messages`"


@pytest.mark.django_db
def test_a_reader_switches_the_interface_to_french_from_the_header(client):
    page = client.get("/login/")
    assert '<html lang="en" dir="ltr">' in page.content.decode()
    assert 'action="/i18n/setlang/"' in page.content.decode()

    switched = client.post("/i18n/setlang/", {"language": "fr", "next": "/login/"})
    assert switched.status_code == 302 and switched["Location"] == "/login/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get("/login/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert '<option value="fr" lang="fr" dir="ltr" selected>Français</option>' in page
    assert ">Changer</button>" in page


@pytest.mark.django_db
def test_arabic_turns_the_whole_interface_right_to_left(client):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/login/"})
    page = client.get("/login/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert ">تغيير</button>" in page


@pytest.mark.django_db
def test_without_a_choice_the_browser_languages_decide(client):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert '<html lang="es" dir="ltr">' in page.content.decode()
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert '<html lang="en" dir="ltr">' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"language": "fr", "next": "https://evil.example/phish"},
        {"language": "fr", "next": "//evil.example/"},
        {"language": "xx", "next": "/login/"},
        {"language": ["fr", "ar"], "next": "/login/"},
        {},
    ],
)
def test_the_switch_never_leaves_the_site_and_ignores_unknown_languages(client, data):
    answer = client.post("/i18n/setlang/", data)
    assert answer.status_code in (302, 204)
    if answer.status_code == 302:
        assert answer["Location"].startswith("/") and not answer["Location"].startswith("//")
    cookie = answer.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    assert cookie is None or cookie.value in {code for code, _ in settings.LANGUAGES}


@pytest.mark.django_db
def test_the_switch_needs_the_csrf_token(client):
    guarded = type(client)(enforce_csrf_checks=True)
    assert guarded.post("/i18n/setlang/", {"language": "fr"}).status_code == 403


@pytest.mark.django_db
def test_scripts_read_their_strings_from_the_javascript_catalogue(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/login/"})
    page = client.get("/login/").content.decode()
    assert '<script src="/i18n/catalogue.js?l=fr"></script>' in page
    answer = client.get("/i18n/catalogue.js?l=fr")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    body = answer.content.decode()
    assert "django.gettext" in body and "django.pluralidx" in body
    again = client.get("/i18n/catalogue.js?l=fr", HTTP_IF_MODIFIED_SINCE=answer["Last-Modified"])
    assert again.status_code == 304
