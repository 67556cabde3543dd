"""Notification e-mail settings from the environment: the console unless an SMTP host is set."""

from __future__ import annotations

import pytest

from tests.test_settings import manage

DESK = "https://desk.example.org"
SHOW = (
    "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_USE_TLS, s.EMAIL_PORT)"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "django.core.mail.backends.console.EmailBackend False 587"),
        ({"EMAIL_BACKEND": ""}, "django.core.mail.backends.console.EmailBackend False 587"),
        (
            {"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525", "DESK_URL": DESK},
            "django.core.mail.backends.smtp.EmailBackend True 2525",
        ),
        (
            {
                "EMAIL_HOST": "smtp.example.org",
                "EMAIL_USE_SSL": "1",
                "EMAIL_PORT": "465",
                "DESK_URL": DESK,
            },
            "django.core.mail.backends.smtp.EmailBackend False 465",
        ),
    ],
)
def test_email_goes_to_the_console_unless_an_smtp_host_is_set(env, expected):
    result = manage("shell", "-c", SHOW, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_smtp_without_a_desk_url_stops_start_up_clearly():
    result = manage("check", DEBUG="1", EMAIL_HOST="smtp.example.org", DESK_URL="")
    assert result.returncode != 0
    assert "set DESK_URL too, for the links in e-mails" in result.stderr
