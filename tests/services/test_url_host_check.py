"""Addresses published as given (a highlight's sources, an article's address) follow the fetch's
address rules without a DNS look-up (walk 19, finding 3): a link-local host (cloud metadata) is
refused in every form a browser reads, a private or local one unless the desk allows them."""

from __future__ import annotations

import pytest

from annotations.errors import DomainError
from annotations.fetching import url_host_check

METADATA_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/latest/meta-data/",
    "http://2852039166/latest/meta-data/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://169.254.43518/",
    "http://[fe80::1]/",
]
LOCAL_URLS = [
    "http://127.0.0.1:8000/",
    "http://localhost/admin/",
    "http://api.LOCALHOST./",
    "http://10.0.0.7/report",
    "http://[::1]/",
    "http://0x7f000001/",
]


@pytest.mark.parametrize("url", METADATA_URLS)
@pytest.mark.parametrize("allow_private", [False, True])
def test_a_link_local_host_is_refused_in_every_form(url, allow_private):
    with pytest.raises(DomainError) as raised:
        url_host_check(url, allow_private=allow_private)

    expected = "url_link_local" if allow_private else "url_private_address"
    assert raised.value.code == expected
    assert raised.value.field == "url"


@pytest.mark.parametrize("url", LOCAL_URLS)
def test_a_private_or_local_host_is_refused_unless_the_desk_allows_them(url):
    with pytest.raises(DomainError) as raised:
        url_host_check(url, allow_private=False)

    assert raised.value.code == "url_private_address"
    assert url_host_check(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    ["https://stats.example.org/jobs", "https://1.1.1.1/", "http://www.example.123/"],
)
def test_a_host_name_or_public_address_is_taken_without_a_look_up(url, monkeypatch):
    def no_lookup(*args, **kwargs):
        raise AssertionError("a DNS look-up")

    monkeypatch.setattr("socket.getaddrinfo", no_lookup)

    assert url_host_check(url, allow_private=False) == url
