"""Grading a whole class: every submission folder under a root, a gradebook out.

Every (submission, exercise) pair is one task for :mod:`grader.pool`'s forked
grading processes (``--jobs``, one per core by default), which share the
replay recordings made once before they start, so a slow submission holds
one core, not the class. A submission that cannot be graded at all -- an
empty folder, a broken file -- still gets a row of honest zeroes, and the
batch always completes. ``--shard I/N`` grades a deterministic slice of the
class, and :func:`grader.shards.merge` joins the slices' gradebooks into the
one a single run writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from grader import catalog, discovery
from grader.results import ExerciseResult, Report


@dataclass
class Graded:
    name: str
    report: Report
    seconds: float


def submissions(root: Path, shard: tuple[int, int] = (1, 1)) -> list[Path]:
    """Every folder directly under ``root`` (:func:`grader.discovery.subfolders`); ``root``
    itself when it is one submission (:func:`grader.discovery.is_one_submission`).

    ``shard`` = (I, N): only every N-th folder from the I-th on (1-based), so
    N machines given I = 1..N grade every submission exactly once.
    """
    index, count = shard
    if discovery.is_one_submission(root):
        folders = [root]
    else:
        folders = discovery.subfolders(root)
    return folders[index - 1::count]


def grade_all(root: Path, settings, jobs: int | None = None,
              on_graded: Callable[[Graded, int, int], None] | None = None,
              shard: tuple[int, int] = (1, 1)) -> list[Graded]:
    """Grade every submission under ``root`` (of ``shard``); ``on_graded`` reports progress."""
    from grader import pool

    folders = submissions(root, shard)
    exercises = list(catalog.exercises())
    jobs = max(1, jobs or os.cpu_count() or 1)
    pool.prepare(exercises, settings, jobs)
    order = pool.longest_first(exercises)
    tasks = [(discovery.resolve(folder), exercise) for folder in folders for exercise in order]
    found: dict[int, dict[str, ExerciseResult]] = {i: {} for i in range(len(folders))}
    results: list[Graded] = []

    def finished(index: int, result: ExerciseResult) -> None:
        student = index // len(order)
        found[student][result.id] = result
        if len(found[student]) == len(order):
            graded = [found[student][e.id] for e in exercises]  # course order
            report = Report(settings.device, settings.seed, graded)
            results.append(Graded(folders[student].name, report, sum(r.duration_s for r in graded)))
            if on_graded:
                on_graded(results[-1], len(results), len(folders))

    pool.grade_tasks(tasks, settings, jobs, finished)
    return sorted(results, key=lambda g: g.name)
