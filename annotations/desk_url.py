"""The desk's configured origin, for links made outside any request (e-mails sent by Celery);
exports/iris.py falls back to the request's origin when it is not set, e-mails to where `make
run` serves the desk in development (email_origin)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def configured_origin() -> str:
    """`scheme://host[:port]` of DESK_URL, or "" when it is not set."""
    configured = urlsplit(settings.DESK_URL.strip())
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}"
    return ""


# Where `make run` serves the desk by default (the Makefile's HOST and PORT, load_demo_desk's
# --url). Not a setting: production never uses it (DEBUG is off there, and SMTP needs DESK_URL).
DEVELOPMENT_ORIGIN = "http://127.0.0.1:8000"


def email_origin() -> str:
    """The origin of the links in e-mails: DESK_URL's; in development (DEBUG) without it,
    DEVELOPMENT_ORIGIN, so that the demo's e-mails (printed on the console) open in a browser;
    else "" and the links stay paths (settings refuse SMTP without DESK_URL)."""
    return configured_origin() or (DEVELOPMENT_ORIGIN if settings.DEBUG else "")
