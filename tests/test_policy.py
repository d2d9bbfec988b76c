"""Grading policies (issue 14): parsing and its errors, scoring, and the points in every format."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest

from grader import catalog, policy, report
from grader.batch import Graded
from grader.cli import main
from grader.gradebook import gradebook_csv
from grader.results import CheckResult, ExerciseResult, Report
from grader.runner import FORBIDDEN_CHECK

ONE_HOT_CHECKS = catalog.info(catalog.find_entry("03")).checks
MATCHES = "matches F.one_hot"

PARTIAL = f"""
[grading]
points = 2

[exercises.one-hot]
points = 10
credit = "partial"

[exercises.one-hot.weights]
"{MATCHES}" = 3
"""


def test_the_default_is_one_point_all_or_nothing():
    rule = policy.DEFAULT.rule("exercise-03")
    assert (rule.points, rule.credit, rule.weights) == (1.0, "all-or-nothing", {})


def test_a_policy_sets_defaults_and_per_exercise_rules_under_any_name():
    parsed = policy.parse(PARTIAL, "course.toml")
    assert parsed.rule("exercise-01") == policy.ExercisePolicy(2.0, "all-or-nothing", {})
    assert parsed.rule("exercise-03") == policy.ExercisePolicy(10.0, "partial", {MATCHES: 3.0})
    assert parsed.source == "course.toml"


@pytest.mark.parametrize("text, says", [
    ("[exercises.exercise-99]\npoints = 1", "unknown exercise 'exercise-99'"),
    ('[exercises.03]\ncredit = "partial"\n[exercises.03.weights]\n"no such check" = 1',
     "no check named 'no such check'"),
    ("[grading]\npionts = 1", "no setting 'pionts'"),
    ("[grading]\npoints = -1", "[grading].points must be a number of 0 or more"),
    ('[grading]\ncredit = "some"', "credit must be one of all-or-nothing, partial"),
    (f'[exercises.03.weights]\n"{MATCHES}" = 2', "weights apply to partial credit"),
    ('[grading]\ncredit = "partial"\n[grading.weights]\nx = 1', "no setting 'weights'"),
    ("[exercises.03]\npoints = 1\n[exercises.one-hot]\npoints = 2", "exercise-03 has a table already"),
    ("points = [", "not valid TOML"),
    ("[scoring]\npoints = 1", "no setting 'scoring'"),
    ('[exercises.03]\ncredit = "partial"\n[exercises.03.weights]\n'
     + "\n".join(f'"{name}" = 0' for name in ONE_HOT_CHECKS), "every check weighs 0"),
])
def test_a_bad_policy_is_an_error_naming_the_file_and_the_fault(text, says):
    with pytest.raises(policy.PolicyError) as raised:
        policy.parse(text, "course.toml")
    assert str(raised.value).startswith("course.toml: ") and says in str(raised.value)


@pytest.mark.parametrize("points, weights", [(10, [1, 1, 1]), (1, [1] * 7), (5, [3, 0, 1]), (0, [1, 2])])
def test_shares_add_up_to_exactly_the_points(points, weights):
    split = policy.shares(points, weights)
    assert sum(split) == pytest.approx(points, abs=1e-9)
    assert all(share == 0 for share, weight in zip(split, weights) if weight == 0)


def _one_hot(statuses: dict[str, str], status: str = "failed") -> ExerciseResult:
    checks = [CheckResult(name, statuses.get(name, "passed"), message="wrong" if statuses.get(name) else "")
              for name in ONE_HOT_CHECKS]
    return ExerciseResult("exercise-03", "One-hot encoding", status, checks=checks)


def _report() -> Report:
    """exercise-03 failing one check (partial credit), exercise-01 missing (all or nothing)."""
    return Report("cpu", 0, [
        ExerciseResult("exercise-01", "Tensors", "missing", message="exercise_01_tensors.py is not in x"),
        _one_hot({MATCHES: "failed"}),
    ])


def test_partial_credit_pays_each_passed_check_its_weighted_share():
    graded = _report()
    policy.apply(policy.parse(PARTIAL, "course.toml"), graded)
    one_hot = graded.exercises[1]
    weights = [3 if name == MATCHES else 1 for name in ONE_HOT_CHECKS]
    lost = 10 * 3 / sum(weights)
    assert one_hot.max_score == 10 and one_hot.score == pytest.approx(10 - lost, abs=1e-3)
    assert {c.name: c.score for c in one_hot.checks}[MATCHES] == 0
    assert graded.exercises[0].max_score == 2 and graded.exercises[0].score == 0
    assert graded.policy == "course.toml"


def test_an_exercise_score_is_exact_where_the_check_shares_are_rounded():
    """Half of six equal checks of 10 points is 5, not the 5.0001 the rounded shares add up to."""
    names = [f"check {i}" for i in range(6)]
    result = ExerciseResult("exercise-03", "One-hot encoding", "failed",
                            checks=[CheckResult(name, "passed" if i < 3 else "failed") for i, name in enumerate(names)])
    policy.score(policy.parse('[grading]\npoints = 10\ncredit = "partial"', "p.toml"), result)
    assert result.score == 5.0 and result.max_score == 10


def test_a_forbidden_name_costs_every_check_of_the_exercise():
    forbidding = next(e for e in catalog.infos() if e.forbidden)
    result = ExerciseResult(forbidding.id, forbidding.title, "failed",
                            checks=[CheckResult(name, "failed" if name == FORBIDDEN_CHECK else "passed")
                                    for name in forbidding.checks])
    policy.score(policy.parse(f'[exercises.{forbidding.id}]\ncredit = "partial"', "p.toml"), result)
    assert result.score == 0 and result.max_score == 1


def test_checks_skipped_by_a_timeout_earn_nothing():
    result = _one_hot({name: "skipped" for name in ONE_HOT_CHECKS[2:]}, status="timeout")
    policy.score(policy.parse('[grading]\ncredit = "partial"', "p.toml"), result)
    assert result.score == pytest.approx(2 / len(ONE_HOT_CHECKS), abs=1e-3)


def test_all_or_nothing_gives_checks_no_points_of_their_own():
    graded = _report()
    graded.exercises[1] = _one_hot({}, status="passed")
    policy.apply(policy.parse("[grading]\npoints = 4", "p.toml"), graded)
    assert graded.exercises[1].score == 4 and graded.score == 4 and graded.max_score == 8
    assert all(c.score is None and c.max_score is None for c in graded.exercises[1].checks)


@pytest.fixture
def scored() -> Report:
    graded = _report()
    graded.submission = "alice"
    policy.apply(policy.parse(PARTIAL, "course.toml"), graded)
    return graded


def test_json_carries_points_per_check_and_exercise(scored):
    data = json.loads(report.to_json(scored))
    assert data["submission"] == "alice" and data["policy"] == "course.toml"
    assert data["max_score"] == 12 and data["score"] == scored.score
    one_hot = data["exercises"][1]
    assert one_hot["credit"] == "partial" and one_hot["max_score"] == 10
    assert sum(c["max_score"] for c in one_hot["checks"]) == pytest.approx(10)
    assert {c["name"]: c["score"] for c in one_hot["checks"]}[MATCHES] == 0
    assert Report.from_dict(data).to_dict() == data  # how batch processes hand reports back


def test_gradescope_has_a_test_per_check_with_its_points(scored):
    results = json.loads(report.to_gradescope(scored))
    tests = {t["name"]: t for t in results["tests"]}
    assert set(tests) == {"exercise-01 · Tensors"} | {f"exercise-03 · {name}" for name in ONE_HOT_CHECKS}
    failed = tests[f"exercise-03 · {MATCHES}"]
    assert failed["status"] == "failed" and failed["score"] == 0 and "wrong" in failed["output"]
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    assert sum(t["max_score"] for t in results["tests"]) == pytest.approx(scored.max_score)


def test_junit_carries_points_as_properties(scored):
    suites = ET.fromstring(report.to_junit(scored)).findall("testsuite")
    props = {p.get("name"): p.get("value") for p in suites[1].findall("properties/property")}
    assert props == {"score": f"{scored.exercises[1].score:g}", "max_score": "10", "credit": "partial"}
    case = next(c for c in suites[1].findall("testcase") if c.get("name") == MATCHES)
    assert {p.get("name"): p.get("value") for p in case.findall("properties/property")}["score"] == "0"


def test_text_and_step_summary_show_the_points(scored):
    text = report.to_text(scored)
    assert f"{scored.exercises[1].score:g}/10 pts" in text and "policy course.toml" in text
    assert f"✘ {MATCHES}  [0/" in text
    markdown = report.to_markdown(scored)
    assert "Checks that cost points:" in markdown and f"exercise-03 · {MATCHES}: 0/" in markdown


def test_the_gradebook_has_the_policy_scores(scored):
    rows = gradebook_csv([Graded("alice", scored, 1.0)]).splitlines()
    header, alice = rows[0].split(","), rows[1].split(",")
    assert dict(zip(header, alice))["max_score"] == f"{scored.max_score:g}"
    assert dict(zip(header, alice))["exercise-03"] == f"{scored.exercises[1].score:g}"


def test_the_default_policy_leaves_the_text_report_as_it_was():
    graded = _report()
    before = report.to_text(copy.deepcopy(graded))
    policy.apply(policy.DEFAULT, graded)
    assert report.to_text(graded) == before


def test_run_reads_torchkata_toml_from_the_working_folder(capsys, tmp_path, monkeypatch):
    (tmp_path / "torchkata.toml").write_text("[exercises.03]\npoints = 5\n")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    code = main(["run", "03", "--submission", "empty", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["max_score"] == 5 and data["policy"].endswith("torchkata.toml")


def test_a_bad_policy_is_a_usage_error_before_grading(capsys, tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('[exercises.03]\ncredit = "partial"\n[exercises.03.weights]\n"matches one_hot" = 2\n')
    code = main(["run", "03", "--submission", str(tmp_path), "--policy", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and "no check named 'matches one_hot'" in err, err
