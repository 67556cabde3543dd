"""The private-address check: an address is public only if it and every IPv4 address it
embeds are global. Property-tested over every way IPv6 carries an IPv4 address."""

from __future__ import annotations

import ipaddress

import pytest
import urllib3
from hypothesis import given
from hypothesis import strategies as st

from annotations.errors import DomainError
from annotations.fetching import address_is_link_local, address_is_public, body_post, page_fetch

ipv4 = st.integers(min_value=0, max_value=2**32 - 1).map(ipaddress.IPv4Address)
non_global_ipv4 = ipv4.filter(lambda v: not v.is_global)
# Drawn from 1.0.0.0 to 223.255.255.255 (unicast, mostly global): Hypothesis favours the ends of
# a range, and over all of IPv4 those are 0.0.0.0/8 and 255.x, which the filter would reject
# often enough to fail its health check.
global_ipv4 = (
    st.integers(min_value=0x01000000, max_value=0xDFFFFFFF)
    .map(ipaddress.IPv4Address)
    .filter(lambda v: v.is_global and not v.is_multicast)
)
# A sample of addresses in the ranges is_global refuses, so the filter above rarely rejects.
non_global_ipv4_dense = st.one_of(
    non_global_ipv4,
    st.sampled_from(
        [
            "127.0.0.0/8",
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "0.0.0.0/8",
            "198.18.0.0/15",
        ]
    ).flatmap(
        lambda net: st.integers(0, ipaddress.IPv4Network(net).num_addresses - 1).map(
            lambda i, net=net: ipaddress.IPv4Network(net)[i]
        )
    ),
)
low16 = st.integers(min_value=0, max_value=2**16 - 1)
low32 = st.integers(min_value=0, max_value=2**32 - 1)
low80 = st.integers(min_value=0, max_value=2**80 - 1)


def mapped(v: ipaddress.IPv4Address, _: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0xFFFF << 32 | int(v))


def compatible(v: ipaddress.IPv4Address, _: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(int(v))


def translated(v: ipaddress.IPv4Address, _: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0xFFFF << 48 | int(v))


def nat64(v: ipaddress.IPv4Address, _: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0x64FF9B << 96 | int(v))


def nat64_local_use(v: ipaddress.IPv4Address, rest: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0x64FF9B0001 << 80 | (rest & 0xFFFF_0000_0000) << 0 | int(v))


def sixtofour(v: ipaddress.IPv4Address, rest: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0x2002 << 112 | int(v) << 80 | (rest & (2**80 - 1)))


def teredo_server(v: ipaddress.IPv4Address, rest: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0x20010000 << 96 | int(v) << 64 | (rest & (2**64 - 1)))


def teredo_client(v: ipaddress.IPv4Address, rest: int) -> ipaddress.IPv6Address:
    # The client address is stored inverted in the last 32 bits.
    return ipaddress.IPv6Address(
        0x20010000 << 96 | (rest & (2**64 - 1)) & ~0xFFFFFFFF | (int(v) ^ 0xFFFFFFFF)
    )


EMBEDDINGS = [
    mapped,
    compatible,
    translated,
    nat64,
    nat64_local_use,
    sixtofour,
    teredo_server,
    teredo_client,
]


@pytest.mark.parametrize("embed", EMBEDDINGS)
@given(v=non_global_ipv4_dense, rest=low80)
def test_every_embedding_of_a_non_global_ipv4_address_is_refused(embed, v, rest):
    assert not address_is_public(embed(v, rest))


@pytest.mark.parametrize("embed", EMBEDDINGS)
@given(v=global_ipv4, rest=low80)
def test_an_embedding_of_a_global_ipv4_address_is_judged_like_it_where_the_wrapper_is_global(
    embed, v, rest
):
    wrapped = embed(v, rest)
    wrapper_global = ipaddress.IPv6Address(int(wrapped) & ~0xFFFFFFFF).is_global or (
        embed in (mapped, compatible, translated)
    )
    expected = wrapper_global and embed not in (nat64_local_use, teredo_server, teredo_client)

    assert address_is_public(wrapped) is expected


@given(v=ipv4)
def test_an_ipv4_address_is_public_exactly_when_global_and_not_multicast(v):
    assert address_is_public(v) is (v.is_global and not v.is_multicast)


@given(address=st.integers(min_value=0, max_value=2**128 - 1).map(ipaddress.IPv6Address))
def test_an_ipv6_address_is_never_public_unless_global(address):
    if not address.is_global:
        assert not address_is_public(address)


@pytest.mark.parametrize(
    "host",
    [
        "[::127.0.0.1]",
        "[64:ff9b::7f00:1]",
        "[2002:7f00:1::]",
        "[::ffff:0:7f00:1]",
        "[::ffff:127.0.0.1]",
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
    ],
)
def test_literal_ipv6_hosts_embedding_loopback_are_refused_without_connecting(host, monkeypatch):
    connections: list[object] = []
    monkeypatch.setattr(
        urllib3.util.connection, "create_connection", lambda *args, **kw: connections.append(args)
    )

    with pytest.raises(DomainError) as raised:
        page_fetch(f"http://{host}/", timeout=1, max_bytes=1000, allow_private=False, deadline=1)

    assert raised.value.code == "url_private_address"
    assert connections == []


LINK_LOCAL_HOSTS = [
    "169.254.169.254",  # the cloud metadata service
    "169.254.0.1",
    "[fe80::1]",
    "[::ffff:169.254.169.254]",
    "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254
    "[fd00:ec2::254]",  # AWS's metadata service on IPv6
]


@pytest.mark.parametrize("host", LINK_LOCAL_HOSTS)
def test_link_local_addresses_are_refused_even_where_private_ones_are_allowed(host, monkeypatch):
    connections: list[object] = []
    monkeypatch.setattr(
        urllib3.util.connection, "create_connection", lambda *args, **kw: connections.append(args)
    )

    with pytest.raises(DomainError) as fetched:
        page_fetch(
            f"http://{host}/latest/", timeout=1, max_bytes=1000, allow_private=True, deadline=1
        )
    with pytest.raises(DomainError) as posted:
        body_post(
            f"http://{host}/hook", body=b"{}", headers={}, timeout=1, deadline=1, allow_private=True
        )

    assert (fetched.value.code, posted.value.code) == ("url_link_local", "url_link_local")
    assert connections == []


@given(address=ipv4)
def test_an_ipv4_address_is_link_local_exactly_in_169_254_0_0_16(address):
    assert address_is_link_local(address) is (address in ipaddress.IPv4Network("169.254.0.0/16"))
