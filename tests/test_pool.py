"""Grading exercises in parallel gives the sequential verdicts, in course order."""

from __future__ import annotations

import os
import shutil

import pytest

from grader import catalog, pool, runner
from tests.conftest import ROOT, SUBMISSIONS, TEST_SETTINGS

# One of each kind of result, all cheap: failed, passed, not started, missing.
FILES = {
    "exercise-01": SUBMISSIONS / "exercise_01" / "wrong_to_tensor_float64.py",
    "exercise-03": ROOT / "solutions" / "exercise_03_one_hot.py",
    "exercise-05": ROOT / "exercises" / "exercise_05_sequential_models.py",
}
SELECTED = ["exercise-01", "exercise-03", "exercise-05", "exercise-06"]


@pytest.fixture
def submission(tmp_path):
    for name, path in FILES.items():
        shutil.copy(path, tmp_path / catalog.find(name).filename)
    return tmp_path


def _grade(folder, jobs, on_result=None):
    exercises = [catalog.find(name) for name in SELECTED]
    return pool.grade(exercises, folder, TEST_SETTINGS, on_result=on_result, jobs=jobs)


def test_parallel_report_equals_the_sequential_one(submission):
    assert pool.usable(TEST_SETTINGS, 2, len(SELECTED))
    seen = []
    parallel = _grade(submission, jobs=2, on_result=lambda result: seen.append(result.id))
    sequential = _grade(submission, jobs=1)
    assert seen == SELECTED
    assert [e.status for e in parallel.exercises] == ["failed", "passed", "not_started", "missing"]
    assert parallel.to_dict(timings=False) == sequential.to_dict(timings=False)


def test_an_exercise_whose_grading_process_died_is_graded_again(submission, monkeypatch):
    parent = os.getpid()
    real = runner.grade_exercise

    def dies_in_the_child(exercise, folder, settings):
        if os.getpid() != parent and exercise.id == "exercise-03":
            os._exit(3)
        return real(exercise, folder, settings)

    monkeypatch.setattr(runner, "grade_exercise", dies_in_the_child)
    report = _grade(submission, jobs=2)
    assert [e.status for e in report.exercises] == ["failed", "passed", "not_started", "missing"]


def test_cuda_and_single_exercises_are_graded_in_this_process():
    cuda = runner.Settings(device="cuda")
    assert not pool.usable(cuda, 4, 14)
    assert not pool.usable(TEST_SETTINGS, 4, 1)
    assert not pool.usable(TEST_SETTINGS, 1, 14)


def test_the_default_memory_cap_leaves_room_for_every_job():
    total_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
    for jobs in (1, 2, 8, 64):
        cap = runner.default_memory_limit_mb(jobs)
        assert 256 <= cap <= runner.DEFAULT_MEMORY_LIMIT_MB
        assert cap == 256 or cap * jobs <= total_mb // 2


def test_the_cold_spawn_start_gives_the_same_verdicts(tmp_path):
    """Platforms without fork start each worker cold (spawn): slower, same verdicts."""
    import subprocess
    import sys

    shutil.copy(SUBMISSIONS / "exercise_03" / "wrong_float_result.py", tmp_path / "exercise_03_one_hot.py")
    script = (
        "import multiprocessing, sys\n"
        "from pathlib import Path\n"
        "from grader import catalog, forkserver, runner\n"
        "forkserver._CONTEXT = multiprocessing.get_context('spawn')\n"
        "exercise = catalog.find('exercise-03')\n"
        "settings = runner.Settings(examples=5, timeout=120)\n"
        "for folder in (catalog.SOLUTIONS_DIR, Path(sys.argv[1])):\n"
        "    print(runner.grade_exercise(exercise, folder, settings).status)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.stdout.split() == ["passed", "failed"], done.stderr[-2000:]


def test_a_slow_task_holds_one_grading_process_not_the_others(monkeypatch, tmp_path):
    """Batch tasks are (submission, exercise) pairs from one queue: the rest finish beside a slow one."""
    import time

    from grader.results import ExerciseResult

    def fake(exercise, folder, settings):
        if folder.name == "slow":
            time.sleep(3)
        return ExerciseResult(exercise.id, folder.name, "passed")

    monkeypatch.setattr(runner, "grade_exercise", fake)
    exercise = catalog.find("exercise-01")
    tasks = [(tmp_path / name, exercise) for name in ("slow", "a", "b", "c", "d")]
    finished = []
    results = pool.grade_tasks(tasks, TEST_SETTINGS, 2, lambda index, result: finished.append(result.title))
    assert [r.title for r in results] == ["slow", "a", "b", "c", "d"]  # in task order
    assert finished[-1] == "slow" and sorted(finished[:-1]) == ["a", "b", "c", "d"]
