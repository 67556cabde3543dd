"""Fetching an article by URL, safely: http(s) only, a timeout, a size cap, no private addresses
(unless the desk allows them) and never a link-local one (cloud metadata).

The host name is resolved once, every address is checked, and the connection goes to the checked
address (with the original Host header and TLS server name), so DNS rebinding cannot slip a
private address in between the check and the request. Redirects are followed by hand, each hop
checked the same way.

Besides the timeout on each connect and read, a fetch has a total deadline: a server that
sends a byte every few seconds never trips a read timeout, so a watchdog shuts the sockets
down when the deadline passes, and the clock is checked between chunks.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import threading
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
import urllib3.connection
from django.utils.translation import gettext, gettext_lazy

from annotations.errors import DomainError
from annotations.text_lists import text_list

ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
MAX_REDIRECTS = 5
USER_AGENT = "factcheck-article-importer/1.0"


@dataclass(frozen=True)
class FetchedPage:
    url: str
    content: bytes
    content_type: str
    charset: str | None
    # What a capture of the page records beside the body (annotations.services.evidence).
    status: int = 200
    reason: str = "OK"
    headers: tuple[tuple[str, str], ...] = ()
    request_headers: tuple[tuple[str, str], ...] = ()


class HTTPStatusError(DomainError):
    """The site answered, with a status other than 200 (kept for the records of captures)."""

    def __init__(self, http_status: int) -> None:
        super().__init__(
            gettext("The site answered HTTP %(status)s.") % {"status": http_status},
            code="url_http_error",
            field="url",
        )
        self.http_status = http_status


# What RFC 3986 allows unencoded in a URI: unreserved and reserved characters, and "%" to
# start an escape. Non-ASCII letters are allowed as well (an IRI, RFC 3987, as people paste
# them); space, '"', "<", ">", "\\", "^", "`", "{", "|", "}" and controls are not.
_URL_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)
_PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _url_character_allowed(character: str) -> bool:
    if character.isascii():
        return character in _URL_ASCII
    return not character.isspace() and unicodedata.category(character)[0] not in {"C", "Z"}


# A host name with a dot and a top-level domain, then a path, query or port or nothing: an
# address typed without its scheme. (static/annotations/url-scheme.js offers the same.)
_SCHEMELESS_ADDRESS = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[:/?#]|$)", re.IGNORECASE)


def url_validate(url: str) -> str:
    """Return the URL (scheme lower-cased) if it is an absolute http(s) URL without a user
    name or password, else DomainError.

    Refuses whitespace, control characters and anything else RFC 3986 does not allow in a URL
    ('"', "<", ">", "\\"...) outright rather than encoding or stripping them, since browsers
    and servers disagree about what such URLs mean, and they are published as given.
    """
    if not isinstance(url, str) or not url:
        raise DomainError(gettext("Enter a URL."), code="url_required", field="url")
    wrong = sorted({ch for ch in url if not _url_character_allowed(ch)})
    if wrong:
        shown = text_list(gettext("space") if ch == " " else repr(ch) for ch in wrong)
        raise DomainError(
            gettext(
                "The URL contains characters a URL cannot (%(characters)s); percent-encode them."
            )
            % {"characters": shown},
            code="url_invalid",
            field="url",
        )
    if _PERCENT_ESCAPE.search(url):
        raise DomainError(
            # Translators keep "%" and "%XX" as they are (not placeholders).
            # xgettext:no-python-format
            gettext("The URL has a % that does not start a %XX escape."),
            code="url_invalid",
            field="url",
        )
    scheme, separator, rest = url.partition("://")
    if not separator and _SCHEMELESS_ADDRESS.match(url):
        # Typed as an address bar shows it ("abcnews.go.com/..."): say what to add.
        raise DomainError(
            gettext("Add https:// at the start: did you mean https://%(url)s?") % {"url": url},
            code="url_scheme",
            field="url",
        )
    if not separator or scheme.lower() not in {"http", "https"}:
        raise DomainError(
            gettext("Only http:// and https:// URLs are allowed."), code="url_scheme", field="url"
        )
    # Schemes are case-insensitive (RFC 3986); store the canonical lower-case form.
    url = f"{scheme.lower()}://{rest}"
    try:
        parts = urlsplit(url)
        hostname, _ = parts.hostname, parts.port  # both parse lazily, and may raise
    except ValueError as error:
        raise DomainError(
            gettext("The URL's host or port is invalid (%(error)s).") % {"error": error},
            code="url_invalid",
            field="url",
        ) from None
    if not hostname:
        raise DomainError(gettext("The URL has no host name."), code="url_invalid", field="url")
    if parts.username is not None or parts.password is not None:
        # A password in a URL is sent to the site and shown wherever the URL is (lists, titles,
        # published sources): the site is asked for it some other way.
        raise DomainError(
            gettext("Remove the user name or password (user:password@) from the URL."),
            code="url_credentials",
            field="url",
        )
    return url


# IPv6 ranges whose last 32 bits are an IPv4 address that a translator or tunnel may reach:
# IPv4-compatible (::a.b.c.d, deprecated), IPv4-translated (::ffff:0:a.b.c.d, SIIT, RFC 2765)
# and the NAT64 well-known prefix (RFC 6052). Mapped, 6to4 and Teredo are unwrapped by
# ipaddress itself.
_LAST_32_BITS_EMBED = (
    ipaddress.IPv6Network("::/96"),
    ipaddress.IPv6Network("::ffff:0:0:0/96"),
    ipaddress.IPv6Network("64:ff9b::/96"),
)
# NAT64 for local use (RFC 8215): the network chooses where the IPv4 address sits, so nothing
# in it can be judged public.
_NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: mapped, compatible, translated, 6to4,
    NAT64, and Teredo's server and client."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if any(address in network for network in _LAST_32_BITS_EMBED):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def address_is_public(address: IPAddress) -> bool:
    """Whether an address is safe to fetch from: it, and every IPv4 address embedded in it,
    is global (not private, loopback, link-local, shared, reserved or documentation).

    `is_global` alone judges only the outer IPv6 range, so ::127.0.0.1, 64:ff9b::7f00:1
    (NAT64) or 2002:7f00:1:: (6to4) would pass while a translator delivers them to loopback.
    """
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return True
    if address in _NAT64_LOCAL_USE:
        return False
    return all(address_is_public(inner) for inner in embedded_ipv4(address))


# AWS's instance metadata service on IPv6 (its IPv4 one, 169.254.169.254, is link-local).
_CLOUD_METADATA_ADDRESSES = frozenset({ipaddress.IPv6Address("fd00:ec2::254")})


def address_is_link_local(address: IPAddress) -> bool:
    """Whether an address is link-local (169.254.0.0/16, fe80::/10), directly or as the IPv4
    address an IPv6 one carries, or a cloud metadata service's: never fetched, even where
    private addresses are allowed, since a cloud server's metadata service answers there with
    its credentials."""
    if address.is_link_local or address in _CLOUD_METADATA_ADDRESSES:
        return True
    if isinstance(address, ipaddress.IPv4Address):
        return False
    return any(inner.is_link_local for inner in embedded_ipv4(address))


def _addresses_check(host: str, port: int, *, allow_private: bool) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise DomainError(
            # The name quoted, mid-sentence: one may end in a dot ("localhost.").
            gettext("The host name “%(host)s” could not be resolved.") % {"host": host},
            code="url_unresolvable",
            field="url",
        ) from None
    addresses = {str(info[4][0]) for info in infos}  # the IP address (a str for IPv4 and IPv6)
    checked = [ipaddress.ip_address(address.split("%")[0]) for address in addresses]
    _addresses_refuse(checked, allow_private=allow_private)
    return sorted(addresses)[0]


def _addresses_refuse(checked: list[IPAddress], *, allow_private: bool) -> None:
    """DomainError if any address is private or local (unless `allow_private`) or link-local."""
    if not allow_private and not all(address_is_public(address) for address in checked):
        raise DomainError(
            gettext("That URL points to a private or local address, which is not allowed."),
            code="url_private_address",
            field="url",
        )
    if any(address_is_link_local(address) for address in checked):
        raise DomainError(
            gettext(
                "That URL points to a link-local address (where cloud servers keep their "
                "metadata), which is never allowed."
            ),
            code="url_link_local",
            field="url",
        )


# The last label of a host a browser reads as an IPv4 address (WHATWG URL): decimal, octal
# or hexadecimal, so that http://2852039166/ and http://0xa9.0xfe.0xa9.0xfe/ are
# 169.254.169.254.
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)


def _host_literal_address(host: str) -> IPAddress | None:
    """The address a host names without a DNS look-up: an IP address in any form browsers
    read, or loopback for `localhost` and its sub-domains (RFC 6761); None for other names."""
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return ipaddress.IPv4Address("127.0.0.1")
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        pass
    if _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        # inet_aton reads the same short, octal and hexadecimal forms (no look-up).
        with contextlib.suppress(OSError):
            return ipaddress.IPv4Address(socket.inet_aton(host))
    return None


def url_host_check(url: str, *, allow_private: bool) -> str:
    """The URL (validated as url_validate does) unless its host is, without a DNS look-up,
    an address a fetch refuses: link-local (cloud metadata) always, private or local unless
    `allow_private`. For URLs published as they are given (sources, an article's address),
    where resolving every one when it is saved would make saving depend on the network;
    whatever fetches them later checks every address it resolves (page_fetch)."""
    url = url_validate(url)
    address = _host_literal_address(urlsplit(url).hostname or "")
    if address is not None:
        _addresses_refuse([address], allow_private=allow_private)
    return url


def url_address_check(url: str, *, allow_private: bool) -> str:
    """The URL (validated as url_validate does) if its host resolves, and only to public
    addresses unless `allow_private`; DomainError otherwise. For URLs stored now and fetched
    later (webhooks), which are checked again, address by address, at every request."""
    url = url_validate(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    _addresses_check(parts.hostname or "", port, allow_private=allow_private)
    return url


class _Deadline:
    """A fetch's total time budget. When it runs out, the sockets it watches are shut down,
    which wakes any read blocked on them (a read timeout alone restarts with every byte)."""

    def __init__(self, seconds: float, *, read_timeout: float) -> None:
        self.seconds = seconds
        self.read_timeout = read_timeout
        self._ends = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def error(self) -> DomainError:
        return DomainError(
            gettext("The site did not send the page within %(seconds)s seconds.")
            % {"seconds": f"{self.seconds:g}"},
            code="url_timeout",
            field="url",
        )

    def left(self) -> float:
        return self._ends - time.monotonic()

    def remaining(self) -> float:
        """Seconds left; DomainError (url_timeout) if there are none."""
        left = self.left()
        if left <= 0 or self.expired:
            raise self.error()
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        self._shutdown(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shutdown(sock)

    @staticmethod
    def _shutdown(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """A urllib3 connection whose socket the deadline's watchdog can shut down."""

    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        self._deadline.watch(sock)
        return sock


class _WatchedHTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


def _request_headers(url: str, accept: str, extra: Mapping[str, str]) -> dict[str, str]:
    parts = urlsplit(url)
    # url_validate has required a host name.
    host = parts.hostname or ""
    return {
        "Host": host if parts.port is None else f"{host}:{parts.port}",
        "User-Agent": USER_AGENT,
        "Accept": accept,
        **extra,
    }


def _request_once(
    url: str,
    *,
    allow_private: bool,
    deadline: _Deadline,
    accept: str,
    extra: Mapping[str, str],
    method: str = "GET",
    body: bytes | None = None,
) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _addresses_check(parts.hostname or "", port, allow_private=allow_private)
    # Each connect and read waits at most the per-read timeout, and never past the deadline.
    timeout = min(deadline.read_timeout, deadline.remaining())
    pool_kwargs: dict[str, Any] = {
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "deadline": deadline,
    }
    if parts.scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            **pool_kwargs,
        )
        pool.ConnectionCls = _WatchedHTTPSConnection
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **pool_kwargs)
        pool.ConnectionCls = _WatchedHTTPConnection
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return pool.urlopen(
        method,
        path,
        body=body,
        headers=_request_headers(url, accept, extra),
        redirect=False,
        retries=False,
        preload_content=False,
    )


