"""The CI templates (issue 14): Gradescope's scripts and the GitHub Classroom workflow."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from grader import catalog, policy, report
from grader.results import CheckResult, ExerciseResult, Report
from tests.conftest import ROOT

GRADE = str(Path(sys.executable).parent / "grade")
TEMPLATES = ROOT / "ci-templates"
ONE_HOT = "exercise_03_one_hot.py"


def test_gradescope_setup_installs_cpu_only_torch_before_torchkata():
    lines = (TEMPLATES / "gradescope" / "setup.sh").read_text().splitlines()
    torch = next(i for i, line in enumerate(lines) if "pip\" install torch torchvision" in line)
    assert "--index-url https://download.pytorch.org/whl/cpu" in lines[torch]
    assert torch < next(i for i, line in enumerate(lines) if "source/torchkata" in line and "install" in line)


def test_gradescope_run_autograder_fits_the_limit_and_uses_the_instructors_policy(tmp_path):
    root = tmp_path / "autograder"
    upload = root / "submission" / "my-course" / "exercises"  # a zipped course folder, one level deeper
    upload.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / ONE_HOT, upload / ONE_HOT)
    (root / "submission" / "torchkata.toml").write_text("[grading]\npoints = 100\n")  # a student's try
    (root / "source").mkdir()
    (root / "source" / "torchkata.toml").write_text('[exercises.03]\npoints = 5\ncredit = "partial"\n')
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "GRADE": GRADE, "GRADESCOPE_LIMIT_S": "300"}
    done = subprocess.run(["bash", str(TEMPLATES / "gradescope" / "run_autograder")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rounds = -(-len(catalog.entries()) // len(os.sched_getaffinity(0)))
    assert f"--timeout {max(5, min(60, (300 - 90) // rounds))} s per exercise" in done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    one_hot = [t for t in results["tests"] if t["name"].startswith("exercise-03")]
    assert len(one_hot) == len(catalog.info(catalog.find_entry("03")).checks)  # a test per check
    assert sum(t["score"] for t in one_hot) == results["score"] == 5
    assert sum(t["max_score"] for t in results["tests"]) == 5 + len(catalog.entries()) - 1
    assert not (root / "submission" / "my-course" / "exercises" / ".torchkata").exists()


def test_github_classroom_workflow_declares_permissions_and_reports_points():
    text = (TEMPLATES / "github-classroom.yml").read_text()
    assert "permissions:\n  checks: write" in text and "contents: read" in text
    assert "--format classroom --output classroom.json" in text
    assert "uses: classroom-resources/autograding-grading-reporter@v1" in text
    assert "TORCHKATA_RESULTS: ${{ steps.torchkata.outputs.result }}" in text and "runners: torchkata" in text
    assert "--index-url https://download.pytorch.org/whl/cpu" in text


def test_the_classroom_payload_carries_the_points():
    graded = Report("cpu", 0, [
        ExerciseResult("exercise-03", "One-hot encoding", "failed",
                       checks=[CheckResult("a", "passed"), CheckResult("b", "failed", "wrong")]),
        ExerciseResult("exercise-01", "Tensors", "passed"),
    ])
    policy.apply(policy.parse('[exercises.03]\npoints = 4\ncredit = "partial"', "p.toml"), graded)
    payload = json.loads(report.to_classroom(graded))
    assert payload["version"] == 1 and payload["status"] == "fail" and payload["max_score"] == 5
    assert [(t["name"], t["status"], t["score"]) for t in payload["tests"]] == [
        ("exercise-03 · a", "pass", 2), ("exercise-03 · b", "fail", 0), ("exercise-01 · Tensors", "pass", 1)]
    assert "wrong" in payload["tests"][1]["message"]
