"""Addresses compared as the same page: the key the verdict's sources are deduplicated by."""

from __future__ import annotations

import pytest

from annotations.core.addresses import distinct_by_url, url_normalised


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://Stats.Example.org/crime/", "https://stats.example.org/crime"),
        ("http://stats.example.org/crime", "https://stats.example.org:443/crime"),
        ("https://stats.example.org/crime#table-2", "https://stats.example.org/crime"),
        (
            "https://stats.example.org/crime?year=2025&utm_source=x&fbclid=abc",
            "https://stats.example.org/crime?year=2025",
        ),
    ],
)
def test_these_addresses_are_the_same_page(one, other):
    assert url_normalised(one) == url_normalised(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://stats.example.org/crime?year=2025", "https://stats.example.org/crime?year=2024"),
        ("https://stats.example.org/Crime", "https://stats.example.org/crime"),
        ("https://stats.example.org:8443/crime", "https://stats.example.org/crime"),
        ("https://www.example.org/a", "https://example.org/a"),
    ],
)
def test_these_addresses_are_different_pages(one, other):
    assert url_normalised(one) != url_normalised(other)


def test_an_address_that_does_not_parse_is_its_own_key():
    assert url_normalised(" https://[::1/x ") == "https://[::1/x"


def test_distinct_by_url_keeps_the_first_of_each_page_in_order():
    urls = ["https://a.example/x/", "https://b.example/", "http://a.example/x", "https://c.example"]

    assert distinct_by_url(urls, str) == [
        "https://a.example/x/",
        "https://b.example/",
        "https://c.example",
    ]
