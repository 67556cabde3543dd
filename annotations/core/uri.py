"""A document's address as a look-up key: the rule partners' `?uri=` and the stored
`Article.url_key` share. Pure functions, no Django import.

Hypothesis (the annotation service) looks annotations up by the document's URL after
normalising both sides, so that a reader on `http://www.example.org/a/?utm_source=x#top` finds
what was annotated on `https://example.org/a`. The same here (the rules, in order):

- only absolute http and https addresses (anything else is ValueError: a 400 in the API);
  http and https are the same document;
- the host in lower case, a trailing dot and a leading `www.` dropped, user and password
  dropped, the scheme's default port dropped (another port is kept);
- the path's percent-escapes of unreserved characters decoded (`%7E` is `~`), the others in
  upper case, characters a URL may not carry escaped (spaces, non-ASCII as UTF-8); trailing
  slashes dropped (`/a/` is `/a`, `/` is empty);
- tracking parameters removed (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `ref`, ...: they say how
  the reader came, not which document), the others sorted by name then value;
- the fragment dropped (a place in the document, not another document).

`uri_normalised` gives the normalised address (for reading); `uri_key` its SHA-256, what the
database indexes: a fixed 64 characters whatever the URL's length (URLs reach 2,000).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from annotations.core.addresses import DEFAULT_PORTS

URI_MAX = 2000
# Query parameters that say how a reader arrived (campaigns, click ids, referrers), not which
# document it is. Names compared in lower case; `utm_` and the others below as prefixes.
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "ref",
        "ref_src",
        "ref_url",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "cmpid",
    }
)
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# What a path keeps as it is (RFC 3986 pchar and "/"); "%" stays, escapes are handled first.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


def _escape_normalised(match: re.Match[str]) -> str:
    character = chr(int(match.group(1), 16))
    return character if character in _UNRESERVED else "%" + match.group(1).upper()


def _path_normalised(path: str) -> str:
    path = _ESCAPE.sub(_escape_normalised, path)
    # A "%" not starting an escape is itself escaped; other characters outside the safe set
    # (space, non-ASCII) become UTF-8 escapes.
    path = re.sub(r"%(?![0-9A-F]{2})", "%25", path)
    path = quote(path, safe=_PATH_SAFE)
    return path.rstrip("/")


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_NAMES or lowered.startswith(TRACKING_PREFIXES)


def uri_normalised(uri: str) -> str:
    """`uri` in the normal form described above, or ValueError saying why it is no address."""
    if not isinstance(uri, str):
        raise ValueError("The address must be text.")
    uri = uri.strip()
    if not uri:
        raise ValueError("The address is empty.")
    if len(uri) > URI_MAX:
        raise ValueError(f"The address is longer than {URI_MAX} characters.")
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in uri):
        raise ValueError("The address contains control characters.")
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        raise ValueError("The address does not parse as a URL.") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError("Give an absolute http or https address.")
    host = (parts.hostname or "").rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host or any(character in host for character in " %\\"):
        raise ValueError("The address has no host, or not one a URL may name.")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    pairs = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _tracking(name)
    )
    query = urlencode(pairs, quote_via=quote)
    return urlunsplit(("https", host, _path_normalised(parts.path), query, ""))


def uri_key(uri: str) -> str:
    """The SHA-256 (hex) of `uri_normalised(uri)`: the indexed look-up key; ValueError as it."""
    return hashlib.sha256(uri_normalised(uri).encode()).hexdigest()


def uri_key_or_empty(uri: str) -> str:
    """`uri_key` for a stored address, "" for none or one that is no http(s) URL (never found
    by a look-up, as a key no `?uri=` can produce)."""
    try:
        return uri_key(uri) if uri else ""
    except ValueError:
        return ""
