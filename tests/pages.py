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


def label_admin_form(label: Any, **changes: Any) -> dict[str, Any]:
    """What the back office's page of a rating label posts: its fields and its translations'
    rows (the inline formset, prefix "translations"), unchanged but for `changes`."""
    form: dict[str, Any] = {
        "slug": label.slug,
        "name": label.name,
        "description": label.description,
        "position": label.position,
        "is_ordinal": "on" if label.is_ordinal else "",
        "rating_value": "" if label.rating_value is None else label.rating_value,
        "colour": label.colour,
    }
    translations = list(label.translations.all())
    form |= {
        "translations-TOTAL_FORMS": len(translations),
        "translations-INITIAL_FORMS": len(translations),
        "translations-MIN_NUM_FORMS": 0,
        "translations-MAX_NUM_FORMS": 1000,
    }
    for n, translation in enumerate(translations):
        form |= {
            f"translations-{n}-id": translation.pk,
            f"translations-{n}-label": label.pk,
            f"translations-{n}-language": translation.language,
            f"translations-{n}-name": translation.name,
            f"translations-{n}-description": translation.description,
        }
    return form | changes
