"""The lock files: every package `make` installs is pinned with hashes, and the locks agree with
the human-edited requirements*.txt (a pin changed there without `make lock` fails here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found.setdefault(_canonical(match.group(1)), set()).add(match.group(3))
    return found


def lock_entries(path: Path) -> list[str]:
    """Each requirement of a lock file, its continuation lines joined."""
    text = path.read_text().replace("\\\n", " ")
    return [line for line in text.splitlines() if line and not line.startswith(("#", " "))]


@pytest.mark.parametrize(
    ("inputs", "lock"),
    [
        (["requirements.txt"], "requirements.lock"),
        (["requirements.txt", "requirements-dev.txt"], "requirements-dev.lock"),
    ],
)
def test_every_pin_of_the_inputs_is_the_locked_version(inputs, lock):
    locked = pins(PROJECT / lock)
    for name in inputs:
        for package, versions in pins(PROJECT / name).items():
            assert package in locked, f"{package} ({name}) is missing from {lock}: run make lock"
            assert locked[package] == versions, (
                f"{package} is {versions} in {name} but {locked[package]} in {lock}: make lock"
            )


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_has_a_version_and_hashes(lock):
    entries = lock_entries(PROJECT / lock)
    assert len(entries) > 20
    for entry in entries:
        assert PIN.match(entry), f"not pinned to one version: {entry[:80]}"
        assert "--hash=sha256:" in entry, f"no hash: {entry[:80]}"


def test_the_runtime_lock_is_the_dev_lock_minus_the_test_tools():
    """Tests run on the versions production installs (make lock constrains the one by the other)."""
    runtime, dev = pins(PROJECT / "requirements.lock"), pins(PROJECT / "requirements-dev.lock")
    different = {name: (v, dev.get(name)) for name, v in runtime.items() if dev.get(name) != v}
    # A package whose version depends on the Python version may be listed twice (markers) in
    # either file; the sets of versions must still be equal.
    assert different == {}
