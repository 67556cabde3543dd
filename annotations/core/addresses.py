"""Web addresses compared as the same page: pure functions, no Django import."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that say where a reader came from, not which page it is.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = {"fbclid", "gclid", "mc_cid", "mc_eid", "ocid"}

_Item = TypeVar("_Item")


def url_normalised(url: str) -> str:
    """The address as a key for "the same page": http and https alike, the host in lower
    case without a default port, no fragment, no trailing slash on the path, and no tracking
    parameters (utm_*, fbclid, ...). Never shown or stored: only compared.

    An address that does not parse is its own key (stripped).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if scheme in DEFAULT_PORTS:
        scheme = "https"
    query = urlencode(
        [
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if name.lower() not in _TRACKING_NAMES
            and not name.lower().startswith(_TRACKING_PREFIXES)
        ]
    )
    return urlunsplit((scheme, host, parts.path.rstrip("/"), query, ""))


def distinct_by_url(items: Iterable[_Item], url: Callable[[_Item], str]) -> list[_Item]:
    """The items in their order, each normalised address once (its first item kept)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = url_normalised(url(item))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
