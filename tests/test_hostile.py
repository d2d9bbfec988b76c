"""Hostile submissions: each ends its exercise with an honest status, and grading goes on.

Every file under ``tests/hostile`` is graded as exercise 03's submission, in
one run together with a correct exercise 01: its docstring names the status
exercise 03 must get (``Outcome: ...``) and, optionally, words the report
must contain (``Says: ...``); exercise 01, graded after it by the same
grading process, must still pass.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from grader import catalog, pool, runner, wire, worker
from tests.conftest import describe

HOSTILE = Path(__file__).resolve().parent / "hostile"
SETTINGS = runner.Settings(examples=10, timeout=10)  # room for a busy CI machine; hangs cost this much


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


def _fingerprint() -> str:
    """The files the hostile submissions go after: exercise 03's reference and its checks.

    (Only these: other files of a working checkout may be edited while the tests run.)
    """
    exercise = catalog.find("exercise-03")
    digest = hashlib.sha256()
    for path in (catalog.SOLUTIONS_DIR / exercise.filename,
                 catalog.PACKAGE_ROOT / "grader" / "checks" / exercise.filename):
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _landlock_abi() -> int:
    try:
        import landlock

        return landlock.landlock_abi_version()
    except Exception:
        return 0


needs_landlock = pytest.mark.skipif(
    not sys.platform.startswith("linux") or _landlock_abi() < 1,
    reason="this kernel has no Landlock: the README says files are then protected by nothing but permissions",
)


@pytest.fixture(autouse=True)
def small_disk_limit(monkeypatch):
    """A 64 MB scratch-folder limit, so the disk-filling submission is stopped early."""
    monkeypatch.setattr(worker, "WORKDIR_LIMIT_BYTES", 64 * 1024 * 1024)


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.py")), ids=lambda p: p.stem)
def test_hostile_submission_gets_an_honest_status(path, tmp_path):
    hostile, other = catalog.find("exercise-03"), catalog.find("exercise-01")
    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(path, folder / hostile.filename)
    shutil.copy(catalog.SOLUTIONS_DIR / other.filename, folder / other.filename)
    before = _fingerprint()

    (result,) = pool.grade([hostile], folder, SETTINGS).exercises
    # The same grading process goes on to the next exercise (with room for a busy machine).
    (after,) = pool.grade([other], folder, replace(SETTINGS, timeout=60)).exercises

    assert result.status == _expectation(path, "Outcome"), describe(result)
    says = _expectation(path, "Says")
    if says:
        text = result.message + " ".join(c.message for c in result.checks)
        assert says in text, describe(result)
    assert result.score == (1.0 if result.status == "passed" else 0.0)
    assert len(result.message) + sum(len(c.message) for c in result.checks) < 20_000, "the report was flooded"
    assert after.id == "exercise-01" and after.status == "passed", describe(after)
    assert _fingerprint() == before
    if "4242.5" in path.read_text():  # only that file spawns them (tests may run in parallel)
        assert not _processes_with("sleep 4242.5"), "processes outlived the exercise"
    assert not list(tmp_path.rglob("*.forged"))


def test_grading_goes_on_after_a_crash(tmp_path):
    """A crashed worker ends only its exercise: the same grader grades the next one."""
    exercise = catalog.find("exercise-03")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    shutil.copy(HOSTILE / "segfault_in_function.py", crashed / exercise.filename)
    assert runner.grade_exercise(exercise, crashed, SETTINGS).status == "crashed"
    assert runner.grade_exercise(exercise, catalog.SOLUTIONS_DIR, SETTINGS).status == "passed"


def _reference_attack(tmp_path: Path, statement: str) -> runner.ExerciseResult:
    exercise = catalog.find("exercise-03")
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / exercise.filename).write_text(
        "import torch\n"
        f"TARGET = {str(catalog.SOLUTIONS_DIR / exercise.filename)!r}\n"
        f"{statement}\n"
        "def one_hot(labels, num_classes=None):\n"
        "    return labels\n"
    )
    return runner.grade_exercise(exercise, folder, SETTINGS)


@needs_landlock
def test_the_worker_cannot_read_the_references(tmp_path):
    """Under Landlock, reading a reference file from student code is refused."""
    result = _reference_attack(tmp_path, "TEXT = open(TARGET).read()")
    assert result.status == "error", describe(result)
    assert "PermissionError" in result.message


@needs_landlock
def test_the_worker_cannot_write_the_references(tmp_path):
    """Under Landlock, opening a reference (or the grader) for writing is refused, even for root."""
    before = _fingerprint()
    result = _reference_attack(tmp_path, "open(TARGET, 'a').write('# student was here')")
    assert result.status == "error", describe(result)
    assert "PermissionError" in result.message
    assert _fingerprint() == before


def test_a_forged_report_file_is_overwritten_by_the_honest_one(tmp_path, capsys, monkeypatch):
    """The report path is on the grader's command line; student code can neither see nor write it."""
    from grader.cli import main

    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(HOSTILE / "forges_the_report_file.py", folder / "exercise_03_one_hot.py")
    report = tmp_path / "forge-target-report.json"
    monkeypatch.chdir(tmp_path)
    code = main(["run", "3", "--submission", str(folder), "--format", "json", "--output", str(report)])
    assert code == 1
    data = json.loads(report.read_text())
    assert data["score"] == 0.0 and data["exercises"][0]["status"] == "failed"
    assert not list(tmp_path.rglob("*.forged"))


@needs_landlock
def test_the_report_path_on_the_command_line_is_out_of_reach(tmp_path):
    """A real ``grade`` process: its --output path is in /proc/PID/cmdline, yet the worker cannot write there."""
    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(HOSTILE / "forges_the_report_file.py", folder / "exercise_03_one_hot.py")
    report = tmp_path / "forge-target-report.json"
    grade = Path(sys.executable).with_name("grade")
    completed = subprocess.run(
        [str(grade), "run", "3", "--submission", str(folder), "--format", "json", "--output", str(report)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 1, completed.stderr[-2000:]
    data = json.loads(report.read_text())
    assert data["score"] == 0.0 and data["exercises"][0]["status"] == "failed"
    assert not (tmp_path / "forge-target-report.json.forged").exists(), "the worker wrote next to the report"


def test_a_worker_that_stops_reading_cannot_block_the_grader_past_its_time_limit(tmp_path):
    """Code that forges replies from a thread while the worker's own loop sleeps never reads what
    the grader sends: the grader's writes wait for room in the pipe only until the time runs out."""
    exercise = catalog.find("exercise-03")
    (tmp_path / "work").mkdir()
    student = tmp_path / exercise.filename
    student.write_text("import time\n\ndef one_hot(labels, num_classes=None):\n    time.sleep(600)\n")
    config = worker.WorkerConfig(str(student), catalog.checks_module_name(exercise), "cpu", str(tmp_path / "work"),
                                 0, "hostile-pipe-test-token")
    process = worker.WorkerProcess(config, time.monotonic() + 60)
    try:
        assert process.handshake() is None
        process.send([{"probe": "call", "data": wire.encode({"function": "one_hot", "args": [[0]], "kwargs": {}})}])
        process.deadline = time.monotonic() + 3
        large = {"probe": "call", "data": wire.encode({"function": "one_hot", "args": ["x" * (8 << 20)], "kwargs": {}})}
        with pytest.raises(worker.WorkerTimeout, match="did not read"):
            process.send([large])  # far more than the pipe holds, to a worker that is asleep
        assert time.monotonic() < process.deadline + 10
    finally:
        process.close()
