"""Grading by replay (grader.replay) gives the verdicts of live hypothesis grading.

Every file under ``tests/submissions`` and ``tests/hostile`` (and each
exercise's reference and stub) is graded twice from the same folder, by
replay and live, and the verdicts must be equal: the status, the message,
and every check's status, message, counterexample (and its origin) and the
output shown beside it. One difference is
intended: a call that runs far longer than the reference needed ends the
exercise as a timeout early under replay, so for a timeout only the status
must agree.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from grader import catalog, replay, runner, wire, worker
from grader.exercise import Check, Context
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
    checks = [(c.name, c.status, c.message, c.counterexample, c.counterexample_origin, c.output) for c in result.checks]
    return result.status, result.message, checks


@pytest.fixture(autouse=True)
def small_disk_limit(monkeypatch):
    """As in the hostile tests: the disk-filling submission is stopped early."""
    monkeypatch.setattr(worker, "WORKDIR_LIMIT_BYTES", 64 * 1024 * 1024)


@pytest.mark.slow
@pytest.mark.parametrize("files", _groups())
def test_replayed_verdicts_equal_live_ones(files, tmp_path, monkeypatch):
    exercise = _exercise_of(files[0])
    reference = runner.ReferenceSide(exercise, "cpu")
    recorded = [replay.recording(exercise, check, SETTINGS, reference) is not None for check in exercise.checks]
    assert any(recorded), f"no check of {exercise.id} is replayed: this would compare live grading with itself"
    ran_live: list[str] = []
    run_live = runner.run_check
    monkeypatch.setattr(runner, "run_check", lambda check, *args: ran_live.append(check.name) or run_live(check, *args))
    for path in files:
        folder = tmp_path / path.parent.name / path.stem
        folder.mkdir(parents=True)
        shutil.copy(path, folder / exercise.filename)
        ran_live.clear()
        replayed = runner.grade_exercise(exercise, folder, SETTINGS)
        if path == ROOT / "solutions" / exercise.filename:  # the reference passes by replay alone
            assert not ran_live, f"{exercise.id}'s reference was graded live in {ran_live}"
        live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
        assert _verdict(replayed) == _verdict(live), f"{path}\n{describe(replayed)}\n{describe(live)}"


def _submission(tmp_path: Path, exercise_id: str, text: str) -> tuple:
    exercise = catalog.find(exercise_id)
    folder = tmp_path / "submission"
    folder.mkdir(exist_ok=True)
    (folder / exercise.filename).write_text(text)
    return exercise, folder


def _counting_one_hot(ending: str) -> str:
    """A right one_hot that counts its calls in CALLS, its last lines (returning ``result``) ``ending``."""
    return (
        "import torch\n"
        "CALLS = [0]\n"
        "def one_hot(labels, num_classes=None):\n"
        "    CALLS[0] += 1\n"
        "    if num_classes is None:\n"
        "        num_classes = int(labels.max()) + 1 if labels.numel() else 0\n"
        "    if labels.dtype != torch.int64 or num_classes < 1 or labels.numel() and (\n"
        "            labels.min() < 0 or labels.max() >= num_classes):\n"
        "        raise ValueError('labels must be int64 in [0, num_classes)')\n"
        "    result = (labels.reshape(-1, 1) == torch.arange(num_classes, device=labels.device)).long()\n"
        "    result = result.reshape(*labels.shape, num_classes)\n"
        + ending)


def test_code_that_changes_with_each_call_gets_live_gradings_verdict(tmp_path):
    """The fallback to live grading starts from the worker state live grading would have."""
    exercise, folder = _submission(tmp_path, "exercise-03", _counting_one_hot(
        "    return result if CALLS[0] < 12 else result.flip(-1)\n"))
    replayed = runner.grade_exercise(exercise, folder, SETTINGS)
    live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
    assert replayed.status == "failed", describe(replayed)
    assert _verdict(replayed) == _verdict(live), f"{describe(replayed)}\n{describe(live)}"


def test_checks_after_a_live_one_are_replayed_from_live_gradings_state(tmp_path, monkeypatch):
    """A live check's requests count toward the worker's state: a later failing check restarts with them."""
    exercise, folder = _submission(tmp_path, "exercise-03", _counting_one_hot(
        "    if CALLS[0] > 20:\n"
        "        labels.zero_()\n"
        "    return result.flip(-1) if CALLS[0] == 1 else result\n"))
    ran_live: list[str] = []
    run_live = runner.run_check
    monkeypatch.setattr(runner, "run_check", lambda check, *args: ran_live.append(check.name) or run_live(check, *args))
    replayed = runner.grade_exercise(exercise, folder, SETTINGS)
    failed = [c.name for c in replayed.checks if c.status == "failed"]
    assert failed[0] == exercise.checks[0].name and "does not modify labels" in failed, describe(replayed)
    assert ran_live == failed  # the passing checks between them were replayed
    live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
    assert _verdict(replayed) == _verdict(live), f"{describe(replayed)}\n{describe(live)}"


def _restarts(monkeypatch) -> list:
    """The fresh workers replay starts, counted as they start."""
    started: list = []
    restart = runner.StudentSide.restart
    monkeypatch.setattr(runner.StudentSide, "restart", lambda self: started.append(self) or restart(self))
    return started


def test_a_check_failing_on_a_trap_goes_on_live_from_where_its_replay_stopped(tmp_path, monkeypatch):
    """On the traps the worker runs each request when told: at once while its replies are the
    reference's, then only what the check asks for. Where the check fails it has run exactly what
    live grading runs: live grading goes on with it (no fresh worker, nothing run twice), and shows
    what was printed as live grading does."""
    restarts = _restarts(monkeypatch)
    exercise, folder = _submission(tmp_path, "exercise-03", _counting_one_hot(
        "    print('call', CALLS[0])\n"
        "    return result.flip(-1) if CALLS[0] % 7 == 0 else result\n"))
    replayed = runner.grade_exercise(exercise, folder, SETTINGS)
    assert replayed.status == "failed" and not restarts, describe(replayed)
    assert any("call 7" in c.output for c in replayed.checks if c.status == "failed"), describe(replayed)
    live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
    assert _verdict(replayed) == _verdict(live), f"{describe(replayed)}\n{describe(live)}"


def test_a_check_failing_on_a_drawn_example_is_graded_live_on_a_fresh_worker(tmp_path, monkeypatch):
    """The drawn examples' requests run without waiting, so the worker may be past the failing one:
    a fresh worker, sent the earlier checks' requests, grades the check from scratch."""
    restarts = _restarts(monkeypatch)
    traps = len(catalog.find("exercise-03").checks[0].examples)
    exercise, folder = _submission(tmp_path, "exercise-03", _counting_one_hot(
        f"    return result.flip(-1) if CALLS[0] == {traps + 2} else result\n"))
    replayed = runner.grade_exercise(exercise, folder, SETTINGS)
    failed = [c.name for c in replayed.checks if c.status == "failed"]
    assert failed == [exercise.checks[0].name] and len(restarts) == 1, describe(replayed)
    live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
    assert _verdict(replayed) == _verdict(live), f"{describe(replayed)}\n{describe(live)}"


