"""Grading notebooks: ``.ipynb`` submissions and ``check()``'s rebuilt module.

A submission folder may hold ``exercise_NN_*.ipynb`` notebooks beside (or
instead of) ``exercise_NN_*.py`` files, and one whole-course notebook holding
several exercises, found by the names it defines. An exercise's ``.py`` file
wins over any notebook; then its own ``exercise_NN_*.ipynb``; then the other
notebooks of the folder, the one defining most of the exercise's names.

A notebook is graded as the file :mod:`grader.notebook_source` rebuilds from
its code cells in document order (what "Restart and run all" would run),
written to a private folder and graded by :func:`grader.runner.grade_exercise`
like any student file; :func:`relabel` then rewrites the messages so that
they name notebook cells, never the rebuilt file.
"""

from __future__ import annotations

import re
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from grader.notebook_source import Cell, Rebuilt, rebuild
from grader.results import ExerciseResult

if TYPE_CHECKING:
    from grader.exercise import Exercise
    from grader.runner import Settings

_EXERCISE_NOTEBOOK = re.compile(r"^exercise_\d\d_.*\.ipynb$")
# A name the graded code needs and did not find: a NameError, or a probe's missing function.
_NOT_FOUND = re.compile(r"name '(\w+)' is not defined|does not define `(\w+)`")


class NotebookError(Exception):
    """A file that is not a readable notebook; the message is one line."""


def read_cells(path: Path) -> list[Cell]:
    """The code cells of the notebook at ``path``, labelled by their place in it (``cell 4``)."""
    import json

    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("cells", data.get("worksheets")), list):
            raise ValueError("it holds no list of cells")
        notebook = nbformat.reads(text, as_version=4)
        found = []
        for position, cell in enumerate(notebook.cells, start=1):
            if cell.cell_type == "code":
                source = cell.source
                found.append(Cell(f"cell {position}", source if isinstance(source, str) else "".join(source)))
        return found
    except UnicodeDecodeError:
        raise NotebookError(f"{path.name} is not a notebook that can be read (it is not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise NotebookError(f"{path.name} is not a notebook that can be read (it is not JSON: {exc.msg}, "
                            f"line {exc.lineno})") from None
    except Exception as exc:  # noqa: BLE001 -- nbformat raises many kinds; every one means "not a notebook"
        why = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise NotebookError(f"{path.name} is not a notebook that can be read ({why})") from None


@lru_cache(maxsize=64)
def _cells(path: Path, mtime_ns: int) -> tuple[Cell, ...] | NotebookError:
    """The notebook's code cells, read once per version of the file (``find`` reads a course
    notebook for every exercise); an unreadable file's error is remembered the same way."""
    try:
        return tuple(read_cells(path))
    except NotebookError as exc:
        return exc


def _defines(path: Path, names: tuple[str, ...]) -> int:
    """How many of ``names`` the notebook at ``path`` defines (-1: it cannot be read)."""
    cells = _cells(path, path.stat().st_mtime_ns)
    if isinstance(cells, NotebookError):
        return -1
    return len(rebuild(cells, names).defined & set(names))


def find(exercise: Exercise, folder: Path) -> Path | None:
    """The notebook that holds ``exercise`` in ``folder``, or None when a ``.py`` file does (or nothing)."""
    if (folder / exercise.filename).exists() or not folder.is_dir():
        return None
    own = sorted(folder.glob(f"exercise_{exercise.number:02d}_*.ipynb"))
    if own:
        return own[0]
    course = [p for p in sorted(folder.glob("*.ipynb")) if not _EXERCISE_NOTEBOOK.match(p.name) and p.is_file()]
    counts = {path: _defines(path, exercise.functions) for path in course}
    best = max(course, key=lambda p: counts[p], default=None)
    if best is not None and counts[best] > 0:
        return best
    # A course notebook that cannot be read should have held every exercise no file holds.
    return next((path for path in course if counts[path] < 0), None)


def relabel(result: ExerciseResult, rebuilt: Rebuilt, exercise: Exercise) -> ExerciseResult:
    """Make ``result``'s messages name notebook cells instead of the rebuilt file."""
    filename = re.escape(exercise.filename)

    def cell_of(match: re.Match) -> str:
        return f"your notebook, {rebuilt.where(int(match.group(1))) or 'line ' + match.group(1)}"

    def rewrite(message: str) -> str:
        if not message:
            return message
        message = re.sub(rf'File "[^"\n]*{filename}", line (\d+)', cell_of, message)
        message = re.sub(rf"{filename}, line (\d+)", cell_of, message)
        message = re.sub(r"(?m)^line (\d+):", lambda m: cell_of(m) + ":", message)
        message = message.replace(exercise.filename, "your notebook").replace("your file", "your notebook")
        missing = dict.fromkeys(a or b for a, b in _NOT_FOUND.findall(message) if (a or b) in rebuilt.dropped)
        return "\n".join([message, *(rebuilt.dropped[name].explain(name) for name in missing)])

    result.message = rewrite(result.message)
    for check in result.checks:
        check.message = rewrite(check.message)
    return result


def grade_rebuilt(exercise: Exercise, rebuilt: Rebuilt, settings: Settings) -> ExerciseResult:
    """Grade the module rebuilt from a notebook, with messages about the notebook."""
    from grader import runner

    if rebuilt.error:
        return ExerciseResult(exercise.id, exercise.title, "error", message=rebuilt.error)
    with tempfile.TemporaryDirectory(prefix="torchkata-notebook-") as folder:
        (Path(folder) / exercise.filename).write_text(rebuilt.text, encoding="utf-8")
        result = runner.grade_exercise(exercise, Path(folder), settings)
    return relabel(result, rebuilt, exercise)


def grade(exercise: Exercise, path: Path, settings: Settings) -> ExerciseResult:
    """Grade ``exercise`` from the notebook at ``path``; an unreadable one is an ``error``."""
    started = time.monotonic()
    cells = _cells(path, path.stat().st_mtime_ns)
    if isinstance(cells, NotebookError):
        result = ExerciseResult(exercise.id, exercise.title, "error", message=str(cells))
        result.duration_s = time.monotonic() - started
        return result
    return grade_rebuilt(exercise, rebuild(cells, exercise.functions), settings)
