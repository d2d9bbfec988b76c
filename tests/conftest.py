"""Shared fixtures: grading a single implementation file as a submission."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader import catalog, runner
from grader.results import ExerciseResult

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"

# The suite grades as a student's run does (the default number of examples,
# the @example traps always first), so what it proves holds for real runs.
TEST_SETTINGS = runner.Settings(examples=runner.DEFAULT_EXAMPLES, timeout=60)


def grade_file(exercise_id: str, implementation: Path, tmp_path: Path,
               settings: runner.Settings = TEST_SETTINGS) -> ExerciseResult:
    """Grade ``implementation`` as the student's file for ``exercise_id``."""
    exercise = catalog.find(exercise_id)
    folder = tmp_path / "submission"
    folder.mkdir(exist_ok=True)
    shutil.copy(implementation, folder / exercise.filename)
    return runner.grade_exercise(exercise, folder, settings)


def describe(result: ExerciseResult) -> str:
    """A readable dump of a result for assertion messages."""
    lines = [f"{result.id}: {result.status} {result.message}"]
    lines += [f"  {c.status:7} {c.name}: {c.message[:400]} [{c.counterexample[:200]}]" for c in result.checks]
    return "\n".join(lines)


@pytest.fixture
def grade(tmp_path):
    def run(exercise_id: str, implementation: Path, **overrides) -> ExerciseResult:
        settings = runner.Settings(**{**TEST_SETTINGS.__dict__, **overrides})
        return grade_file(exercise_id, implementation, tmp_path, settings)

    return run
