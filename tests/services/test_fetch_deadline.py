"""A fetch has a total deadline: a server that trickles bytes is cut off with a clear error
naming the seconds, in the service, the API and the pages, and nothing is saved."""

from __future__ import annotations

import http.server
import time
from collections.abc import Iterator

import pytest

from annotations.errors import DomainError
from annotations.fetching import page_fetch
from annotations.models import Article
from tests.factories import ArticleFactory
from tests.local_site import site_serving
from tests.pages import logged_in

DRIP_SECONDS = 0.3
# Long enough that, without a deadline, a trickled page arrives whole (in about 9 s) and
# the per-read timeout (1 s) never fires.
BODY = b"<p>" + b"x" * 24 + b"</p>"


class _Trickler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _drip(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(DRIP_SECONDS)

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        try:
            if self.path == "/body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(BODY)))
                self.end_headers()
                self._drip(BODY)
            elif self.path == "/headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self._drip(b"Content-Type: text/html\r\nX-Slow: " + b"y" * 24 + b"\r\n\r\n")
                self.wfile.write(BODY)
            elif self.path.startswith("/hop/"):
                # Each hop answers after 0.4 s: never a read timeout, but six of them pass
                # a 1 s deadline.
                hop = int(self.path.rsplit("/", 1)[1])
                time.sleep(0.4)
                self.send_response(302)
                self.send_header("Location", f"/hop/{hop + 1}" if hop < 4 else "/fast")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(BODY)))
                self.end_headers()
                self.wfile.write(BODY)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should


@pytest.fixture(scope="module")
def slow_site() -> Iterator[str]:
    with site_serving(_Trickler) as url:
        yield url


@pytest.fixture
def one_second_deadline(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.ARTICLE_FETCH_TIMEOUT_SECONDS = 1
    settings.ARTICLE_FETCH_DEADLINE_SECONDS = 1


def timed_fetch(url: str) -> tuple[DomainError, float]:
    started = time.monotonic()
    with pytest.raises(DomainError) as raised:
        page_fetch(url, timeout=1, max_bytes=10_000, allow_private=True, deadline=1)
    return raised.value, time.monotonic() - started


@pytest.mark.parametrize("path", ["/body", "/headers", "/hop/0"])
def test_a_fetch_is_cut_at_its_deadline_with_an_error_naming_it(slow_site, path):
    error, elapsed = timed_fetch(f"{slow_site}{path}")

    assert error.code == "url_timeout"
    assert error.field == "url"
    assert error.message == "The site did not send the page within 1 seconds."
    assert elapsed < 2.5


def test_a_fast_page_is_fetched_well_within_the_deadline(slow_site):
    page = page_fetch(
        f"{slow_site}/fast", timeout=1, max_bytes=10_000, allow_private=True, deadline=1
    )

    assert page.content == BODY


@pytest.mark.django_db
def test_the_api_answers_a_trickling_source_with_a_400_naming_the_timeout(
    slow_site, one_second_deadline, api_as, editor
):
    response = api_as(editor).post("/api/v1/articles/", {"url": f"{slow_site}/body"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "url": ["The site did not send the page within 1 seconds."],
        "code": "url_timeout",
    }
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_import_form_shows_the_timeout_on_the_url_field(slow_site, one_second_deadline, editor):
    response = logged_in(editor).post("/articles/import/", {"url": f"{slow_site}/body"})

    assert response.status_code == 200
    assert response.context["form"].errors["url"] == [
        "The site did not send the page within 1 seconds."
    ]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_fetching_a_new_version_from_a_trickling_source_is_an_error_on_that_choice(
    slow_site, one_second_deadline, editor
):
    article = ArticleFactory(source_url=f"{slow_site}/headers")

    response = logged_in(editor).post(f"/articles/{article.pk}/revise/", {"refetch": "on"})

    assert response.status_code == 200
    assert response.context["form"].errors["refetch"] == [
        "The site did not send the page within 1 seconds."
    ]
    assert article.revisions.count() == 1
