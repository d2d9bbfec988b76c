"""Grading functions defined in a notebook: ``check("exercise-03", one_hot=one_hot)``.

The course notes are notebooks, so students write their functions in
cells. Those live objects cannot cross into a worker (nothing crosses but
data), and running them in the notebook's own process would break the rule
that student code runs elsewhere. So ``check`` rebuilds a student file from
their *source*: each given function or class, the notebook functions and
classes they call, and import lines for the modules they use -- then grades
that file exactly as ``grade run`` would, same checks, same messages.
"""

from __future__ import annotations

import inspect
import tempfile
import textwrap
import types
from pathlib import Path
from typing import Any

from grader.results import Report


def _source(obj: Any) -> str:
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError) as exc:
        raise ValueError(f"cannot read the source of {getattr(obj, '__name__', obj)!r} ({exc}); "
                         "define it in a cell of its own and run that cell again") from None


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

        from grader.report import MARKS, STATUS_WORDS

        mark, colour = MARKS[self.result.status]
        colour = {"green": "#1a7f37", "red": "#cf222e"}.get(colour, "#57606a")
        rows = []
        for check in self.result.checks:
            symbol = {"passed": "✔", "failed": "✘"}.get(check.status, "·")
            detail = ""
            if check.status in ("failed", "error"):
                example = f"smallest failing input: {check.counterexample}\n" if check.counterexample else ""
                detail = f"<pre style='margin:2px 0 6px 1.5em'>{escape(example + check.message)}</pre>"
            rows.append(f"<div>{symbol} {escape(check.name)}</div>{detail}")
        message = f"<pre>{escape(self.result.message)}</pre>" if self.result.message and not self.passed else ""
        return (f"<div style='font-family:monospace'><b style='color:{colour}'>{mark} {self.result.id} "
                f"{escape(self.result.title)}: {STATUS_WORDS[self.result.status]}</b>{message}"
                + "".join(rows) + "</div>")


def check(exercise: str, device: str = "cpu", seed: int = 0, examples: int | None = None,
          **objects: Any) -> NotebookResult:
    """Grade notebook-defined functions/classes as ``exercise``'s submission.

    >>> check("exercise-03", one_hot=one_hot)   # doctest: +SKIP
    """
    from grader import catalog, runner

    found = catalog.find(exercise)
    if not objects:
        names = ", ".join(f"{name}={name}" for name in found.functions)
        raise ValueError(f"pass the objects to grade, e.g. check({found.id!r}, {names})")
    source = build_source(objects)
    with tempfile.TemporaryDirectory(prefix="torchkata-notebook-") as folder:
        (Path(folder) / found.filename).write_text(source, encoding="utf-8")
        settings = runner.Settings(device=device, seed=seed, examples=examples or runner.DEFAULT_EXAMPLES)
        report = runner.grade([found], Path(folder), settings)
    return NotebookResult(report)
