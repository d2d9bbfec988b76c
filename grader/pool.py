"""Grading many (submission, exercise) tasks at once, one core each.

:mod:`grader.runner` grades one exercise of one submission; this module
schedules many. Most of an exercise's grading time is spent in the grading
process (hypothesis, the reference, the comparisons), so a single grading
process keeps one core busy: ``jobs`` forked grading processes each take the
next task from one queue, so the slowest submission holds one core, never the
others. Every exercise still runs its student code in a fresh worker of its
own, from the one forkserver the parent started.

Forking is what makes this cheap: the children inherit the imported torch and
the replay recordings (:mod:`grader.replay`, made once in the parent by
:func:`prepare`) instead of paying for them each. It is only safe before CUDA
has been touched in this process, so it is used for CPU grading on Linux;
everything else grades one task after another. The children are trusted
grader code: they hand back results as JSON text.

Only the command line (and :mod:`grader.batch`, which it imports) imports this
module; the runner never does.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import signal
import sys
from dataclasses import asdict
from multiprocessing import connection
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from grader import runner
from grader.results import CheckResult, ExerciseResult, Report

if TYPE_CHECKING:
    from grader.exercise import Exercise
    from grader.runner import Settings

Task = tuple[Path, "Exercise"]  # a submission folder and one of its exercises
_STOP = -1


def usable(settings: Settings, jobs: int, count: int) -> bool:
    """Whether grading ``count`` tasks may use forked grading processes."""
    # Linux only: macOS has fork, but forking once system frameworks are
    # loaded is what made Python stop using it there by default.
    return jobs > 1 and count > 1 and settings.device == "cpu" and sys.platform.startswith("linux")


def _record(exercises: list[Exercise], settings: Settings) -> None:
    from grader import replay

    for exercise in exercises:
        if checks := runner.selected_checks(exercise, settings):
            reference = runner.ReferenceSide(exercise, settings.device)
            for check in checks:
                replay.recording(exercise, check, settings, reference)


def prepare(exercises: list[Exercise], settings: Settings, jobs: int) -> None:
    """Load every check's replay recording here, so that forked graders share them.

    Recordings missing from the cache folder are first made by ``jobs``
    forked processes at once (they write them to the cache), then read here;
    none is forked when every one is there already.
    """
    from grader import replay

    if not settings.replay:
        return
    missing = [e for e in exercises
               if not all(replay.kept(e, c, settings) for c in runner.selected_checks(e, settings))]
    if usable(settings, jobs, len(missing)) and replay.cache_folder():
        context = multiprocessing.get_context("fork")
        recorders = [context.Process(target=_record, args=(missing[i::jobs], settings))
                     for i in range(min(jobs, len(missing)))]
        for process in recorders:
            process.start()
        for process in recorders:
            process.join()
    _record(exercises, settings)


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


def _encode(result: ExerciseResult) -> str:
    return json.dumps(asdict(result))


def _decode(text: str) -> ExerciseResult:
    fields = json.loads(text)
    checks = [CheckResult(**check) for check in fields.pop("checks")]
    return ExerciseResult(**fields, checks=checks)


def _grading_process(tasks: list[Task], settings: Settings, queue: multiprocessing.SimpleQueue,
                     done: multiprocessing.SimpleQueue) -> None:
    """Grade tasks from ``queue`` until told to stop.

    Ctrl-C reaches the whole process group; the parent alone decides what it
    means and stops the children with SIGTERM, which unwinds the exercise
    being graded so that its worker is closed on the way out.
    """
    import torch

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupted)
    _reuse_parents_forkserver()
    torch.set_num_threads(1)  # one core each: the processes are the parallelism
    try:
        while (index := queue.get()) != _STOP:
            folder, exercise = tasks[index]
            done.put((index, _encode(runner.grade_exercise(exercise, folder, settings))))
    except KeyboardInterrupt:
        pass


def grade_tasks(tasks: list[Task], settings: Settings, jobs: int,
                on_result: Callable[[int, ExerciseResult], None] | None = None) -> list[ExerciseResult]:
    """Grade ``tasks`` (in ``jobs`` forked processes where :func:`usable`); results in task order.

    ``on_result(index, result)`` sees each result as soon as it is known, in
    whatever order the tasks finish. A task whose grading process died
    without an answer (a bug in the grader, or the process killed) is graded
    again here, so the run always completes.
    """
    results: dict[int, ExerciseResult] = {}

    def finished(index: int, result: ExerciseResult) -> None:
        results[index] = result
        if on_result:
            on_result(index, result)

    processes: list[multiprocessing.Process] = []
    if usable(settings, jobs, len(tasks)):
        context = multiprocessing.get_context("fork")
        gc.freeze()  # the children share torch and the recordings until they write: no collection walks them
        queue, done = context.SimpleQueue(), context.SimpleQueue()
        # Not daemons: a daemonic process may not start the workers it needs.
        # The finally clause below ends them instead.
        processes = [context.Process(target=_grading_process, args=(tasks, settings, queue, done))
                     for _ in range(min(jobs, len(tasks)))]
        for process in processes:
            process.start()
        for index in range(len(tasks)):
            queue.put(index)
        for _ in processes:
            queue.put(_STOP)
    try:
        alive = list(processes)
        while len(results) < len(tasks) and alive:
            ready = connection.wait([done._reader, *(p.sentinel for p in alive)])
            while not done.empty():
                finished(*_decoded(done.get()))
            alive = [p for p in alive if p.sentinel not in ready or p.is_alive()]
        # Here, what no grading process answered: everything, where none was forked.
        for index, (folder, exercise) in enumerate(tasks):
            if index not in results:
                finished(index, runner.grade_exercise(exercise, folder, settings))
    finally:
        for process in processes:
            if len(results) < len(tasks) and process.is_alive():
                process.terminate()  # interrupted: unwind, closing its worker
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
    return [results[index] for index in range(len(tasks))]


def _decoded(item: tuple[int, str]) -> tuple[int, ExerciseResult]:
    index, text = item
    return index, _decode(text)


def grade(exercises: list[Exercise], folder: Path, settings: Settings,
          on_result: Callable[[ExerciseResult], None] | None = None, jobs: int = 1) -> Report:
    """Grade several exercises of one submission, each in its own worker.

    ``on_result`` sees each result in course order, as soon as it and every
    exercise before it are known, so a terminal can show progress while the
    rest is graded. ``jobs > 1`` grades that many exercises at once where
    :func:`usable` allows it.
    """
    results: dict[int, ExerciseResult] = {}
    shown = 0
    order = longest_first(exercises)
    course = [exercises.index(exercise) for exercise in order]  # each task's place in course order

    def show_ready(index: int, result: ExerciseResult) -> None:
        nonlocal shown
        results[course[index]] = result
        while shown in results:
            if on_result:
                on_result(results[shown])
            shown += 1

    grade_tasks([(folder, exercise) for exercise in order], settings, jobs, show_ready)
    return Report(settings.device, settings.seed, [results[i] for i in range(len(exercises))], settings.show_output)


def longest_first(exercises: list[Exercise]) -> list[Exercise]:
    """``exercises``, those that take longest first (they train, have a time limit of their own, or
    their worker imports more than torch), so that on several cores none of them starts last."""
    return sorted(exercises, key=lambda e: not (e.trains or e.timeout or e.imports))
