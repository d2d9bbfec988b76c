"""The ``grade`` command line: every command, every exit code, the report contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from grader.cli import main
from tests.conftest import ROOT, SUBMISSIONS

GOLDEN = Path(__file__).resolve().parent / "golden"
ONE_HOT = "exercise_03_one_hot.py"


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def submission(tmp_path):
    """A student folder holding one file for exercise 03, written by each test."""
    folder = tmp_path / "exercises"
    folder.mkdir()

    def write(text: str | None = None, source: Path | None = None) -> Path:
        target = folder / ONE_HOT
        if source is not None:
            shutil.copy(source, target)
        else:
            target.write_text(text)
        return folder

    return write


def test_run_reference_exits_0(capsys):
    code, out, _ = run_main(capsys, "run", "exercise-03", "--submission", str(ROOT / "solutions"))
    assert code == 0
    assert "✔ exercise-03" in out and "1/1 passed" in out


def test_run_untouched_stub_says_not_started_and_exits_1(capsys):
    code, out, _ = run_main(capsys, "run", "03", "--submission", str(ROOT / "exercises"))
    assert code == 1
    assert "not started" in out


@pytest.mark.parametrize("name", ["exercise-03", "03", "3", "one-hot", "exercise_03_one_hot"])
def test_every_spelling_of_an_exercise_is_accepted(capsys, name):
    code, out, _ = run_main(capsys, "run", name, "--submission", str(ROOT / "solutions"))
    assert code == 0, out


def test_wrong_submission_exits_1_with_counterexample(capsys, submission):
    folder = submission(source=SUBMISSIONS / "exercise_03" / "wrong_float_result.py")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder))
    assert code == 1
    assert "✘ matches F.one_hot" in out
    assert "failing input (a known trap): one_hot(" in out
    assert "the dtype differs: expected torch.int64, you returned torch.float32" in out


@pytest.mark.parametrize(
    "args, says",
    [
        (["run", "exercise-99"], "unknown exercise 'exercise-99'. Valid: exercise-"),
        (["run"], "name an exercise"),
        (["run", "3", "--all"], "not both"),
        (["run", "3", "--submission", "/no/such/folder"], "no folder /no/such/folder"),
        (["run", "3", "--examples", "0"], "--examples"),
        (["run", "3", "--format", "xml"], "--format"),
        (["show", "nope"], "unknown exercise 'nope'"),
        (["hint", "nope"], "unknown exercise 'nope'"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(capsys, args, says):
    code, out, err = run_main(capsys, *args)
    assert code == 2
    assert says in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err + out


def test_missing_default_folder_is_a_usage_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(capsys, "run", "3")
    assert code == 2
    assert "no ./exercises folder here" in err


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_device_cuda_without_cuda_is_a_usage_error(capsys):
    code, _, err = run_main(capsys, "run", "3", "--device", "cuda", "--submission", str(ROOT / "solutions"))
    assert code == 2
    assert "no CUDA device" in err


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_reference_passes_on_cuda(capsys):
    code, out, _ = run_main(capsys, "run", "--all", "--device", "cuda", "--submission", str(ROOT / "solutions"))
    assert code == 0, out


def test_syntax_error_is_an_error_naming_the_line(capsys, submission):
    folder = submission("import torch\n\ndef one_hot(labels, num_classes=None):\n    return (labels\n")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder), "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["exercises"][0]["status"] == "error"
    assert "line 4" in report["exercises"][0]["message"]


def test_import_failure_is_an_error_with_the_students_traceback(capsys, submission):
    folder = submission("import torch\nraise RuntimeError('boom at import')\n\ndef one_hot(labels, num_classes=None):\n"
                        "    return labels\n")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder), "--format", "json")
    exercise = json.loads(out)["exercises"][0]
    assert exercise["status"] == "error"
    assert "RuntimeError: boom at import" in exercise["message"]
    assert "line 2" in exercise["message"] and "grader" not in exercise["message"]


def test_exception_in_student_function_shows_their_traceback_not_ours(capsys, submission):
    folder = submission("import torch\n\ndef helper(x):\n    return x.no_such_method()\n\n"
                        "def one_hot(labels, num_classes=None):\n    return helper(labels)\n")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder), "--format", "json")
    exercise = json.loads(out)["exercises"][0]
    assert code == 1 and exercise["status"] == "failed"
    message = exercise["checks"][1]["message"]
    assert "AttributeError" in message and "line 4" in message and "line 7" in message
    assert "grader/" not in message and "probes.py" not in message


def test_partly_done_file_names_the_unimplemented_function(capsys, submission):
    stub = (ROOT / "exercises" / ONE_HOT).read_text()
    folder = submission(stub + "\n\ndef helper():\n    return 1\n")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder))
    assert code == 1
    assert "one_hot still raises NotImplementedError" in out


def test_missing_file_is_reported_missing(capsys, tmp_path):
    (tmp_path / "exercises").mkdir()
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(tmp_path), "--format", "json")
    assert code == 1
    assert json.loads(out)["exercises"][0]["status"] == "missing"


def test_json_report_follows_the_contract_and_is_deterministic(capsys, submission):
    folder = submission(source=SUBMISSIONS / "exercise_03" / "wrong_no_validation.py")
    reports = []
    for _ in range(2):
        code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder), "--format", "json", "--seed", "7")
        assert code == 1
        # The submission is a temporary folder, named in the report and in tracebacks' file names.
        report = json.loads(out.replace(json.dumps(str(folder))[1:-1], "SUBMISSION"))
        for exercise in report["exercises"]:
            exercise["duration_s"] = 0.0
        reports.append(report)
    assert reports[0] == reports[1]
    report = reports[0]
    assert set(report) == {"submission", "score", "max_score", "policy", "device", "seed", "exercises"}
    assert report["submission"] == "SUBMISSION"
    assert report["seed"] == 7 and report["device"] == "cpu" and report["policy"] == ""
    exercise = report["exercises"][0]
    assert {"id", "title", "status", "score", "max_score", "duration_s", "checks", "credit"} <= set(exercise)
    for check in exercise["checks"]:
        assert set(check) == {"name", "status", "score", "max_score", "message", "counterexample",
                              "counterexample_origin"}
        assert check["status"] in {"passed", "failed", "error", "skipped"}
    golden = GOLDEN / "exercise_03_no_validation.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(report, indent=2) + "\n")
    assert report == json.loads(golden.read_text()), "report changed: rerun with UPDATE_GOLDEN=1 if intended"


def test_output_file_gets_the_report(capsys, tmp_path):
    target = tmp_path / "report.json"
    code, out, err = run_main(capsys, "run", "3", "--submission", str(ROOT / "solutions"),
                              "--format", "json", "--output", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["score"] == 1.0
    assert "1/1 passed" in err


def test_list_shows_every_exercise_and_progress(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)  # a student's run: in CI, grading writes no progress
    shutil.copy(ROOT / "solutions" / ONE_HOT, tmp_path / ONE_HOT)
    run_main(capsys, "run", "3", "--submission", str(tmp_path))
    code, out, _ = run_main(capsys, "list", "--submission", str(tmp_path))
    assert code == 0
    assert "exercise-03" in out and "passed" in out
    assert "1/" in out.splitlines()[-1] and "done" in out.splitlines()[-1]
    assert (tmp_path / ".torchkata" / ".gitignore").read_text() == "*\n"


def test_show_prints_task_example_and_forbidden_names(capsys):
    code, out, _ = run_main(capsys, "show", "one-hot")
    assert code == 0
    assert "Worked example" in out and "torch.nn.functional.one_hot" in out


def test_hint_reveals_one_more_hint_each_time(capsys, tmp_path):
    first = run_main(capsys, "hint", "3", "--submission", str(tmp_path))[1]
    second = run_main(capsys, "hint", "3", "--submission", str(tmp_path))[1]
    assert "Hint 1/" in first and "Hint 2/" not in first
    assert "Hint 2/" in second
    everything = run_main(capsys, "hint", "3", "--all", "--submission", str(tmp_path))[1]
    assert everything.count("Hint ") >= 3


def test_console_script_usage_error_has_no_traceback():
    script = Path(sys.executable).parent / "grade"
    done = subprocess.run([str(script), "run", "nope"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("grade run: error: unknown exercise 'nope'")
    assert "Traceback" not in done.stderr


def test_a_repeated_traceback_is_shown_once_in_text(capsys, submission):
    folder = submission("import torch\n\ndef helper(x):\n    return x.no_such_method()\n\n"
                        "def one_hot(labels, num_classes=None):\n    return helper(labels)\n")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder))
    assert code == 1
    assert out.count("line 4, in helper") == 1, out
    assert out.count("AttributeError") >= 3
    assert 'the same traceback as under "matches F.one_hot" above' in out


def test_an_errors_check_says_what_is_wrong_with_the_input(capsys, submission):
    folder = submission(source=SUBMISSIONS / "exercise_03" / "wrong_no_validation.py")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder))
    assert code == 1
    assert "expected ValueError because the label -1 is negative" in out
    assert "but your function returned: torch.tensor(" in out


def test_data_root_without_a_download_is_a_usage_error(capsys, tmp_path):
    code, out, err = run_main(capsys, "run", "14", "--submission", str(ROOT / "solutions"),
                              "--data-root", str(tmp_path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no FashionMNIST download" in err and "download=True" in err


def test_data_root_with_a_download_says_the_real_data_is_read(capsys, tmp_path):
    from grader import fashion_mnist

    fashion_mnist.write(tmp_path, n_train=20, n_test=10)
    code, _, err = run_main(capsys, "run", "3", "--submission", str(ROOT / "solutions"), "--data-root", str(tmp_path))
    assert code == 0 and "real FashionMNIST" not in err  # exercise-14 not graded: nothing to say
    code, _, err = run_main(capsys, "run", "14", "--submission", str(ROOT / "exercises"), "--data-root", str(tmp_path))
    assert "reads the real FashionMNIST download" in err and "20 training and 10 test images" in err


def test_check_runs_one_named_check_and_records_no_progress(capsys, submission):
    folder = submission(source=SUBMISSIONS / "exercise_03" / "wrong_float_result.py")
    code, out, _ = run_main(capsys, "run", "3", "--submission", str(folder), "--check", "matches F.one_hot")
    assert code == 1 and "0/1 checks" in out and "matches F.one_hot" in out
    assert not (folder / ".torchkata").exists()
    code, _, err = run_main(capsys, "run", "3", "--submission", str(folder), "--check", "no such check")
    assert code == 2 and "Its checks: uses no forbidden names; matches F.one_hot" in err
    code, _, err = run_main(capsys, "run", "3", "4", "--submission", str(folder), "--check", "matches F.one_hot")
    assert code == 2 and "exactly one exercise" in err
