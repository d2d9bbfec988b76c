"""``grade watch``: re-grade on every save, move on when green.

The loop grades the current exercise, shows the result on a cleared
screen, and waits for the exercise's file to change. When it passes, the
next unfinished exercise becomes current and is shown at once. ``q`` (then
Enter) or Ctrl-C quits cleanly.
"""

from __future__ import annotations

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


def watch(folder: Path, settings, first: Exercise | None, echo: Callable[[str], None] = click.echo,
          clear: bool = True) -> int:
    """Run the watch loop until every exercise passes or the student quits."""
    import watchfiles

    from grader import report, runner

    progress = Progress(folder)
    current = first or next_unfinished(progress)
    stop = threading.Event()
    threading.Thread(target=_quit_on_q, args=(stop,), daemon=True).start()
    while current is not None and not stop.is_set():
        if clear:
            click.clear()
        echo(f"watching {folder / current.filename} · save to re-grade · q + Enter to quit\n")
        graded = runner.grade([current], folder, settings)
        echo("\n".join(report.exercise_text(graded.exercises[0], color=True)))
        progress.statuses[current.id] = graded.exercises[0].status
        progress.save()
        if graded.passed:
            following = next_unfinished(progress, after=current)
            if following is None:
                echo("\nEvery exercise passes. Well done!")
                return 0
            echo(f"\n{current.id} passes. Next: {following.id} · {following.title} "
                 f"({folder / following.filename})")
            current = following
            continue
        target = (folder / current.filename).resolve()
        for changes in watchfiles.watch(folder, stop_event=stop, debounce=200, rust_timeout=500,
                                        yield_on_timeout=False, raise_interrupt=False):
            if any(Path(path).resolve() == target for _, path in changes):
                break
    echo("bye")
    return 0
