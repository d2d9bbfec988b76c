"""Grading what a notebook defines: ``check("exercise-03")`` in a Jupyter or Colab cell.

The course notes are notebooks, so students write their functions in
cells. Those live objects cannot cross into a worker (nothing crosses but
data), and running them in the notebook's own process would break the rule
that student code runs elsewhere. So ``check`` rebuilds a student file from
*source* -- in a kernel, from the cells it ran (:mod:`grader.notebook_source`);
elsewhere, from each given object's source, the functions and classes it
calls and the modules it uses -- then grades that file exactly as ``grade
run`` would, same checks, same messages, naming notebook cells.
"""

from __future__ import annotations

import inspect
import sys
import tempfile
import textwrap
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader import notebook_submission
from grader.notebook_source import Cell, rebuild
from grader.results import ExerciseResult, Report

if TYPE_CHECKING:
    from grader import runner
    from grader.exercise import Exercise


def _source(obj: Any) -> str:
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError) as exc:
        raise ValueError(f"cannot read the source of {getattr(obj, '__name__', obj)!r} ({exc}); "
                         "outside a notebook, check() reads each object's source from the file that defines it") from None


def _dependencies(obj: Any, seen: dict[str, Any], imports: dict[str, str]) -> None:
    """Collect the notebook-defined functions/classes and modules that ``obj`` refers to."""
    functions = [obj] if inspect.isfunction(obj) else [
        member for member in vars(obj).values() if inspect.isfunction(member)] if inspect.isclass(obj) else []
    for function in functions:
        namespace = function.__globals__
        for name in function.__code__.co_names + tuple(
                n for const in function.__code__.co_consts if isinstance(const, types.CodeType)
                for n in const.co_names):
            value = namespace.get(name)
            if isinstance(value, types.ModuleType):
                imports[name] = value.__name__
            elif (inspect.isfunction(value) or inspect.isclass(value)) and name not in seen \
                    and getattr(value, "__module__", None) == obj.__module__:
                seen[name] = value
                _dependencies(value, seen, imports)


def build_source(objects: dict[str, Any]) -> str:
    """A student file holding the given objects, what they call, and their imports."""
    seen: dict[str, Any] = {}
    imports: dict[str, str] = {"torch": "torch"}
    for name, obj in objects.items():
        seen.setdefault(name, obj)
        _dependencies(obj, seen, imports)
    lines = [f"import {module}" if alias == module else f"import {module} as {alias}"
             for alias, module in sorted(imports.items())]
    body = []
    for name, obj in seen.items():
        source = _source(obj)
        body.append(source)
        if obj.__name__ != name:
            body.append(f"{name} = {obj.__name__}\n")
    return "\n".join(lines) + "\n\n\n" + "\n\n".join(body)


class NotebookResult:
    """A graded exercise that renders as HTML in Jupyter and as text elsewhere."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.result = report.exercises[0]

    @property
    def passed(self) -> bool:
        return self.result.passed

    def __str__(self) -> str:
        from grader.report import to_text

        return to_text(self.report)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from html import escape

        from grader.report import MARKS, STATUS_WORDS, example_text, printed_parts

        mark, colour = MARKS[self.result.status]
        colour = {"green": "#1a7f37", "red": "#cf222e"}.get(colour, "#57606a")
        rows = []
        for check in self.result.checks:
            symbol = {"passed": "✔", "failed": "✘"}.get(check.status, "·")
            detail = ""
            if check.status in ("failed", "error"):
                example = example_text(check) + "\n" if check.counterexample else ""
                detail = f"<pre style='margin:2px 0 6px 1.5em'>{escape(example + check.message)}</pre>"
            if check.output:  # the student's own prints, set apart from the grader's words
                label, text = printed_parts(check.output)
                detail += (f"<div style='margin-left:1.5em;color:#57606a'>{escape(label)}</div><pre style='margin:0 0 "
                           f"6px 1.5em;padding-left:6px;border-left:3px solid #d0d7de'>{escape(text)}</pre>")
            rows.append(f"<div>{symbol} {escape(check.name)}</div>{detail}")
        message = f"<pre>{escape(self.result.message)}</pre>" if self.result.message and not self.passed else ""
        return (f"<div style='font-family:monospace'><b style='color:{colour}'>{mark} {self.result.id} "
                f"{escape(self.result.title)}: {STATUS_WORDS[self.result.status]}</b>{message}"
                + "".join(rows) + "</div>")


def _shell() -> Any | None:
    """The running IPython shell (Jupyter, Colab), or None; never imports IPython."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython else None


