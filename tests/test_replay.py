"""Grading by replay (grader.replay) gives the verdicts of live hypothesis grading.

Every file under ``tests/submissions`` and ``tests/hostile`` (and each
exercise's reference and stub) is graded twice from the same folder, by
replay and live, and the verdicts must be equal: the status, the message,
and every check's status, message and counterexample. One difference is
intended: a call that runs far longer than the reference needed ends the
exercise as a timeout early under replay, so for a timeout only the status
must agree.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from grader import catalog, runner, worker
from grader.results import ExerciseResult
from tests.conftest import ROOT, SUBMISSIONS, describe

HOSTILE = Path(__file__).resolve().parent / "hostile"
# Fewer generated examples than a student's run: the property proved (replay
# equals live at the same settings) holds at any number, and the suite stays fast.
SETTINGS = runner.Settings(examples=3, timeout=20)


def _exercise_of(path: Path):
    if path.parent == HOSTILE:
        return catalog.find("exercise-03")
    match = re.match(r"exercise_(\d\d)", path.parent.name if path.parent.name.startswith("exercise_") else path.name)
    return catalog.find(f"exercise-{match.group(1)}")


def _groups() -> list:
    groups = []
    for exercise in catalog.exercises():
        folder = SUBMISSIONS / f"exercise_{exercise.number:02d}"
        files = [ROOT / "solutions" / exercise.filename, ROOT / "exercises" / exercise.filename]
        files += sorted(folder.glob("*.py"))
        files += sorted((SUBMISSIONS / "feedback").glob(f"exercise_{exercise.number:02d}_*.py"))
        groups.append(pytest.param(files, id=exercise.id))
    groups.append(pytest.param(sorted(HOSTILE.glob("*.py")), id="hostile"))
    return groups


def _verdict(result: ExerciseResult) -> tuple:
    if result.status == "timeout":
        return (result.status,)
    checks = [(c.name, c.status, c.message, c.counterexample) for c in result.checks]
    return result.status, result.message, checks


@pytest.fixture(autouse=True)
def small_disk_limit(monkeypatch):
    """As in the hostile tests: the disk-filling submission is stopped early."""
    monkeypatch.setattr(worker, "WORKDIR_LIMIT_BYTES", 64 * 1024 * 1024)


@pytest.mark.slow
@pytest.mark.parametrize("files", _groups())
def test_replayed_verdicts_equal_live_ones(files, tmp_path):
    for path in files:
        exercise = _exercise_of(path)
        folder = tmp_path / path.parent.name / path.stem
        folder.mkdir(parents=True)
        shutil.copy(path, folder / exercise.filename)
        replayed = runner.grade_exercise(exercise, folder, SETTINGS)
        live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
        assert _verdict(replayed) == _verdict(live), f"{path}\n{describe(replayed)}\n{describe(live)}"
