"""Grading several exercises of one submission at once, one core each.

Most of an exercise's grading time is hypothesis drawing inputs and the
reference computing answers, in the grading process: a single grading
process keeps one core busy and leaves the rest idle. For ``grade run
--all`` the grading process therefore forks ``jobs`` grading processes,
each taking the next exercise from a queue; every exercise still runs its
student code in a fresh worker of its own, from the same forkserver.

Forking is what makes this cheap (the children inherit the imported torch
instead of paying two seconds each), and it is only safe before CUDA has
been touched in this process, so it is used for CPU grading on Linux;
everything else grades one exercise after another. The
children are trusted grader code: they hand back results as JSON text.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
import sys
from multiprocessing import connection
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from grader.results import ExerciseResult, Report

if TYPE_CHECKING:
    from grader.exercise import Exercise
    from grader.runner import Settings

_STOP = -1


def usable(settings: Settings, jobs: int, count: int) -> bool:
    """Whether grading ``count`` exercises may use forked grading processes."""
    # Linux only: macOS has fork, but forking once system frameworks are
    # loaded is what made Python stop using it there by default.
    return jobs > 1 and count > 1 and settings.device == "cpu" and sys.platform.startswith("linux")


def _reuse_parents_forkserver() -> None:
    """Let a forked child start workers from the forkserver its parent started.

    ``multiprocessing`` checks that its forkserver is alive with ``waitpid``,
    which only the parent may call; the child inherited the server's address
    and its "alive" descriptor, so it can ask it for workers directly. The
    parent stays responsible for the server.
    """
    from multiprocessing import forkserver as mp_forkserver

    mp_forkserver._forkserver.ensure_running = lambda: None


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _grading_process(exercises: list[Exercise], folder: Path, settings: Settings,
                     tasks: multiprocessing.SimpleQueue, done: multiprocessing.SimpleQueue) -> None:
    """Grade exercises from ``tasks`` until told to stop.

    Ctrl-C reaches the whole process group; the parent alone decides what it
    means and stops the children with SIGTERM, which unwinds the exercise
    being graded so that its worker is closed on the way out.
    """
    from grader import runner

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupted)
    _reuse_parents_forkserver()
    try:
        while (index := tasks.get()) != _STOP:
            result = runner.grade_exercise(exercises[index], folder, settings)
            done.put((index, json.dumps(Report(settings.device, settings.seed, [result]).to_dict())))
    except KeyboardInterrupt:
        pass


def _decode(text: str) -> ExerciseResult:
    return Report.from_dict(json.loads(text)).exercises[0]


def grade_in_parallel(exercises: list[Exercise], folder: Path, settings: Settings, jobs: int,
                      on_result: Callable[[ExerciseResult], None] | None = None) -> list[ExerciseResult]:
    """Grade ``exercises`` in ``jobs`` forked processes; results in course order.

    ``on_result`` still sees the results in course order, each as soon as it
    and every exercise before it are known. An exercise whose grading
    process died without an answer (a bug in the grader, or the process
    killed) is graded again here, so the run always completes.
    """
    from grader import runner

    context = multiprocessing.get_context("fork")
    tasks, done = context.SimpleQueue(), context.SimpleQueue()
    # Not daemons: a daemonic process may not start the workers it needs.
    # The finally clause below ends them instead.
    processes = [context.Process(target=_grading_process, args=(exercises, folder, settings, tasks, done))
                 for _ in range(min(jobs, len(exercises)))]
    for process in processes:
        process.start()
    for index in range(len(exercises)):
        tasks.put(index)
    for _ in processes:
        tasks.put(_STOP)

    results: dict[int, ExerciseResult] = {}
    shown = 0

    def show_ready() -> None:
        nonlocal shown
        while shown in results:
            if on_result:
                on_result(results[shown])
            shown += 1

    try:
        alive = list(processes)
        while len(results) < len(exercises) and alive:
            ready = connection.wait([done._reader, *(p.sentinel for p in alive)])
            while not done.empty():
                index, text = done.get()
                results[index] = _decode(text)
            alive = [p for p in alive if p.sentinel not in ready or p.is_alive()]
            show_ready()
        for index in range(len(exercises)):
            if index not in results:
                results[index] = runner.grade_exercise(exercises[index], folder, settings)
                show_ready()
    finally:
        for process in processes:
            if len(results) < len(exercises) and process.is_alive():
                process.terminate()  # interrupted: unwind, closing its worker
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
    return [results[index] for index in range(len(exercises))]
