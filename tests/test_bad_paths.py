"""Bad paths never lose work (issue 14): output folders, files left behind, saves during grading."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import click
import pytest

from grader import catalog, pool
from grader import watch as watching
from grader.cli import main
from grader.progress import Progress
from grader.results import ExerciseResult, Report
from tests.conftest import ROOT

GRADE = str(Path(sys.executable).parent / "grade")
ONE_HOT = "exercise_03_one_hot.py"


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_run_output_into_a_missing_folder_makes_it(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    report = tmp_path / "new" / "deeper" / "report.json"
    code, _, err = run_main(capsys, "run", "03", "--submission", str(tmp_path / "empty"), "--format", "json",
                            "--output", str(report))
    assert code == 1, err
    assert '"status": "missing"' in report.read_text()


@pytest.mark.parametrize("command", [["run", "03", "--submission", "{sub}"], ["batch", "{root}"],
                                     ["batch", "{root}", "--format", "json"]])
def test_an_output_under_a_file_is_refused_before_grading(capsys, tmp_path, monkeypatch, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    (tmp_path / "root" / "student").mkdir(parents=True)
    monkeypatch.setattr(pool, "grade", lambda *a, **k: pytest.fail("graded before refusing the output"))
    args = [a.format(sub=tmp_path / "root" / "student", root=tmp_path / "root") for a in command]
    code, _, err = run_main(capsys, *args, "--output", str(blocker / "out" / "gradebook.csv"))
    assert code == 2 and len(err.splitlines()) == 1 and "--output" in err, err


def test_batch_output_into_a_missing_folder_keeps_the_gradebook(capsys, tmp_path):
    (tmp_path / "root" / "student").mkdir(parents=True)
    gradebook = tmp_path / "missing" / "dir" / "grades.csv"
    code, _, err = run_main(capsys, "batch", str(tmp_path / "root"), "--jobs", "1", "--output", str(gradebook))
    assert code == 0, err
    assert gradebook.read_text().splitlines()[1].startswith("student,0,")


@pytest.mark.parametrize("how", [{"flag": "--no-progress"}, {"CI": "true"}])
def test_grading_in_ci_writes_nothing_into_the_submission_or_the_working_folder(tmp_path, how):
    """No .torchkata/ in the submission, no .hypothesis/ where grade ran: the cache goes to the user's."""
    submission, cwd = tmp_path / "student", tmp_path / "cwd"
    submission.mkdir()
    cwd.mkdir()
    shutil.copy(ROOT / "solutions" / ONE_HOT, submission / ONE_HOT)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_STORAGE_DIRECTORY", "TORCHKATA_CACHE")}
    env.update({"XDG_CACHE_HOME": str(tmp_path / "cache"), **{k: v for k, v in how.items() if k != "flag"}})
    flags = [how["flag"]] if "flag" in how else []
    done = subprocess.run([GRADE, "run", "03", "--submission", str(submission), *flags], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in submission.iterdir()] == [ONE_HOT]
    assert list(cwd.iterdir()) == []
    assert (tmp_path / "cache" / "torchkata" / "hypothesis").is_dir()  # where hypothesis's cache went


def _fake_grading(statuses: dict[str, str], graded: list[str], on_grade=None):
    """A stand-in for pool.grade: the status each file text gets, the texts graded, in order."""
    def grade(exercises, folder, settings):
        exercise = exercises[0]
        text = (folder / exercise.filename).read_text()
        graded.append(text)
        if on_grade:
            on_grade(text)
        return Report("cpu", 0, [ExerciseResult(exercise.id, exercise.title, statuses[text])])

    return grade


def _all_passed_but(folder: Path, *ids: str) -> None:
    progress = Progress(folder)
    progress.statuses = {e.id: "passed" for e in catalog.entries() if e.id not in ids}
    progress.save()


@pytest.fixture(autouse=True)
def no_keyboard(monkeypatch):
    """The watch loop's q + Enter reader would read pytest's captured stdin."""
    monkeypatch.setattr(watching, "_quit_on_q", lambda stop: None)


def _watch_in_thread(folder: Path, first, screen: list[str]) -> None:
    """Run the watch loop, failing if it still waits after 30 s (it should finish: all passed)."""
    thread = threading.Thread(target=watching.watch, args=(folder, None, first),
                              kwargs={"echo": screen.append, "clear": True}, daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "watch kept waiting:\n" + "\n".join(screen)


def test_watch_grades_a_save_made_while_grading(tmp_path, monkeypatch):
    exercise = catalog.find("03")
    target = tmp_path / exercise.filename
    target.write_text("first try")
    _all_passed_but(tmp_path, exercise.id)
    graded: list[str] = []

    def save_during_grading(text: str) -> None:
        if text == "first try":
            target.write_text("the fix, saved while the first try was graded")

    monkeypatch.setattr(pool, "grade", _fake_grading(
        {"first try": "failed", "the fix, saved while the first try was graded": "passed"}, graded,
        save_during_grading))
    monkeypatch.setattr(click, "clear", lambda: None)
    _watch_in_thread(tmp_path, exercise, [])
    assert graded == ["first try", "the fix, saved while the first try was graded"]


def test_watch_keeps_the_passes_line_on_screen(tmp_path, monkeypatch):
    first, following = catalog.find("03"), catalog.find("04")
    for exercise in (first, following):
        (tmp_path / exercise.filename).write_text("solved")
    _all_passed_but(tmp_path, first.id, following.id)
    monkeypatch.setattr(pool, "grade", _fake_grading({"solved": "passed"}, []))
    screen: list[str] = []
    monkeypatch.setattr(click, "clear", screen.clear)
    _watch_in_thread(tmp_path, first, screen)
    text = "\n".join(screen)
    assert "exercise-03 passes. Next: exercise-04" in text and "Every exercise passes" in text, text
