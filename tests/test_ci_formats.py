"""Instructors' formats: JUnit, Gradescope, the GitHub summary, batch gradebooks, the autograder bundle."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader import catalog
from grader.cli import main
from tests.conftest import ROOT, SUBMISSIONS

GRADE = str(Path(sys.executable).parent / "grade")
ONE_HOT = "exercise_03_one_hot.py"


@pytest.fixture
def wrong_folder(tmp_path):
    folder = tmp_path / "wrong"
    folder.mkdir()
    shutil.copy(SUBMISSIONS / "exercise_03" / "wrong_float_result.py", folder / ONE_HOT)
    return folder


def _run(capsys, *args):
    code = main(list(args))
    return code, capsys.readouterr()


def test_junit_has_a_suite_per_exercise_and_a_case_per_check(capsys, wrong_folder):
    code, captured = _run(capsys, "run", "--all", "--submission", str(wrong_folder), "--format", "junit")
    root = ET.fromstring(captured.out)
    assert code == 1 and root.tag == "testsuites"
    suites = {s.get("name").split()[0]: s for s in root.findall("testsuite")}
    assert list(suites) == [e.id for e in catalog.exercises()]
    one_hot = suites["exercise-03"]
    cases = {c.get("name"): c for c in one_hot.findall("testcase")}
    failure = cases["matches F.one_hot"].find("failure")
    assert failure is not None and "the dtype differs" in failure.text
    assert "failing input (a known trap): one_hot(" in failure.text
    assert int(one_hot.get("failures")) >= 1 and int(one_hot.get("tests")) == len(cases)


def test_junit_reports_a_crash_as_an_error(capsys, tmp_path):
    shutil.copy(ROOT / "tests" / "hostile" / "segfault_in_function.py", tmp_path / ONE_HOT)
    _, captured = _run(capsys, "run", "3", "--submission", str(tmp_path), "--format", "junit")
    suite = ET.fromstring(captured.out).find("testsuite")
    errors = suite.findall("testcase/error")
    assert errors and "SIGSEGV" in errors[0].text
    assert int(suite.get("errors")) == 1


def test_gradescope_scores_add_up_to_the_json_report(capsys, tmp_path):
    shutil.copy(ROOT / "solutions" / ONE_HOT, tmp_path / ONE_HOT)
    _, as_json = _run(capsys, "run", "--all", "--submission", str(tmp_path), "--format", "json")
    _, as_gradescope = _run(capsys, "run", "--all", "--submission", str(tmp_path), "--format", "gradescope")
    report, results = json.loads(as_json.out), json.loads(as_gradescope.out)
    assert results["score"] == report["score"] == sum(t["score"] for t in results["tests"])
    assert sum(t["max_score"] for t in results["tests"]) == report["max_score"]
    assert {"name", "score", "max_score", "output", "status"} <= set(results["tests"][0])
    assert "execution_time" in results


def test_github_step_summary_gets_a_markdown_table(capsys, wrong_folder, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _run(capsys, "run", "3", "--submission", str(wrong_folder))
    text = summary.read_text()
    assert text.startswith("earlier step\n")
    assert "| exercise | status | checks | score |" in text and "| exercise-03 One-hot encoding | ✘ failed" in text


def _class_folder(root: Path) -> Path:
    (root / "alice").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / ONE_HOT, root / "alice" / ONE_HOT)
    (root / "bob" / "exercises").mkdir(parents=True)
    shutil.copy(SUBMISSIONS / "exercise_03" / "wrong_float_result.py", root / "bob" / "exercises" / ONE_HOT)
    (root / "carol").mkdir()
    (root / "carol" / ONE_HOT).write_text("def one_hot(labels:\n")
    (root / "dave").mkdir()
    shutil.copy(ROOT / "tests" / "hostile" / "os_exit_in_function.py", root / "dave" / ONE_HOT)
    (root / "erin").mkdir()  # an empty submission
    return root


def test_batch_writes_a_gradebook_with_honest_zeroes(tmp_path):
    root = _class_folder(tmp_path / "class")
    gradebook = tmp_path / "gradebook.csv"
    done = subprocess.run([GRADE, "batch", str(root), "--output", str(gradebook), "--jobs", "2",
                           "--examples", "10"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(gradebook.read_text())))
    ids = [e.id for e in catalog.exercises()]
    assert list(rows[0]) == ["submission", "score", "max_score", *ids, *(f"{i} status" for i in ids)]
    scores = {row["submission"]: row for row in rows}
    assert [row["submission"] for row in rows] == ["alice", "bob", "carol", "dave", "erin"]
    assert scores["alice"]["exercise-03"] == "1" and scores["alice"]["score"] == "1"
    for name in ("bob", "carol", "dave", "erin"):
        assert scores[name]["score"] == "0"
    assert [scores[name]["exercise-03 status"] for name in ("alice", "bob", "carol", "dave", "erin")] == \
        ["passed", "failed", "error", "crashed", "missing"]
    assert "5 submissions" in done.stderr and "exercise-03" in done.stderr and "slowest:" in done.stderr


def test_batch_json_writes_one_report_per_submission(tmp_path, capsys):
    root = _class_folder(tmp_path / "class")
    reports = tmp_path / "reports"
    code, _ = _run(capsys, "batch", str(root), "--format", "json", "--output", str(reports), "--jobs", "1",
                   "--examples", "5")
    assert code == 0
    assert sorted(p.stem for p in reports.glob("*.json")) == ["alice", "bob", "carol", "dave", "erin"]
    dave = json.loads((reports / "dave.json").read_text())
    assert {e["id"]: e["status"] for e in dave["exercises"]}["exercise-03"] == "crashed"


def test_batch_json_needs_an_output_folder(capsys, tmp_path):
    code, captured = _run(capsys, "batch", str(tmp_path), "--format", "json")
    assert code == 2 and "--output DIR" in captured.err


def test_gradescope_run_autograder_against_a_fake_layout(tmp_path):
    root = tmp_path / "autograder"
    (root / "submission" / "exercises").mkdir(parents=True)
    shutil.copy(SUBMISSIONS / "exercise_03" / "right_scatter.py", root / "submission" / "exercises" / ONE_HOT)
    script = ROOT / "ci-templates" / "gradescope" / "run_autograder"
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "GRADE": GRADE}
    done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    by_name = {t["name"].split()[0]: t for t in results["tests"]}
    assert by_name["exercise-03"]["score"] == 1.0
    assert results["score"] == 1.0
