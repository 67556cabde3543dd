"""Webhook signatures (known vectors, computed with `openssl dgst -sha256 -hmac`), the replay
window, and the retry schedule."""

from __future__ import annotations

import pytest

from annotations.core.webhooks import (
    RetryPolicy,
    error_trimmed,
    signature,
    signature_header,
    signature_header_parse,
    signature_verify,
)

BODY = b'{"id":"evt"}'
T = 1_700_000_000
# echo -n '1700000000.{"id":"evt"}' | openssl dgst -sha256 -hmac whsec_test
NEW = "a94cea056df1fbb92eadafcf2c5cd541dbe0c6ef736e4748202dd53f86694a3e"
# ... -hmac old
OLD = "aec590724ab167bc17e6200e17667a08f7834dd1aa8fe5ba577c1fad2e723edb"


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex():
    assert signature("whsec_test", T, BODY) == NEW


def test_the_header_carries_the_timestamp_and_one_signature_per_secret():
    assert signature_header(["whsec_test"], T, BODY) == f"t={T},v1={NEW}"
    assert signature_header(["whsec_test", "old"], T, BODY) == f"t={T},v1={NEW},v1={OLD}"


def test_a_header_needs_a_secret():
    with pytest.raises(ValueError):
        signature_header([], T, BODY)


def test_a_receiver_accepts_the_signature_within_the_window():
    header = signature_header(["whsec_test"], T, BODY)
    assert signature_verify("whsec_test", header, BODY, now=T + 299)
    assert signature_verify("whsec_test", header, BODY, now=T - 299)


def test_a_replay_after_the_window_is_refused():
    header = signature_header(["whsec_test"], T, BODY)
    assert not signature_verify("whsec_test", header, BODY, now=T + 301)
    assert not signature_verify("whsec_test", header, BODY, now=T + 60, tolerance=30)


def test_a_changed_body_timestamp_or_secret_is_refused():
    header = signature_header(["whsec_test"], T, BODY)
    assert not signature_verify("whsec_test", header, b'{"id":"evu"}', now=T)
    assert not signature_verify("other", header, BODY, now=T)
    moved = header.replace(f"t={T}", f"t={T + 1}")
    assert not signature_verify("whsec_test", moved, BODY, now=T)


def test_either_secret_verifies_during_a_rotation():
    header = signature_header(["whsec_test", "old"], T, BODY)
    assert signature_verify("old", header, BODY, now=T)
    assert signature_verify("whsec_test", header, BODY, now=T)


@pytest.mark.parametrize(
    "header", ["", "t=abc,v1=00", f"v1={NEW}", f"t={T}", f"t={T},v0={NEW}", "garbage"]
)
def test_malformed_headers_verify_nothing(header):
    assert not signature_verify("whsec_test", header, BODY, now=T)


def test_parsing_ignores_other_schemes_and_spaces():
    parsed = signature_header_parse(f"t={T}, v0=ab, v1={NEW}")
    assert parsed is not None
    assert parsed.timestamp == T
    assert parsed.signatures == (NEW,)


POLICY = RetryPolicy(base_seconds=30, cap_seconds=3600, max_attempts=8)


def test_the_schedule_doubles_from_the_base_up_to_the_cap():
    assert [POLICY.scheduled_delay(n) for n in range(1, 10)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]
    assert POLICY.scheduled_delay(10_000) == 3600


def test_jitter_keeps_each_delay_between_half_and_all_of_its_schedule():
    lowest = [POLICY.retry_delay(n, uniform=lambda a, b: a) for n in range(1, 8)]
    highest = [POLICY.retry_delay(n, uniform=lambda a, b: b) for n in range(1, 8)]
    assert lowest == [15, 30, 60, 120, 240, 480, 960]
    assert highest == [30, 60, 120, 240, 480, 960, 1920]
    for n in range(1, 8):
        delay = POLICY.retry_delay(n)
        assert delay is not None
        assert POLICY.scheduled_delay(n) / 2 <= delay <= POLICY.scheduled_delay(n)


def test_no_retry_after_the_last_attempt():
    assert POLICY.retry_delay(7) is not None
    assert POLICY.retry_delay(8) is None
    assert POLICY.retry_delay(9) is None


def test_attempts_count_from_one():
    with pytest.raises(ValueError):
        POLICY.scheduled_delay(0)


def test_errors_are_flattened_and_trimmed_for_the_log():
    assert error_trimmed("a\n  b\tc") == "a b c"
    trimmed = error_trimmed("x" * 600)
    assert len(trimmed) == 500
    assert trimmed.endswith("…")
