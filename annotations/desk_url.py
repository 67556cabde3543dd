"""The desk's configured origin, for links made outside any request (e-mails sent by Celery);
exports/iris.py falls back to the request's origin when it is not set."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def configured_origin() -> str:
    """`scheme://host[:port]` of DESK_URL, or "" when it is not set."""
    configured = urlsplit(settings.DESK_URL.strip())
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}"
    return ""
