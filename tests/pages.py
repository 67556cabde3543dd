"""Helpers for the server-rendered page tests: a logged-in client and the page's JSON data."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client


def logged_in(user: Any, **client_options: Any) -> Client:
    """A test client logged in as `user` (options such as enforce_csrf_checks=True pass on)."""
    client = Client(**client_options)
    client.force_login(user)
    return client


def page_data(response: Any) -> dict[str, Any]:
    """The JSON the article page embeds in its `page-data` script element."""
    html = response.content.decode()
    start = html.index('id="page-data"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])