def test_live_grading_that_asks_for_other_requests_than_the_worker_ran_starts_afresh(tmp_path, monkeypatch):
    """Never expected (live hypothesis draws the recorded examples), but then the worker has run requests
    live grading does not send: a fresh worker, sent the earlier checks' requests, grades the check."""
    restarts = _restarts(monkeypatch)

    def diverges(self, name, **data):
        raise replay._Unresumable("forced")

    monkeypatch.setattr(replay._Resumed, "probe", diverges)
    exercise, folder = _submission(tmp_path, "exercise-03", _counting_one_hot(
        "    if CALLS[0] > 20:\n"
        "        labels.zero_()\n"
        "    return result.flip(-1) if CALLS[0] == 1 else result\n"))
    replayed = runner.grade_exercise(exercise, folder, SETTINGS)
    assert restarts, describe(replayed)
    live = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, replay=False))
    assert _verdict(replayed) == _verdict(live), f"{describe(replayed)}\n{describe(live)}"


def test_a_hanging_function_ends_its_exercise_early_naming_the_call(tmp_path):
    import time

    exercise, folder = _submission(tmp_path, "exercise-03", "def one_hot(labels, num_classes=None):\n"
                                                            "    while True:\n        pass\n")
    started = time.monotonic()
    result = runner.grade_exercise(exercise, folder, dataclasses.replace(SETTINGS, timeout=120))
    assert result.status == "timeout", describe(result)
    assert time.monotonic() - started < 60  # the hang limit (3 s here), not the exercise's 120 s
    assert "one_hot(" in result.message and "[0, 2, 1]" in result.message, result.message  # the call
    assert "endless loop" in result.message, result.message


def test_the_hang_limit_is_generous_and_spares_training_and_exercises_with_their_own_limit():
    exercise = catalog.find("exercise-03")
    assert replay.hang_limit(exercise, 0.001) == (replay.HANG_FLOOR_S, 0.001)
    assert replay.hang_limit(exercise, 1.0) == (50.0, 1.0)
    timed = copy.copy(exercise)
    timed.timeout = 600
    assert replay.hang_limit(timed, 1.0) is None
    for training in ("exercise-10", "exercise-11", "exercise-14"):
        assert replay.hang_limit(catalog.find(training), 0.001) is None


