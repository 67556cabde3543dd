"""annotations.core.uri: a document's address as the look-up key `?uri=` and Article.url_key
share, normalised as Hypothesis normalises document URLs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.core.uri import uri_key, uri_key_or_empty, uri_normalised

REPO = Path(__file__).resolve().parents[2]
PAGE = "https://example.org/politics/budget"


@pytest.mark.parametrize(
    "variant",
    [
        "https://example.org/politics/budget",
        "http://example.org/politics/budget",
        "HTTPS://Example.ORG/politics/budget",
        "https://www.example.org/politics/budget",
        "https://example.org/politics/budget/",
        "https://example.org:443/politics/budget",
        "http://example.org:80/politics/budget",
        "https://example.org./politics/budget",
        "https://example.org/politics/budget#section-2",
        "https://example.org/politics/budget?utm_source=x&utm_medium=social",
        "https://example.org/politics/budget?fbclid=IwAR0&gclid=abc&mc_cid=1&mc_eid=2",
        "https://example.org/politics/budget?ref=homepage",
        "https://user:secret@example.org/politics/budget",
        "https://example.org/%70olitics/budget",
        "  https://example.org/politics/budget  ",
    ],
)
def test_these_addresses_are_the_same_document(variant):
    assert uri_normalised(variant) == PAGE
    assert uri_key(variant) == uri_key(PAGE)


def test_query_parameters_are_sorted_and_only_tracking_ones_dropped():
    one = "https://example.org/search?q=budget&page=2&utm_campaign=x"
    other = "http://www.example.org/search/?page=2&q=budget"

    assert (
        uri_normalised(one) == uri_normalised(other) == "https://example.org/search?page=2&q=budget"
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/a?id=1", "https://example.org/a?id=2"),
        ("https://example.org/A", "https://example.org/a"),
        ("https://example.org:8443/a", "https://example.org/a"),
        ("https://example.org/a/b", "https://example.org/a"),
        ("https://example.org/a%2Fb", "https://example.org/a/b"),
        ("https://news.example.org/a", "https://example.org/a"),
    ],
)
def test_these_addresses_are_different_documents(one, other):
    assert uri_key(one) != uri_key(other)


def test_escapes_of_reserved_characters_stay_escaped_in_upper_case():
    assert uri_normalised("https://example.org/a%2fb%7e") == "https://example.org/a%2Fb~"


def test_spaces_and_non_ascii_characters_are_escaped_as_utf8():
    assert uri_normalised("https://example.org/café au lait") == (
        "https://example.org/caf%C3%A9%20au%20lait"
    )
    assert uri_key("https://example.org/café") == uri_key("https://example.org/caf%c3%a9")


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "example.org/a",
        "/relative/path",
        "ftp://example.org/a",
        "javascript:alert(1)",
        "https://",
        "https://:80/a",
        "https://example.org:99999/a",
        "https://[::1/a",
        "https://exa mple.org/a",
        "https://example.org/a\nb",
        "https://example.org/" + "a" * 2000,
    ],
)
def test_what_is_no_http_address_is_refused_with_a_reason(bad):
    with pytest.raises(ValueError, match=r"\w"):
        uri_normalised(bad)
    assert uri_key_or_empty(bad) == ""


def test_the_key_is_a_fixed_length_hex_digest():
    key = uri_key("https://example.org/" + "a" * 1900)
    assert len(key) == 64
    assert int(key, 16) >= 0


def test_module_imports_without_django():
    code = "import sys, annotations.core.uri; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


# --- Properties ---------------------------------------------------------------------------

NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12).filter(
    lambda name: not name.startswith("-") and not name.endswith("-")
)
HOSTS = st.lists(NAME, min_size=1, max_size=3).map(lambda labels: ".".join([*labels, "org"]))
SEGMENT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=["Cc", "Cs"], exclude_characters="/?#%"
    ),
    max_size=10,
)
# A path ending in white space reads as a URL typed with a trailing space, which is trimmed.
PATHS = (
    st.lists(SEGMENT, max_size=4)
    .map(lambda segments: "/" + "/".join(segments))
    .filter(lambda path: path == path.rstrip())
)
PARAMS = st.lists(st.tuples(NAME, st.text(alphabet="abcXYZ019 -_.", max_size=6)), max_size=4)
TRACKING = st.lists(
    st.tuples(
        st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid", "mc_eid", "ref"]), NAME
    ),
    max_size=3,
)


def _url(scheme: str, www: bool, host: str, path: str, params: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    query = urlencode(params)
    return f"{scheme}://{'www.' if www else ''}{host}{path}" + (f"?{query}" if query else "")


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.booleans(),
    HOSTS,
    PATHS,
    PARAMS.filter(
        lambda params: not any(name.startswith(("utm_", "pk_", "mtm_")) for name, _ in params)
    ),
)
def test_normalising_twice_changes_nothing(scheme, www, host, path, params):
    once = uri_normalised(_url(scheme, www, host, path, params))
    assert uri_normalised(once) == once


@given(HOSTS, PATHS, PARAMS, TRACKING, st.randoms(use_true_random=False), st.booleans())
def test_scheme_www_slash_fragment_order_and_tracking_never_change_the_key(
    host, path, params, tracking, random, www
):
    plain = _url("https", False, host, path, params)
    shuffled = [*params, *tracking]
    random.shuffle(shuffled)
    dressed = _url("http", www, host.upper(), path + "/", shuffled) + "#fragment"
    assert uri_key(dressed) == uri_key(plain)


@given(st.text(max_size=300))
def test_any_text_is_normalised_or_refused_with_value_error(text):
    try:
        normalised = uri_normalised(text)
    except ValueError:
        return
    assert normalised.startswith("https://")
    assert "#" not in normalised
    assert uri_normalised(normalised) == normalised