def page_fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    allow_private: bool,
    deadline: float,
    content_types: frozenset[str] = ALLOWED_CONTENT_TYPES,
    headers: Mapping[str, str] | None = None,
) -> FetchedPage:
    """Fetch an HTML or text page (or another of `content_types`), following up to
    MAX_REDIRECTS checked redirects.

    `timeout` bounds each connect and read; `deadline` the whole fetch, redirects included
    (DomainError url_timeout when it passes). `headers` are sent besides the fetcher's own
    (e.g. If-None-Match; a 304 answer raises HTTPStatusError like any status but 200).
    """
    extra = dict(headers or {})
    accept = ",".join(sorted(content_types))
    current = url_validate(url)
    budget = _Deadline(deadline, read_timeout=timeout)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = _request_once(
                    current,
                    allow_private=allow_private,
                    deadline=budget,
                    accept=accept,
                    extra=extra,
                )
            except urllib3.exceptions.HTTPError as error:
                raise _transport_error(error, "fetch", budget) from None
            if budget.expired:
                # Headers cut short by the deadline parse as a (truncated) answer: drop it.
                response.release_conn()
                raise budget.error()
            if response.status in {301, 302, 303, 307, 308}:
                location = response.headers.get("Location", "")
                response.release_conn()
                current = url_validate(urljoin(current, location))
                continue
            try:
                page = _response_read(
                    response,
                    current,
                    max_bytes=max_bytes,
                    deadline=budget,
                    content_types=content_types,
                )
                sent = tuple(_request_headers(current, accept, extra).items())
                return replace(page, request_headers=sent)
            finally:
                response.release_conn()
        raise DomainError(
            gettext("Too many redirects."), code="url_too_many_redirects", field="url"
        )
    finally:
        budget.cancel()