def kernel_cells(shell: Any) -> list[Cell]:
    """The cells ``shell`` executed, in order, labelled as Jupyter shows them (``cell [3]``)."""
    history = shell.history_manager.input_hist_raw
    return [Cell(f"cell [{number}]", source) for number, source in enumerate(history) if number and source]


def _aliases(objects: dict[str, Any], namespace: dict[str, Any]) -> dict[str, str]:
    """``relu=my_relu`` -> ``{"relu": "my_relu"}``: the notebook variable each given object is known by."""
    aliases = {}
    for name, obj in objects.items():
        if namespace.get(name) is obj:
            continue
        known = [key for key, value in namespace.items() if value is obj and not key.startswith("_")]
        if not known:
            raise ValueError(f"check(): {name}= must be a function or class defined in your notebook "
                             "(by def, class or an assignment), not an expression")
        own = getattr(obj, "__name__", None)
        aliases[name] = own if own in known else known[0]
    return aliases


def check(exercise: str, device: str = "cpu", seed: int = 0, examples: int | None = None,
          **objects: Any) -> NotebookResult:
    """Grade what the notebook defines as ``exercise``'s submission.

    In a Jupyter or Colab kernel the module is rebuilt from the cells the
    kernel ran (:mod:`grader.notebook_source`), so ``check("exercise-12")``
    finds the exercise's names by itself; ``check("exercise-02",
    relu=my_relu)`` grades ``my_relu`` as ``relu``. Outside IPython there
    is no cell history, and the given objects are rebuilt from their source.

    >>> check("exercise-03")   # doctest: +SKIP
    """
    from grader import catalog, runner

    found = catalog.find(exercise)
    settings = runner.Settings(device=device, seed=seed, examples=examples or runner.DEFAULT_EXAMPLES)
    shell = _shell()
    if shell is None:
        return NotebookResult(Report(device, seed, [_check_objects(found, objects, settings)]))
    cells = kernel_cells(shell)
    aliases = _aliases(objects, shell.user_ns)
    cells.append(Cell("your check() call", "".join(f"{name} = {known}\n" for name, known in aliases.items())))
    rebuilt = rebuild(cells, found.functions)
    if not rebuilt.defined & set(found.functions) and not rebuilt.error:
        result = ExerciseResult(found.id, found.title, "missing",
                                message=f"your notebook defines none of {', '.join(found.functions)}: run the "
                                        f"cells that define them, then check({found.id!r}) again")
    else:
        result = notebook_submission.grade_rebuilt(found, rebuilt, settings)
    return NotebookResult(Report(device, seed, [result]))


def _check_objects(found: Exercise, objects: dict[str, Any], settings: runner.Settings) -> ExerciseResult:
    """Outside IPython: grade the given objects, rebuilt from their source (:func:`build_source`)."""
    from grader import runner

    if not objects:
        names = ", ".join(f"{name}={name}" for name in found.functions)
        raise ValueError(f"outside a notebook, pass the objects to grade, e.g. check({found.id!r}, {names})")
    with tempfile.TemporaryDirectory(prefix="torchkata-notebook-") as folder:
        (Path(folder) / found.filename).write_text(build_source(objects), encoding="utf-8")
        return runner.grade_exercise(found, Path(folder), settings)
