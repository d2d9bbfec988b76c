"""The grader's verdicts on every exercise, proved on real files.

For each exercise: the reference passes every check, the untouched stub is
``not_started``, every wrong implementation under ``tests/submissions`` is
rejected by the check its docstring names (``Rejected by: <check name>``),
and every correct alternative (``right_*.py``) passes. Each file is graded
as a real submission -- copied into a fresh folder under the catalog's file
name -- so these tests prove the grader reads the submission, not an
already-solved package.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from grader import catalog, runner
from tests.conftest import ROOT, SUBMISSIONS, describe

EXERCISE_IDS = [e.id for e in catalog.exercises()]


def _submission_files(prefix: str) -> list:
    files = sorted(SUBMISSIONS.glob(f"exercise_*/{prefix}_*.py"))
    return [pytest.param(f, id=f"{f.parent.name}/{f.stem}") for f in files]


def _exercise_of(path: Path) -> str:
    return path.parent.name.replace("_", "-")


def _rejected_by(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    match = re.search(r"^Rejected by: (.+)$", doc, re.MULTILINE)
    assert match, f"{path} must name its check in its docstring: 'Rejected by: <check name>'"
    return match.group(1).strip()


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_reference_passes_every_check(exercise_id, grade):
    exercise = catalog.find(exercise_id)
    result = grade(exercise_id, catalog.SOLUTIONS_DIR / exercise.filename)
    assert result.status == "passed", describe(result)
    assert result.checks and all(c.status == "passed" for c in result.checks)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_untouched_stub_is_not_started(exercise_id, grade):
    exercise = catalog.find(exercise_id)
    result = grade(exercise_id, ROOT / "exercises" / exercise.filename)
    assert result.status == "not_started", describe(result)
    assert result.score == 0


@pytest.mark.parametrize("path", _submission_files("wrong"))
def test_wrong_implementation_is_rejected_by_its_check(path, grade):
    expected_check = _rejected_by(path)
    exercise = catalog.find(_exercise_of(path))
    names = runner.check_names(exercise)
    assert expected_check in names, f"no check named {expected_check!r}; checks: {names}"
    # That check alone (what proves the verdict; the full runs are proved on the
    # reference and the right implementations) keeps the suite fast.
    result = grade(exercise.id, path, only=(expected_check,))
    assert result.status == "failed", describe(result)
    assert [(c.name, c.status) for c in result.checks] == [(expected_check, "failed")], describe(result)


@pytest.mark.parametrize("path", _submission_files("right"))
def test_correct_alternative_passes(path, grade):
    result = grade(_exercise_of(path), path)
    assert result.status == "passed", describe(result)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_exercise_has_wrong_and_right_implementations(exercise_id):
    folder = SUBMISSIONS / exercise_id.replace("-", "_")
    assert len(list(folder.glob("wrong_*.py"))) >= 6, f"{folder}: at least six wrong implementations"
    assert len(list(folder.glob("right_*.py"))) >= 2, f"{folder}: at least two correct alternatives"


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_check_is_proved_able_to_fail(exercise_id):
    """A check that no wrong implementation trips could never fail: a defect."""
    exercise = catalog.find(exercise_id)
    folder = SUBMISSIONS / exercise_id.replace("-", "_")
    named = {_rejected_by(path) for path in folder.glob("wrong_*.py")}
    names = runner.check_names(exercise)
    unproved = [name for name in names if name not in named]
    assert not unproved, f"no wrong implementation is rejected by: {unproved}"
