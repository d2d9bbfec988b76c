"""``grade watch``: re-grade on every save, move on when green.

The loop grades the current exercise, shows the result on a cleared
screen, and waits for the exercise's file to change. When it passes, the
next unfinished exercise becomes current and is graded at once, below the
"passes. Next: ..." line (the screen is not cleared then, so the line stays
until the next save). ``q`` (then Enter) or Ctrl-C quits cleanly.

A save is known by the file's stamp (inode, size, modification time), taken
just before grading: one made while a grading run was in progress differs
from it and is graded as soon as that run ends, instead of waiting for a
save that may never come.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Callable

import click

from grader import catalog
from grader.exercise import Exercise
from grader.progress import Progress


def next_unfinished(progress: Progress, after: Exercise | None = None) -> Exercise | None:
    """The first exercise not passed yet, looking after ``after`` first, then from the start."""
    exercises = list(catalog.exercises())
    start = exercises.index(after) + 1 if after else 0
    for exercise in exercises[start:] + exercises[:start]:
        if progress.statuses.get(exercise.id) != "passed" and exercise is not after:
            return exercise
    return None


def _quit_on_q(stop: threading.Event) -> None:
    for line in sys.stdin:
        if line.strip().lower() in ("q", "quit", "exit"):
            stop.set()
            return
    # stdin closed: keep watching until Ctrl-C


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when the file is saved (an editor may replace it: the inode too)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def watch(folder: Path, settings, first: Exercise | None, echo: Callable[[str], None] = click.echo,
          clear: bool = True) -> int:
    """Run the watch loop until every exercise passes or the student quits."""
    import watchfiles

    from grader import pool, report

    progress = Progress(folder)
    current = first or next_unfinished(progress)
    stop = threading.Event()
    threading.Thread(target=_quit_on_q, args=(stop,), daemon=True).start()
    keep_screen = False
    while current is not None and not stop.is_set():
        if clear and not keep_screen:
            click.clear()
        keep_screen = False
        echo(f"watching {folder / current.filename} · save to re-grade · q + Enter to quit\n")
        target = (folder / current.filename).resolve()
        graded_stamp = _stamp(target)
        graded = pool.grade([current], folder, settings)
        echo("\n".join(report.exercise_text(graded.exercises[0], color=True)))
        progress.statuses[current.id] = graded.exercises[0].status
        progress.save()
        if graded.passed:
            following = next_unfinished(progress, after=current)
            if following is None:
                echo("\nEvery exercise passes. Well done!")
                return 0
            echo(f"\n{current.id} passes. Next: {following.id} · {following.title} "
                 f"({folder / following.filename})\n")
            current, keep_screen = following, True
            continue
        if _stamp(target) != graded_stamp:
            continue  # saved while it was being graded: grade the newer file now
        # Each yield, a change or a half-second timeout, compares the stamp: a save
        # between the check above and the watcher's start is still seen.
        for _ in watchfiles.watch(folder, stop_event=stop, debounce=200, rust_timeout=500,
                                  yield_on_timeout=True, raise_interrupt=False):
            if _stamp(target) != graded_stamp:
                break
    echo("bye")
    return 0
