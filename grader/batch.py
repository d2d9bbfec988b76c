"""Grading a whole class: every submission folder under a root, a gradebook out.

Submissions are graded in parallel by a pool of grading processes (``--jobs``,
one per core by default), each of which imports torch once and then grades
many submissions, every exercise still in a fresh worker of its own. Pool
processes are trusted grader code: they hand back reports as plain JSON-able
dicts. A submission that cannot be graded at all -- an empty folder, a
broken file -- still gets a row of honest zeroes, and the batch always
completes.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from grader import catalog, discovery
from grader.results import Report


@dataclass
class Graded:
    name: str
    report: Report
    seconds: float


def submissions(root: Path) -> list[Path]:
    """Every folder directly under ``root``, in name order (hidden ones skipped); ``root``
    itself when it is one submission (:func:`grader.discovery.is_one_submission`)."""
    if discovery.is_one_submission(root):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _grade_one(folder: str, settings_fields: dict) -> tuple[dict, float]:
    """Runs in a pool process: grade one submission, return the report as data."""
    import time

    from grader import runner

    started = time.monotonic()
    settings = runner.Settings(**settings_fields)
    report = runner.grade(list(catalog.exercises()), runner.resolve_submission(Path(folder)), settings)
    return report.to_dict(), time.monotonic() - started


def _warm_pool_process() -> None:
    """Import the grader (and torch) once per pool process, and start its forkserver."""
    from grader import forkserver, runner  # noqa: F401

    forkserver.start()


def grade_all(root: Path, settings, jobs: int | None = None,
              on_graded: Callable[[Graded, int, int], None] | None = None) -> list[Graded]:
    """Grade every submission under ``root``; ``on_graded`` reports progress."""
    import multiprocessing

    folders = submissions(root)
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: list[Graded] = []
    fields = dict(settings.__dict__)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, max(1, len(folders))), mp_context=context,
                             initializer=_warm_pool_process) as pool:
        futures = {pool.submit(_grade_one, str(folder), fields): folder for folder in folders}
        for future in as_completed(futures):
            folder = futures[future]
            data, seconds = future.result()
            graded = Graded(folder.name, Report.from_dict(data), seconds)
            results.append(graded)
            if on_graded:
                on_graded(graded, len(results), len(folders))
    return sorted(results, key=lambda g: g.name)

