"""Importing articles: pasted text, uploaded files, URLs fetched safely, and the command."""

from __future__ import annotations

import http.server
import time
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from annotations.errors import DomainError
from annotations.models import Article
from annotations.services.articles import article_import, upload_extract
from tests.local_site import site_serving

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<title>Port strike ends after nine days | The Harbour Times</title>
<meta name="author" content="Lena Fischer">
<meta property="og:site_name" content="The Harbour Times">
<meta property="article:published_time" content="2026-03-14T09:00:00Z">
</head><body>
<nav>Home | World | Sport</nav>
<article>
<h1>Port strike ends after nine days</h1>
<p>Dock workers returned to work on Friday after a nine-day strike that halted most container
traffic through the port, the union said.</p>
<p>The agreement raises wages by 6 percent this year and 4 percent next year, according to a
statement from the port authority.</p>
<p>Shipping companies said the backlog of 140 vessels would take two weeks to clear.</p>
</article>
<footer>Copyright The Harbour Times</footer>
</body></html>"""


FRENCH_HTML = """<!doctype html>
<html lang="en"><head><title>Grève au port</title></head><body><article>
<h1>La grève du port prend fin après neuf jours</h1>
<p>Les dockers ont repris le travail vendredi après une grève de neuf jours qui a bloqué la
plupart des conteneurs, a indiqué le syndicat.</p>
<p>L'accord augmente les salaires de 6 % cette année, selon un communiqué du port.</p>
</article></body></html>"""
# No date anywhere but the footer's copyright year; and the same page stating its date.
COPYRIGHT_ONLY_HTML = """<!doctype html>
<html lang="en"><head><title>Rail operator claims trains now 98% on time</title></head><body>
<article><h1>Rail operator claims trains now 98% on time</h1>
<p>Valley Rail's chief executive said on Tuesday that 98 per cent of its trains had arrived on
time in October, the best month on record.</p>
<p>The passengers' union said the operator counts a train as on time if it is 15 minutes late.</p>
</article>
<footer>© Valley Times 2019 · Cookie settings · Subscribe</footer>
</body></html>"""
DATED_HTML = COPYRIGHT_ONLY_HTML.replace(
    "<h1>Rail", '<p class="date">Published 12 March 2024</p><h1>Rail'
)
SHORT_HTML = """<!doctype html>
<html lang="es"><head><title>Huelga</title></head><body><article>
<h1>Huelga</h1><p>Fin.</p></article></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            "/plain.txt": (200, "text/plain; charset=utf-8", "One.\n\n\nTwo 😀.".encode()),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 3_000_000 + b"</p>"),
            "/missing": (404, "text/html", b"not here"),
            # French, on a site whose template declares every page English.
            "/french.html": (200, "text/html; charset=utf-8", FRENCH_HTML.encode()),
            # Too short to judge: the page's own declaration stands.
            "/short.html": (200, "text/html; charset=utf-8", SHORT_HTML.encode()),
            "/copyright-only.html": (200, "text/html", COPYRIGHT_ONLY_HTML.encode()),
            "/dated.html": (200, "text/html", DATED_HTML.encode()),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path == "/redirect-to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://files.example.org/article.html")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(3)
        status, content_type, body = routes.get(
            self.path, (200, "text/html", ARTICLE_HTML.encode())
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A small web site on the loopback interface: the only kind of site tests may fetch."""
    with site_serving(_Handler) as url:
        yield url


@pytest.fixture
def private_fetch_allowed(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.ARTICLE_FETCH_TIMEOUT_SECONDS = 1
    settings.ARTICLE_FETCH_MAX_BYTES = 1_000_000


@pytest.mark.django_db
def test_pasted_text_becomes_canonical():
    article = article_import(imported_by=None, text="Title line\r\n\r\n\r\nCafe\u0301 opens.  \n")

    assert article.text == "Title line\n\nCafé opens."
    assert article.title == "Title line"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "typed", "language"),
    [
        # Detected when nobody typed one (the models: tests/core/test_languages.py).
        ("Le conseil municipal a voté mardi la fermeture de deux bibliothèques.", "", "fr"),
        ("قال رئيس البلدية إن المجلس قرر إغلاق مكتبتين بعد انخفاض الميزانية.", "", "ar"),
        # What the user typed wins.
        ("Le conseil municipal a voté mardi la fermeture de deux bibliothèques.", "fr-BE", "fr-BE"),
        # Too short to judge: the desk's default.
        ("Grève.", "", "en"),
    ],
)
def test_an_imported_texts_language_is_detected_unless_typed(text, typed, language):
    article = article_import(imported_by=None, text=text, language=typed)

    assert article.language == language


@pytest.mark.django_db
def test_a_pages_language_is_read_from_its_text_before_its_declaration(site, private_fetch_allowed):
    french = article_import(imported_by=None, url=f"{site}/french.html")
    short = article_import(imported_by=None, url=f"{site}/short.html")

    assert french.language == "fr"  # the page said "en"
    assert short.language == "es"  # too short to judge: as the page said


@pytest.mark.django_db
def test_html_upload_gives_main_text_title_author_and_date():
    extracted = upload_extract(name="strike.html", content=ARTICLE_HTML.encode())

    assert extracted.title.startswith("Port strike ends after nine days")
    assert extracted.byline == "Lena Fischer"
    assert str(extracted.published_on) == "2026-03-14"
    assert "Dock workers returned to work on Friday" in extracted.text
    assert "\n\nThe agreement raises wages" in extracted.text
    assert "Home | World" not in extracted.text
    assert "Copyright" not in extracted.text


def test_text_upload_is_read_as_utf8():
    extracted = upload_extract(name="notes.txt", content="Déjà vu.\n\nSecond.".encode())

    assert extracted.text == "Déjà vu.\n\nSecond."


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("report.pdf", b"%PDF-1.7 ...", "upload_unsupported_type"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "upload_not_text"),
        ("latin1.txt", "caf\xe9".encode("latin-1"), "upload_not_text"),
        ("empty.html", b"<html><body></body></html>", "html_no_main_text"),
        # Nothing but navigation: no article, not one titled "menu".
        ("menu.html", b"<html><body><nav>menu</nav></body></html>", "html_no_main_text"),
        (
            "chrome.html",
            b"<html><head><title>Valley Times</title></head><body><header>Valley Times</header>"
            b"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            b"<footer>Contact us</footer><script>var x = 1;</script></body></html>",
            "html_no_main_text",
        ),
    ],
)
def test_an_upload_that_is_not_text_or_html_is_refused(name, content, code):
    with pytest.raises(DomainError) as raised:
        upload_extract(name=name, content=content)

    assert raised.value.code == code


@pytest.mark.django_db
def test_an_article_is_fetched_from_a_url(site, private_fetch_allowed):
    article = article_import(imported_by=None, url=f"{site}/article.html")

    assert article.source_url == f"{site}/article.html"
    assert article.byline == "Lena Fischer"
    assert "nine-day strike" in article.text


@pytest.mark.django_db
def test_a_fetched_page_gets_only_the_publication_date_it_states(site, private_fetch_allowed):
    undated = article_import(imported_by=None, url=f"{site}/copyright-only.html")
    dated = article_import(imported_by=None, url=f"{site}/dated.html")

    assert undated.published_on is None  # not 1 January of the footer's copyright year
    assert str(dated.published_on) == "2024-03-12"


@pytest.mark.django_db
def test_redirects_are_followed(site, private_fetch_allowed):
    article = article_import(imported_by=None, url=f"{site}/redirect")

    assert "nine-day strike" in article.text


@pytest.mark.django_db
def test_a_plain_text_url_is_imported_as_text(site, private_fetch_allowed):
    article = article_import(imported_by=None, url=f"{site}/plain.txt")

    assert article.text == "One.\n\nTwo 😀."


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/image.png", "url_content_type"),
        ("/big.html", "url_too_large"),
        ("/missing", "url_http_error"),
        ("/redirect-to-ftp", "url_scheme"),
        ("/slow", "url_timeout"),
    ],
)
@pytest.mark.django_db
def test_a_url_that_cannot_be_imported_gives_a_clear_error_and_saves_nothing(
    site, private_fetch_allowed, path, code
):
    with pytest.raises(DomainError) as raised:
        article_import(imported_by=None, url=f"{site}{path}")

    assert raised.value.code == code
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.0.0.8/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
@pytest.mark.django_db
def test_private_and_loopback_addresses_are_refused_by_default(url):
    # Refused before any connection is made: nothing is sent to these addresses.
    with pytest.raises(DomainError) as raised:
        article_import(imported_by=None, url=url)

    assert raised.value.code == "url_private_address"


@pytest.mark.django_db
def test_a_link_local_address_is_refused_even_where_private_ones_are_allowed(
    private_fetch_allowed,
):
    with pytest.raises(DomainError) as raised:
        article_import(imported_by=None, url="http://169.254.169.254/latest/meta-data/")

    assert raised.value.code == "url_link_local"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_host_that_does_not_resolve_is_named_in_a_sentence_that_reads_well():
    # A fully qualified name ends in a dot: the message once read "Could not resolve x.invalid.."
    with pytest.raises(DomainError) as raised:
        article_import(imported_by=None, url="http://no-such-host.invalid./story")

    assert raised.value.code == "url_unresolvable"
    assert raised.value.message == "The host name “no-such-host.invalid.” could not be resolved."


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/a", " http://x.org/"]
)
@pytest.mark.django_db
def test_only_http_urls_are_fetched(url):
    with pytest.raises(DomainError) as raised:
        article_import(imported_by=None, url=url)

    assert raised.value.code in {"url_scheme", "url_invalid"}


@pytest.mark.django_db
def test_an_article_longer_than_the_limit_is_refused(settings):
    settings.ARTICLE_MAX_CHARACTERS = 100

    with pytest.raises(DomainError) as raised:
        article_import(imported_by=None, text="word " * 100)

    assert raised.value.code == "article_text_too_long"


@pytest.mark.django_db
def test_import_article_command_reads_a_file(tmp_path, capsys):
    path = tmp_path / "strike.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")

    call_command("import_article", str(path))

    article = Article.objects.get()
    assert article.byline == "Lena Fischer"
    assert f"Imported article {article.pk}" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_article_command_fetches_a_url(site, private_fetch_allowed):
    call_command("import_article", f"{site}/article.html", "--title", "Strike over")

    assert Article.objects.get().title == "Strike over"


@pytest.mark.django_db
def test_import_article_command_reports_errors_without_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_article", str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="private or local"):
        call_command("import_article", "http://127.0.0.1:9/")


@pytest.mark.django_db
def test_fetching_an_articles_url_again_makes_a_new_revision(site, private_fetch_allowed):
    from annotations.services.revisions import article_revision_import

    article = article_import(imported_by=None, text="An early, shorter version of the story.")
    Article.objects.filter(pk=article.pk).update(source_url=f"{site}/article.html")
    article.refresh_from_db()

    revision, created = article_revision_import(article=article, created_by=None, refetch=True)

    assert created
    assert (revision.number, revision.origin) == (2, "url")
    assert "Dock workers returned to work on Friday" in revision.text
    article.refresh_from_db()
    assert article.text == revision.text


@pytest.mark.django_db
def test_import_article_command_saves_a_new_version_from_a_file(tmp_path, capsys):
    article = article_import(imported_by=None, text="An early, shorter version of the story.")
    path = tmp_path / "strike.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")

    call_command("import_article", str(path), "--new-version-of", str(article.pk))

    assert article.revisions.get(number=2).origin == "upload"
    assert f"Article {article.pk}: revision 2 saved" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_article_command_saves_a_new_version_from_a_url(site, private_fetch_allowed):
    article = article_import(imported_by=None, text="An early, shorter version of the story.")

    call_command("import_article", f"{site}/article.html", "--new-version-of", str(article.pk))

    assert article.revisions.get(number=2).origin == "url"


@pytest.mark.django_db
def test_import_article_command_refuses_a_new_version_of_a_missing_article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")

    with pytest.raises(CommandError, match="No article 999"):
        call_command("import_article", str(path), "--new-version-of", "999")