# What was being done when the transport failed, each a whole sentence for translators.
_TRANSPORT_FAILED = {
    "fetch": gettext_lazy("Could not fetch the page: %(error)s."),
    "read": gettext_lazy("Could not read the page: %(error)s."),
    "send to": gettext_lazy("Could not send to the page: %(error)s."),
    "read the answer of": gettext_lazy("Could not read the answer of the page: %(error)s."),
}


def _transport_error(error: Exception, verb: str, deadline: _Deadline) -> DomainError:
    """What a failed connect or read means to the user: the deadline (a shut-down socket
    shows up as a closed connection), a read timeout, or another transport failure."""
    if deadline.expired or deadline.left() <= 0:
        return deadline.error()
    # urllib3 makes NewConnectionError a ConnectTimeoutError (for compatibility), though it
    # is raised for every failed connect but a timeout: a refused connection fails at once.
    if isinstance(error, urllib3.exceptions.NewConnectionError):
        if isinstance(error.__cause__, ConnectionRefusedError):
            return DomainError(
                gettext("The site refused the connection."),
                code="url_connection_refused",
                field="url",
            )
        return DomainError(
            gettext("Could not connect to the site."), code="url_fetch_failed", field="url"
        )
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return DomainError(
            gettext("The site did not answer for %(seconds)s seconds.")
            % {"seconds": f"{deadline.read_timeout:g}"},
            code="url_timeout",
            field="url",
        )
    return DomainError(
        str(_TRANSPORT_FAILED[verb]) % {"error": error.__class__.__name__},
        code="url_fetch_failed",
        field="url",
    )


