"""A site of cited sources on 127.0.0.1 for the evidence tests, and the settings that let the
desk capture from it into a temporary folder."""

from __future__ import annotations

import gzip
import http.server
import time
from functools import cache
from pathlib import Path
from typing import Any

REPORT = (
    b"<html><head><title>Annual report</title><script>document.cookie='x=1'</script></head>"
    b"<body><nav>Home | About</nav><article><h1>Annual report</h1>"
    b"<p>Recorded crime fell by 12 percent in 2025, the statistics office said in its annual "
    b"report, published on Tuesday after a year of work by its analysts.</p>"
    b"<p>Burglaries were down by a fifth, while reports of fraud rose for a third year.</p>"
    b"</article><footer>Copyright</footer></body></html>"
)
LATIN1 = (
    "<html><body><article><p>Le taux de ch\u00f4mage a baiss\u00e9 \u00e0 7,3 % selon "
    "l'institut national, qui publie ses chiffres chaque trimestre depuis des ann\u00e9es."
    "</p></article></body></html>"
).encode("latin-1")
# A page that tries to run script, reach the desk and load from elsewhere: its replay must not.
SCRIPTED = (
    b"<html><head><title>Original title</title>"
    b"<script>document.title = 'script ran'; fetch('/api/v1/');</script>"
    b"<link rel=stylesheet href='/x.css'></head>"
    b"<body onload=\"document.body.dataset.ran='yes'\"><p id=claim>Exports rose by 4 percent.</p>"
    b"<img src='/pixel.gif'><img src='ORIGIN/pixel.gif'></body></html>"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# An HTML bomb for parsers: 100,000 nested elements around one sentence (about 1 MB).
NESTED = b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep inside.</p>" + b"</div>" * 100_000


@cache
def gzip_bomb() -> bytes:
    """About 10 KB on the wire that inflate to 10 MB of HTML."""
    return gzip.compress(b"<p>" + b"a" * 10_000_000 + b"</p>", compresslevel=9)


class SourcesSite(http.server.BaseHTTPRequestHandler):
    # Every path asked for, in order (reset by the sources_site fixture).
    requested: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunk: bytes, *, pause: float) -> None:
        """A body without a length that never ends: `chunk` again and again, until the client
        hangs up (HTTP/1.0: the body ends when the connection does)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(1_000_000):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            return

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        SourcesSite.requested.append(self.path)
        if self.path in {"/report", "/mirror-of-report"}:
            self._send(200, "text/html; charset=utf-8", REPORT, Set_Cookie="tracker=1")
        elif self.path == "/moved":
            self._send(301, "text/html", b"", Location="/report")
        elif self.path == "/latin1":
            self._send(200, "text/html; charset=iso-8859-1", LATIN1)
        elif self.path == "/scripted":
            origin = f"http://127.0.0.1:{self.server.server_address[1]}"
            body = SCRIPTED.replace(b"ORIGIN", origin.encode())
            self._send(200, "text/html; charset=utf-8", body, Set_Cookie="tracker=1")
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", PDF)
        elif self.path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/loop":
            self._send(302, "text/html", b"", Location="/loop")
        elif self.path == "/nested":
            self._send(200, "text/html", NESTED)
        elif self.path == "/gzip-bomb":
            self._send(200, "text/html", gzip_bomb(), Content_Encoding="gzip")
        elif self.path == "/endless":
            self._stream(b"<p>" + b"y" * 65_536, pause=0)
        elif self.path == "/drip":
            self._stream(b"z", pause=0.2)
        elif self.path == "/video":
            self._send(200, "video/mp4", b"\x00\x00\x00\x18ftypmp42")
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")


def capture_into(settings: Any, folder: Path) -> None:
    """Capture on, loopback allowed (the site is local), captures stored under `folder`."""
    settings.EVIDENCE_CAPTURE = True
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder / "evidence")},
        },
    }


class DriftSite(http.server.BaseHTTPRequestHandler):
    """A site whose pages the test changes: `pages` maps a path to (status, body); an ETag is
    the body's length and first bytes, and If-None-Match gets a 304. `robots` is its
    robots.txt (None: a 404). `log` records (path, time, If-None-Match) per request."""

    pages: dict[str, tuple[int, bytes]] = {}
    robots: str | None = None
    log: list[tuple[str, float, str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        match = self.headers.get("If-None-Match", "")
        DriftSite.log.append((self.path, time.monotonic(), match))
        if self.path == "/robots.txt":
            if DriftSite.robots is None:
                return self._answer(404, b"", "text/plain")
            return self._answer(200, DriftSite.robots.encode(), "text/plain")
        status, body = DriftSite.pages.get(self.path, (404, b"<h1>Not found</h1>"))
        etag = f'"{len(body)}-{body[-40:].hex()}"'
        if status == 200 and match == etag:
            return self._answer(304, b"", "text/html", ETag=etag)
        self._answer(status, body, "text/html; charset=utf-8", ETag=etag)

    def _answer(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def article_page(sentence: str) -> bytes:
    """A page whose main text is `sentence` among enough words for trafilatura to keep it."""
    return (
        "<html><body><article><h1>Monthly figures</h1>"
        f"<p>{sentence} The office publishes these figures every month, with a note on how "
        "they were gathered and which districts reported late.</p></article></body></html>"
    ).encode()


def sources_cited(reviewer: Any, *urls: str) -> list[Any]:
    """`reviewer` highlights a claim on a new article citing `urls` (titled "Source 0", ...),
    through the service the page and the API use; the highlight's sources."""
    from annotations.services.annotations import SourceInput, TargetInput, annotation_create
    from tests.factories import ArticleFactory, verdict

    article = ArticleFactory(text="The statistics office says crime fell by 12 percent.")
    exact = "crime fell by 12 percent"
    start = article.text.index(exact)
    annotation = annotation_create(
        reviewer=reviewer,
        article=article,
        target=TargetInput(exact=exact, start=start, end=start + len(exact)),
        verdict=verdict("true"),
        sources=[SourceInput(url=url, title=f"Source {n}") for n, url in enumerate(urls)],
    )
    return list(annotation.sources.all())