def _recording(exercise_id: str, check_index: int, seed: int):
    exercise = catalog.find(exercise_id)
    settings = dataclasses.replace(SETTINGS, seed=seed)
    return replay.recording(exercise, exercise.checks[check_index], settings,
                            runner.ReferenceSide(exercise, "cpu"))


def test_the_seed_keeps_its_meaning(tmp_path):
    """Another seed draws other examples (a recording of its own), and replay still equals live there."""
    exercise = catalog.find("exercise-03")
    traps = len(exercise.checks[0].examples)
    drawn = {seed: [str(d.example) for d in _recording("exercise-03", 0, seed)[traps:]] for seed in (0, 1)}
    assert drawn[0] and drawn[1] and drawn[0] != drawn[1]
    wrong = SUBMISSIONS / "exercise_03" / "wrong_off_by_one_classes.py"
    exercise, folder = _submission(tmp_path, "exercise-03", wrong.read_text())
    seeded = dataclasses.replace(SETTINGS, seed=1)
    replayed = runner.grade_exercise(exercise, folder, seeded)
    live = runner.grade_exercise(exercise, folder, dataclasses.replace(seeded, replay=False))
    assert _verdict(replayed) == _verdict(live)


def test_the_cache_holds_data_that_reads_back_the_same_and_refuses_anything_else(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCHKATA_CACHE", str(tmp_path))
    exercise = catalog.find("exercise-03")
    check = exercise.checks[0]
    key = replay.cache_key(exercise, check, SETTINGS)
    recorded = replay.record(check, runner.ReferenceSide(exercise, "cpu"), SETTINGS)
    replay._save(key, recorded)
    (path,) = tmp_path.iterdir()
    found, loaded = replay._load(key)
    assert found and [wire.dumps(e.request) for d in loaded for e in d.events] == [
        wire.dumps(e.request) for d in recorded for e in d.events]
    assert [str(d.example) for d in loaded] == [str(d.example) for d in recorded]
    assert replay._load("another key") == (False, None)  # a file is only ever read for its own key

    blob = path.read_bytes()
    for forged in (b"garbage", blob.replace(b'"grader.exercise:Call"', b'"subprocess:Popen"   '),
                   blob.replace(b'"grader.exercise:Call"', b'"os:PathLike"        '), blob[:-4]):
        path.write_bytes(forged)
        assert replay._load(key) == (False, None)


def test_exercise_14_is_replayed_without_a_data_root_and_graded_live_with_one(tmp_path):
    """Each probe writes the generated data set for itself, so no request names a path of one run."""
    exercise = catalog.find("exercise-14")
    reference = runner.ReferenceSide(exercise, "cpu")
    assert all(replay.record(check, reference, SETTINGS) is not None for check in exercise.checks)
    ctx = Context(None, reference, "cpu")
    assert replay.Replayer(exercise, SETTINGS, ctx, None, None, None).replaying
    with_root = dataclasses.replace(SETTINGS, data_root=str(tmp_path))
    assert not replay.Replayer(exercise, with_root, ctx, None, None, None).replaying


def test_a_check_that_reads_the_workers_folder_is_never_replayed():
    reads_folder = Check("reads the worker's folder", "invariant", lambda ctx: ctx.workdir)
    assert replay.record(reads_folder, runner.ReferenceSide(catalog.find("exercise-03"), "cpu"), SETTINGS) is None


def test_a_student_answering_with_the_references_bytes_passes_without_the_checks_running_again(tmp_path, monkeypatch):
    """The recording ran each check as live grading runs it for a student whose replies are the
    reference's very bytes; other bytes (a right formula with other rounding) are judged by the checks."""
    read: list[bytes] = []
    monkeypatch.setattr(replay, "checked_reply", lambda blob: read.append(blob) or worker.checked_reply(blob))
    exercise, folder = _submission(tmp_path, "exercise-02", (ROOT / "solutions" / "exercise_02_activations.py").read_text())
    assert runner.grade_exercise(exercise, folder, SETTINGS).status == "passed"
    assert not read  # no reply was read for a check to judge it
    other = SUBMISSIONS / "exercise_02" / "right_logsumexp_and_expm1.py"
    exercise, folder = _submission(tmp_path, "exercise-02", other.read_text())
    assert runner.grade_exercise(exercise, folder, SETTINGS).status == "passed"
    assert read
