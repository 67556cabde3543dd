"""The verification snippet partners copy from docs/webhooks.md works on what the desk sends."""

from __future__ import annotations

import re
from pathlib import Path

from annotations.core.webhooks import signature_header

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"
BODY = b'{"id":"5f0c","type":"verdict.published","verdict":null}'
T = 1_764_581_412


def _snippet_verify():
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    namespace: dict[str, object] = {}
    exec(compile(code, str(DOC), "exec"), namespace)  # noqa: S102 (our own documentation)
    return namespace["verify"]


def test_the_documented_snippet_accepts_a_delivery_and_refuses_a_replay_or_a_forgery():
    verify = _snippet_verify()
    header = signature_header(["whsec_partner"], T, BODY)
    assert verify("whsec_partner", header, BODY, now=T + 10)
    assert not verify("whsec_partner", header, BODY, now=T + 301)
    assert not verify("whsec_other", header, BODY, now=T)
    assert not verify("whsec_partner", header, BODY + b" ", now=T)
    assert not verify("whsec_partner", "t=abc,v1=00", BODY, now=T)


def test_the_documented_snippet_accepts_either_secret_during_a_rotation():
    verify = _snippet_verify()
    header = signature_header(["whsec_new", "whsec_old"], T, BODY)
    assert verify("whsec_old", header, BODY, now=T)
    assert verify("whsec_new", header, BODY, now=T)
