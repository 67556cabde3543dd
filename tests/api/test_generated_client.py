"""A client generated from the live schema works: openapi-python-client (the generator most
Python partners reach for) builds a package from `/api/schema/` at test time, the package
imports whole, and against a running server it logs in for a token, syncs the verdict list with
`updated_after` (a withdrawn verdict comes as a tombstone), reads one verdict and downloads the
CSV and JSON Lines exports, every answer parsed into the generated models.

Generation runs offline (the schema is fetched from the live server and handed over as a file)
and takes a few seconds; the whole test stays well under half a minute.
"""

from __future__ import annotations

import csv
import datetime
import importlib
import io
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from annotations.models import Verdict
from annotations.services.adjudication import verdict_unpublish
from tests.factories import PASSWORD, EditorFactory, ReviewerFactory, published_verdict

VENV_BIN = Path(sys.executable).parent
GENERATOR = shutil.which("openapi-python-client", path=str(VENV_BIN)) or shutil.which(
    "openapi-python-client"
)
PACKAGE = "factcheck_generated_client"
SINCE = datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)


def _generate(base_url: str, into: Path) -> None:
    with urllib.request.urlopen(f"{base_url}/api/schema/?format=json", timeout=60) as answer:
        assert answer.status == 200
        (into / "schema.json").write_bytes(answer.read())
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(into / "schema.json"),
            "--output-path",
            str(into / PACKAGE),
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        cwd=into,
        # The generator formats its output with ruff, from the same virtualenv.
        env={**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


@pytest.fixture(scope="module")
def generated(live_server, tmp_path_factory, django_db_blocker) -> Iterator[ModuleType]:
    """The package generated from the live server's schema, imported; gone afterwards."""
    assert GENERATOR, "openapi-python-client is in requirements-dev"
    tmp_path = tmp_path_factory.mktemp("generated-client")
    # Once for the module, outside any test: the server reads its sessions table to answer.
    with django_db_blocker.unblock():
        _generate(live_server.url, tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _module(package: ModuleType, name: str) -> ModuleType:
    return importlib.import_module(f"{package.__name__}.{name}")


@pytest.fixture
def desk(transactional_db) -> dict[str, object]:
    """Three verdicts changed since SINCE (one withdrawn, one Unverifiable), one before."""
    editor = EditorFactory(username="client-editor")
    reviewer = ReviewerFactory(username="client-reader")
    kept = published_verdict(claim_reviewed="Unemployment doubled", claimant="A minister")
    unverifiable = published_verdict(label="unverifiable", claim_reviewed="Nobody can tell")
    withdrawn = published_verdict(claim_reviewed="Withdrawn later")
    old = published_verdict(claim_reviewed="Old news")
    Verdict.objects.filter(pk=old.pk).update(updated_at=SINCE - datetime.timedelta(days=3))
    verdict_unpublish(verdict=withdrawn, editor=editor, seen_version=withdrawn.unit.version)
    return {
        "reviewer": reviewer,
        "kept": kept,
        "unverifiable": unverifiable,
        "withdrawn": withdrawn,
        "old": old,
    }


def test_every_module_of_the_generated_client_imports(generated):
    failures = {}
    for module in pkgutil.walk_packages(generated.__path__, f"{generated.__name__}."):
        try:
            importlib.import_module(module.name)
        except Exception as error:  # noqa: BLE001 - the test reports every one
            failures[module.name] = repr(error)
    assert failures == {}
    # The exports are there, each as an operation that returns the body.
    assert hasattr(_module(generated, "api.v1.v1_verdicts_export_jsonl_retrieve"), "sync")
    assert hasattr(_module(generated, "api.v1.v1_verdicts_export_csv_retrieve"), "sync")


def test_the_generated_client_logs_in_syncs_reads_and_exports(generated, live_server, desk):
    models = _module(generated, "models")
    api = "api.v1."
    anonymous = generated.Client(base_url=live_server.url, raise_on_unexpected_status=True)

    # A login token for a username and password: a JSON body only, parsed into LoginToken.
    login = _module(generated, api + "v1_auth_token_create").sync(
        client=anonymous,
        body=models.AuthTokenRequest(username="client-reader", password=PASSWORD),
    )
    assert isinstance(login, models.LoginToken)
    assert login.token.startswith("fc_")
    reader = generated.AuthenticatedClient(
        base_url=live_server.url, token=login.token, prefix="Token"
    )

    # A 201 names what it created in Location.
    made = _module(generated, api + "v1_tokens_create").sync_detailed(
        client=reader, body=models.TokenInputRequest(name="sync job")
    )
    assert made.status_code == 201
    assert isinstance(made.parsed, models.IssuedToken)
    assert made.headers["Location"] == f"{live_server.url}/api/v1/tokens/{made.parsed.id}/"

    # The change feed: what changed since SINCE, the withdrawn verdict as a tombstone.
    feed = _module(generated, api + "v1_verdicts_list").sync(client=reader, updated_after=SINCE)
    assert isinstance(feed, models.PaginatedVerdictOrTombstoneList)
    by_id = {item.id: item for item in feed.results}
    kept, unverifiable, withdrawn = desk["kept"], desk["unverifiable"], desk["withdrawn"]
    assert set(by_id) == {kept.pk, unverifiable.pk, withdrawn.pk}
    assert isinstance(by_id[kept.pk], models.Verdict)
    assert by_id[kept.pk].claim_reviewed == "Unemployment doubled"
    assert by_id[kept.pk].rating_value == 2
    assert by_id[unverifiable.pk].rating_value is None
    tombstone = by_id[withdrawn.pk]
    assert isinstance(tombstone, models.VerdictTombstone)
    assert tombstone.is_published is False
    withdrawn.refresh_from_db()
    assert tombstone.updated_at == withdrawn.updated_at

    # One verdict, whole.
    one = _module(generated, api + "v1_verdicts_retrieve").sync(client=reader, id=kept.pk)
    assert isinstance(one, models.Verdict)
    assert (one.label, one.label_name) == ("mostly-false", "Mostly false")
    assert one.claimant == "A minister"
    assert one.is_published is True
    assert one.article == kept.unit.article_id

    # The CSV export as text: every published verdict, a tombstone with updated_after.
    text = _module(generated, api + "v1_verdicts_export_csv_retrieve").sync(client=reader)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {int(row["id"]) for row in rows} == {kept.pk, unverifiable.pk, desk["old"].pk}
    assert {row["claim_reviewed"] for row in rows} >= {"Unemployment doubled", "Old news"}
    assert next(r for r in rows if int(r["id"]) == unverifiable.pk)["rating_value"] == ""

    # The JSON Lines export as bytes, one verdict per line.
    payload = _module(generated, api + "v1_verdicts_export_jsonl_retrieve").sync(
        client=reader, updated_after=SINCE
    )
    lines = [json.loads(line) for line in payload.payload.read().decode().splitlines()]
    by_id_jsonl = {line["id"]: line for line in lines}
    assert set(by_id_jsonl) == {kept.pk, unverifiable.pk, withdrawn.pk}
    assert by_id_jsonl[kept.pk]["claim_reviewed"] == "Unemployment doubled"
    assert by_id_jsonl[withdrawn.pk]["is_published"] is False
    assert by_id_jsonl[withdrawn.pk]["claim_reviewed"] is None
