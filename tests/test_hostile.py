"""Hostile submissions: each ends its exercise with an honest status, and grading goes on.

Every file under ``tests/hostile`` is graded as exercise 03's submission; its
docstring names the status it must get (``Outcome: ...``) and, optionally,
words the report must contain (``Says: ...``).
"""

from __future__ import annotations

import ast
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from grader import catalog, runner
from tests.conftest import describe

HOSTILE = Path(__file__).resolve().parent / "hostile"
SETTINGS = runner.Settings(examples=10, timeout=6)


def _expectation(path: Path, field: str) -> str | None:
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    match = re.search(rf"^{field}: (.+)$", doc, re.MULTILINE)
    return match.group(1).strip() if match else None


def _processes_with(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in cmdline:
                found.append(f"{entry.name}: {cmdline}")
    return found


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.py")), ids=lambda p: p.stem)
def test_hostile_submission_gets_an_honest_status(path, tmp_path):
    exercise = catalog.find("exercise-03")
    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(path, folder / exercise.filename)
    before = _fingerprint(catalog.SOLUTIONS_DIR) + _fingerprint(catalog.PACKAGE_ROOT / "grader")

    result = runner.grade_exercise(exercise, folder, SETTINGS)

    assert result.status == _expectation(path, "Outcome"), describe(result)
    says = _expectation(path, "Says")
    if says:
        text = result.message + " ".join(c.message for c in result.checks)
        assert says in text, describe(result)
    assert result.score == (1.0 if result.status == "passed" else 0.0)
    assert _fingerprint(catalog.SOLUTIONS_DIR) + _fingerprint(catalog.PACKAGE_ROOT / "grader") == before
    assert not _processes_with("sleep 4242.5"), "processes outlived the exercise"


def test_grading_goes_on_after_a_crash(tmp_path):
    """A crashed worker ends only its exercise: the same grader grades the next one."""
    exercise = catalog.find("exercise-03")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    shutil.copy(HOSTILE / "segfault_in_function.py", crashed / exercise.filename)
    assert runner.grade_exercise(exercise, crashed, SETTINGS).status == "crashed"
    assert runner.grade_exercise(exercise, catalog.SOLUTIONS_DIR, SETTINGS).status == "passed"


def test_the_worker_cannot_read_the_references(tmp_path):
    """Under Landlock, reading a reference file from student code is refused."""
    exercise = catalog.find("exercise-03")
    folder = tmp_path / "submission"
    folder.mkdir()
    target = catalog.SOLUTIONS_DIR / exercise.filename
    (folder / exercise.filename).write_text(
        "import torch\n"
        f"TEXT = open({str(target)!r}).read()\n"
        "def one_hot(labels, num_classes=None):\n"
        "    return labels\n"
    )
    result = runner.grade_exercise(exercise, folder, SETTINGS)
    assert result.status == "error", describe(result)
    assert "PermissionError" in result.message


def test_a_forged_report_file_is_overwritten_by_the_honest_one(tmp_path, capsys, monkeypatch):
    """The report path is on the grader's command line; student code can neither see nor write it."""
    from grader.cli import main

    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(HOSTILE / "forges_the_report_file.py", folder / "exercise_03_one_hot.py")
    report = tmp_path / "report.json"
    monkeypatch.chdir(tmp_path)
    code = main(["run", "3", "--submission", str(folder), "--format", "json", "--output", str(report)])
    assert code == 1
    import json

    data = json.loads(report.read_text())
    assert data["score"] == 0.0 and data["exercises"][0]["status"] == "failed"
    assert not (Path.home() / "report.json").exists() or "14.0" not in (Path.home() / "report.json").read_text()
