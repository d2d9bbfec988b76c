"""The commands that do not grade answer without importing torch (issue 14: instant commands)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from grader import catalog
from tests.conftest import ROOT

# Run grade in a fresh interpreter and report, after the command, which heavy modules it imported.
# It reads a catalog record written now from the checks modules: the committed one may lag behind
# an edit (test_catalog_json_matches_the_checks_modules says so), which would make this test
# measure the slow fallback instead of the fast path.
PROBE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from grader import catalog\n"
    "catalog.METADATA = Path(sys.argv[1])\n"
    "from grader.cli import main\n"
    "code = main(sys.argv[2:])\n"
    "heavy = sorted({'torch', 'hypothesis', 'numpy', 'grader.runner'} & set(sys.modules))\n"
    "print('HEAVY', ' '.join(heavy), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.fixture(scope="module")
def fresh_record(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("catalog") / "catalog.json"
    catalog.write_metadata(path)
    return str(path)


@pytest.mark.parametrize("args, code", [
    (["--help"], 0),
    (["list"], 0),
    (["show", "one-hot"], 0),
    (["hint", "03", "--submission", "{tmp}"], 0),
    (["init", "{tmp}/course"], 0),
    (["run", "nope"], 2),
    (["run", "03", "--submission", "{tmp}/absent"], 2),
    (["run", "03", "--check", "no such check", "--submission", "{tmp}"], 2),
    (["run", "03", "--examples", "0"], 2),
    (["batch", "{tmp}", "--format", "json"], 2),
    (["show", "99"], 2),
    (["run", "03", "--submission", "{tmp}", "--policy", "{tmp}/absent.toml"], 2),
])
def test_fast_commands_do_not_import_torch(tmp_path, fresh_record, args, code):
    done = subprocess.run([sys.executable, "-c", PROBE, fresh_record, *(arg.format(tmp=tmp_path) for arg in args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines()[-1] == "HEAVY ", done.stderr
    if code == 2:  # a usage error: one line, then the probe's own
        assert len(done.stderr.splitlines()) == 2, done.stderr


def test_catalog_json_matches_the_checks_modules():
    """The record the fast commands read says exactly what the modules declare."""
    stale = catalog.stale()
    assert not stale, f"catalog.json is stale for {[e.id for e in stale]}: run python -m grader.catalog"
    for entry in catalog.entries():
        recorded = catalog.info(entry)
        assert catalog.describe(catalog.load(entry)) == {
            "title": recorded.title, "functions": list(recorded.functions), "forbidden": list(recorded.forbidden),
            "hints": list(recorded.hints), "checks": list(recorded.checks), "imports": list(recorded.imports)}


def test_a_stale_record_is_replaced_by_the_module(monkeypatch):
    """An edited checks module is imported, never trusted to an out-of-date record."""
    entry = catalog.find_entry("03")
    monkeypatch.setattr(catalog, "_recorded", lambda: {entry.stem: {
        "sha256": "0" * 64, "title": "old title", "functions": [], "forbidden": [], "hints": [], "checks": []}})
    catalog.info.cache_clear()
    try:
        assert entry in catalog.stale()
        assert catalog.info(entry).title == catalog.load(entry).title
    finally:
        catalog.info.cache_clear()


def test_show_with_its_task_file_missing_is_a_usage_error(tmp_path, monkeypatch, capsys):
    from grader.cli import main

    monkeypatch.setattr(catalog, "STUBS_DIR", tmp_path)
    code = main(["show", "03"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and "exercise_03_one_hot.py" in err, err
