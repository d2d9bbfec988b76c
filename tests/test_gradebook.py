"""A gradebook that says why (issue 14): statuses, the class summary, finding the files."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from grader import catalog, discovery, gradebook
from grader.batch import Graded
from grader.cli import main
from grader.results import CheckResult, ExerciseResult, Report
from tests.conftest import ROOT

ONE_HOT = "exercise_03_one_hot.py"


def _graded(name: str, statuses: dict[str, str], failed_checks: dict[str, list[str]] | None = None) -> Graded:
    exercises = []
    for entry in catalog.entries():
        status = statuses.get(entry.id, "missing")
        checks = [CheckResult(check, "failed") for check in (failed_checks or {}).get(entry.id, [])]
        exercises.append(ExerciseResult(entry.id, entry.id, status, score=float(status == "passed"), checks=checks))
    return Graded(name, Report("cpu", 0, exercises), 1.0)


CLASS = [
    _graded("alice", {"exercise-03": "passed"}),
    _graded("bob", {"exercise-03": "failed"}, {"exercise-03": ["matches F.one_hot", "does not modify labels"]}),
    _graded("carol", {"exercise-03": "error"}),
    _graded("dave", {"exercise-03": "failed"}, {"exercise-03": ["matches F.one_hot"],
                                                 "exercise-01": ["to_tensor makes floats"]}),
    _graded("erin", {"exercise-03": "timeout"}),
]


def test_the_gradebook_has_a_status_column_per_exercise():
    rows = list(csv.DictReader(io.StringIO(gradebook.gradebook_csv(CLASS))))
    ids = [e.id for e in catalog.entries()]
    assert list(rows[0]) == ["submission", "score", "max_score", *ids, *(f"{i} status" for i in ids)]
    assert [row["exercise-03 status"] for row in rows] == ["passed", "failed", "error", "failed", "timeout"]
    assert rows[0]["exercise-03"] == "1" and rows[0]["exercise-01 status"] == "missing"


def test_the_summary_counts_statuses_and_names_the_most_failed_checks():
    lines = list(gradebook.summary(CLASS))
    one_hot = next(line for line in lines if line.strip().startswith("exercise-03"))
    assert one_hot.endswith("1 passed · 2 failed · 1 error · 1 timeout")
    assert next(line for line in lines if line.strip().startswith("exercise-02")).endswith("5 missing")
    ranked = lines[lines.index("checks failed by most submissions (worth teaching again):") + 1:]
    assert ranked[:3] == ["  2/5  exercise-03 · matches F.one_hot", "  1/5  exercise-01 · to_tensor makes floats",
                          "  1/5  exercise-03 · does not modify labels"]


def test_an_upload_nested_one_level_deeper_is_found(tmp_path):
    nested = tmp_path / "submission" / "my-course" / "exercises"
    nested.mkdir(parents=True)
    (nested / ONE_HOT).write_text("")
    (tmp_path / "submission" / "__MACOSX").mkdir()
    assert discovery.resolve(tmp_path / "submission") == nested


def test_two_nested_uploads_are_named_in_the_missing_message(tmp_path):
    for copy in ("v1", "v2"):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / ONE_HOT).write_text("")
    assert discovery.resolve(tmp_path) == tmp_path
    message = discovery.missing(ONE_HOT, tmp_path)
    assert str(tmp_path / "v1") in message and str(tmp_path / "v2") in message


def test_run_grades_a_nested_upload_and_says_where_it_found_it(tmp_path, capsys):
    nested = tmp_path / "submission" / "my-course" / "exercises"
    nested.mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / ONE_HOT, nested / ONE_HOT)  # the stub: graded without a worker
    code = main(["run", "03", "--submission", str(tmp_path / "submission"), "--format", "json", "--no-progress"])
    captured = capsys.readouterr()
    assert code == 1 and json.loads(captured.out)["exercises"][0]["status"] == "not_started"
    assert f"grading the files found in {nested}" in captured.err


def test_batch_on_one_submission_says_so_and_grades_it(tmp_path, capsys):
    student = tmp_path / "alice"
    student.mkdir()
    shutil.copy(ROOT / "exercises" / ONE_HOT, student / ONE_HOT)
    code = main(["batch", str(student), "--jobs", "1"])
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert code == 0 and "is one submission" in captured.err
    assert [row["submission"] for row in rows] == ["alice"] and rows[0]["exercise-03 status"] == "not_started"


@pytest.mark.parametrize("left", [(), ("__MACOSX", ".git")])
def test_batch_on_an_empty_folder_is_a_usage_error(tmp_path, capsys, left):
    for name in left:  # what zip tools and git leave is no submission
        (tmp_path / name).mkdir()
    code = main(["batch", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and "no submission folders" in err


def test_batch_json_reports_name_their_submission_and_carry_the_policy(tmp_path, capsys):
    (tmp_path / "class" / "bob").mkdir(parents=True)
    (tmp_path / "policy.toml").write_text("[exercises.03]\npoints = 3\n")
    code = main(["batch", str(tmp_path / "class"), "--format", "json", "--output", str(tmp_path / "out"),
                 "--jobs", "1", "--policy", str(tmp_path / "policy.toml")])
    assert code == 0, capsys.readouterr().err
    bob = json.loads((tmp_path / "out" / "bob.json").read_text())
    assert bob["submission"] == "bob" and bob["policy"] == str(tmp_path / "policy.toml")
    assert bob["max_score"] == 3 + len(catalog.entries()) - 1