def _response_read(
    response: urllib3.BaseHTTPResponse,
    url: str,
    *,
    max_bytes: int,
    deadline: _Deadline,
    content_types: frozenset[str],
) -> FetchedPage:
    if response.status != 200:
        raise HTTPStatusError(response.status)
    content_type_header = response.headers.get("Content-Type", "")
    content_type = content_type_header.split(";")[0].strip().lower()
    if content_type not in content_types:
        if content_types == ALLOWED_CONTENT_TYPES:
            refused = gettext("The URL serves %(type)s, not HTML or text.")
        else:
            refused = gettext("The URL serves %(type)s, not a type read here.")
        raise DomainError(
            refused % {"type": content_type or gettext("an unknown type")},
            code="url_content_type",
            field="url",
        )
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise DomainError(
            gettext("The page is too large to import."), code="url_too_large", field="url"
        )
    chunks = []
    received = 0
    try:
        for chunk in response.stream(64 * 1024):
            deadline.remaining()
            received += len(chunk)
            if received > max_bytes:
                raise DomainError(
                    gettext("The page is too large to import."), code="url_too_large", field="url"
                )
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise _transport_error(error, "read", deadline) from None
    # Sockets shut down by the deadline read as a clean end of the body: never keep a page
    # that may have been cut short.
    deadline.remaining()
    charset = None
    for parameter in content_type_header.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return FetchedPage(
        url=url,
        content=b"".join(chunks),
        content_type=content_type,
        charset=charset,
        status=response.status,
        reason=response.reason or "OK",
        headers=tuple(response.headers.items()),
    )


@dataclass(frozen=True)
class PostAnswer:
    """What a receiver answered a POST: its status and the start of its body."""

    status: int
    excerpt: bytes


def body_post(
    url: str,
    *,
    body: bytes,
    headers: Mapping[str, str],
    timeout: float,
    deadline: float,
    allow_private: bool,
    excerpt_bytes: int = 2048,
) -> PostAnswer:
    """POST `body` to `url` once (webhooks), through the same guard as page_fetch: http(s)
    only, every resolved address checked and connected to as checked, a per-read timeout and a
    total deadline. Redirects are not followed (a 3xx is returned like any status): a receiver
    that moved is re-registered by an editor, whose new URL is checked then.

    DomainError when the request cannot be made or answered (private address, unresolvable
    host, refused connection, timeout).
    """
    current = url_validate(url)
    budget = _Deadline(deadline, read_timeout=timeout)
    try:
        try:
            response = _request_once(
                current,
                allow_private=allow_private,
                deadline=budget,
                accept="*/*",
                extra=headers,
                method="POST",
                body=body,
            )
        except urllib3.exceptions.HTTPError as error:
            raise _transport_error(error, "send to", budget) from None
        try:
            if budget.expired:
                raise budget.error()
            try:
                excerpt = response.read(excerpt_bytes) if excerpt_bytes else b""
            except urllib3.exceptions.HTTPError as error:
                raise _transport_error(error, "read the answer of", budget) from None
            return PostAnswer(status=response.status, excerpt=excerpt)
        finally:
            response.release_conn()
    finally:
        budget.cancel()
